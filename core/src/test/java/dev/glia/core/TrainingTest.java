package dev.glia.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Parameter;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import dev.glia.testkit.ReferenceBackend;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrainingTest {
    private static final float[][] XOR_IN = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    private static final float[][] XOR_OUT = {{0}, {1}, {1}, {0}};

    private final Backend backend = new ReferenceBackend();

    @AfterEach
    void close() {
        assertEquals(0, backend.liveTensors(), "a test leaked tensors");
        backend.close();
    }

    private Network xorNetwork(long seed) {
        return Network.builder(backend)
                .seed(seed)
                .input(2)
                .dense(8, "tanh")
                .dense(1, "sigmoid")
                .build();
    }

    @Test
    void learnsXorWithANonLinearity() {
        try (Network net = xorNetwork(1)) {
            TrainingHistory h = net.fit(
                    Dataset.of(XOR_IN, XOR_OUT),
                    TrainingOptions.builder()
                            .loss(Losses.binaryCrossEntropy())
                            .optimizer(Optimizers.adam(0.1))
                            .batchSize(4)
                            .epochs(2000)
                            .targetLoss(0.01)
                            .build());
            float[][] out = net.predict(XOR_IN);
            for (int i = 0; i < 4; i++) {
                assertEquals(XOR_OUT[i][0], out[i][0], 0.1, "XOR output " + i);
            }
            assertTrue(h.finalLoss() <= 0.01, h.stopReason());
            assertTrue(h.steps() < 2000, "stopped at the target loss, after " + h.steps() + " steps");
        }
    }

    @Test
    void handSetReluNetworkComputesXorExactly() {
        try (Network net = Network.builder(backend)
                .input(2)
                .dense(2, "relu", new double[] {1, 1, 1, 1}, new double[] {0, -1})
                .dense(1, "identity", new double[] {1, -2}, new double[] {0})
                .build()) {
            float[][] out = net.predict(XOR_IN);
            assertArrayEquals(new float[] {0, 1, 1, 0}, new float[] {out[0][0], out[1][0], out[2][0], out[3][0]});
        }
    }

    @Test
    void linearNetworkCannotLearnXorAndFoldsIntoOneAffineMap() {
        try (Network net = Network.builder(backend)
                .seed(1)
                .input(2)
                .dense(8, "identity")
                .dense(1, "identity")
                .build()) {
            TrainingHistory h = net.fit(
                    Dataset.of(XOR_IN, XOR_OUT),
                    TrainingOptions.builder()
                            .loss(Losses.mse())
                            .optimizer(Optimizers.adam(0.05))
                            .batchSize(4)
                            .epochs(1000)
                            .build());
            assertTrue(h.finalLoss() >= 0.2, "a linear model's best MSE on XOR is 0.25, got " + h.finalLoss());
            try (Network folded = net.foldAffine()) {
                assertEquals(1, folded.layers().size());
                float[][] a = net.predict(XOR_IN);
                float[][] b = folded.predict(XOR_IN);
                for (int i = 0; i < 4; i++) {
                    assertEquals(0.5, a[i][0], 0.1);
                    assertEquals(a[i][0], b[i][0], 1e-5);
                }
            }
        }
    }

    @Test
    void sameSeedGivesTheSameWeightsAndTheSameTraining() {
        Dataset data = Dataset.of(XOR_IN, XOR_OUT);
        double[][] finalWeights = new double[2][];
        List<Double> firstHistory = null;
        for (int run = 0; run < 2; run++) {
            try (Network net = xorNetwork(42)) {
                TrainingHistory h = net.fit(
                        data,
                        TrainingOptions.builder()
                                .optimizer(Optimizers.sgd(0.5))
                                .batchSize(2)
                                .epochs(20)
                                .seed(9)
                                .build());
                finalWeights[run] = net.parameters().get(0).value().toDoubleArray();
                if (run == 0) {
                    firstHistory = h.epochLosses();
                } else {
                    assertEquals(firstHistory, h.epochLosses());
                }
            }
        }
        assertArrayEquals(finalWeights[0], finalWeights[1]);
    }

    @Test
    void steadyStateTrainingAllocatesNothing() {
        float[][] x = new float[10][3];
        float[][] y = new float[10][2];
        for (int i = 0; i < 10; i++) {
            x[i] = new float[] {i, i % 3, 1 - i};
            y[i][i % 2] = 1;
        }
        Dataset data = Dataset.of(x, y); // batch 4: batches of 4, 4 and 2 each epoch
        try (Network net = Network.builder(backend)
                .seed(3)
                .input(3)
                .dense(5, "relu")
                .dense(2, "softmax")
                .build()) {
            TrainingOptions options = TrainingOptions.builder()
                    .loss(Losses.softmaxCrossEntropy())
                    .optimizer(Optimizers.adam(0.01))
                    .batchSize(4)
                    .epochs(4)
                    .build(); // 12 steps
            net.fit(data, options);
            long afterTen = backend.liveTensors();
            long bytesAfterTen = backend.liveBytes();
            TrainingHistory h = net.fit(
                    data,
                    TrainingOptions.builder()
                            .loss(Losses.softmaxCrossEntropy())
                            .optimizer(options.optimizer())
                            .batchSize(4)
                            .epochs(330)
                            .build()); // ~1,000 more steps
            assertEquals(990, h.steps());
            assertEquals(afterTen, backend.liveTensors());
            assertEquals(bytesAfterTen, backend.liveBytes());
        }
    }

    /** A service predicts batches of every size; the network reuses its buffers instead of keeping one per size. */
    @Test
    void predictingBatchesOfManySizesKeepsMemoryFlat() {
        try (Network net = Network.builder(backend)
                .seed(3)
                .input(3)
                .dense(5, "relu")
                .dense(2, "softmax")
                .build()) {
            float[][] probe = {{0.5f, -1, 2}};
            float[] expected = net.predict(probe)[0];
            for (int n : new int[] {1, 2, 3, 257}) { // Dense keeps its last three sizes; 257 = a full batch and a tail
                net.predict(new float[n][3]);
            }
            long tensors = backend.liveTensors();
            long bytes = backend.liveBytes();
            for (int n = 300; n >= 1; n--) {
                net.predict(new float[n][3]);
            }
            assertTrue(
                    backend.liveTensors() <= tensors,
                    backend.liveTensors() + " tensors after 300 sizes, " + tensors + " after 4");
            assertTrue(backend.liveBytes() <= bytes + 8L * 256 * 5 * 4, backend.liveBytes() + " bytes, " + bytes);
            assertArrayEquals(expected, net.predict(probe)[0]);
        }
    }

    @Test
    void divergenceStopsWithTheEpochAndBatch() {
        float[][] x = {{1e30f, -1e30f}, {3e30f, 1e30f}};
        float[][] y = {{1}, {0}};
        try (Network net = Network.builder(backend)
                .seed(1)
                .input(2)
                .dense(4, "relu")
                .dense(1, "identity")
                .build()) {
            TrainingDivergedException e = assertThrows(
                    TrainingDivergedException.class,
                    () -> net.fit(
                            Dataset.of(x, y),
                            TrainingOptions.builder()
                                    .optimizer(Optimizers.sgd(1e10))
                                    .batchSize(1)
                                    .epochs(5)
                                    .shuffle(false)
                                    .build()));
            assertTrue(e.getMessage().contains("epoch " + e.epoch() + ", batch " + e.batch()), e.getMessage());
            assertEquals(1, e.epoch());
            assertTrue(e.getMessage().contains("Lower the learning rate"), "finite data: " + e.getMessage());
        }
    }

    @Test
    void aNaNOrInfinityInTheDataIsNamedWhenTheLossDiverges() {
        float[][] x = {{1, 2}, {3, 4}, {5, Float.POSITIVE_INFINITY}, {7, 8}};
        float[][] y = {{1}, {0}, {1}, {Float.NaN}};
        TrainingOptions options = TrainingOptions.builder()
                .optimizer(Optimizers.sgd(0.01))
                .batchSize(2)
                .shuffle(false)
                .build();
        try (Network net =
                Network.builder(backend).seed(1).input(2).dense(1, "identity").build()) {
            TrainingDivergedException e =
                    assertThrows(TrainingDivergedException.class, () -> net.fit(Dataset.of(x, y), options));
            assertEquals(2, e.batch());
            assertTrue(
                    e.getMessage().contains("because the features of sample 2 hold Infinity at position 1"),
                    e.getMessage());
            y[3][0] = 0;
            x[2][1] = 6;
            y[1][0] = Float.NaN;
            e = assertThrows(TrainingDivergedException.class, () -> net.fit(Dataset.of(x, y), options));
            assertTrue(
                    e.getMessage().contains("because the targets of sample 1 hold NaN at position 0"), e.getMessage());
        }
    }

    @Test
    void shapeMismatchNamesTheLayerAndBothShapes() {
        try (Network net = Network.builder(backend)
                        .input(4)
                        .dense(3, "relu")
                        .dense(2, "identity")
                        .build();
                Tensor wrong = backend.allocate(Shape.of(5, 3), DType.FLOAT32)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.forward(wrong));
            assertEquals(
                    "Dense #1 expects 4 inputs, got a batch of shape [5, 3]; a batch must be [batchSize, 4]",
                    e.getMessage());
            IllegalArgumentException e2 = assertThrows(
                    IllegalArgumentException.class,
                    () -> net.fit(
                            Dataset.of(new float[][] {{1, 2, 3, 4}}, new float[][] {{1, 2, 3}}),
                            TrainingOptions.builder().build()));
            assertTrue(e2.getMessage().contains("[1, 2]") && e2.getMessage().contains("[1, 3]"), e2.getMessage());
        }
    }

    @Test
    void unknownActivationListsWhatIsAvailable() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Network.builder(backend).input(2).dense(2, "swishy").build());
        assertTrue(
                e.getMessage().contains("'swishy'")
                        && e.getMessage().contains("relu")
                        && e.getMessage().contains("META-INF/services/dev.glia.api.Activation"),
                e.getMessage());
    }

    @Test
    void summaryListsLayersShapesAndParameters() {
        try (Network net = Network.builder(backend)
                .input(784)
                .dense(256, "relu")
                .dense(128, "relu")
                .dense(10, "softmax")
                .build()) {
            String s = net.summary();
            assertTrue(s.contains("Dense #1") && s.contains("[784]") && s.contains("200,960"), s);
            assertTrue(s.contains("Total parameters: 235,146"), s);
            assertEquals(235_146, net.parameterCount());
        }
    }

    @Test
    void optimizersMatchHandComputedSteps() {
        double[] p0 = {1.0, -2.0};
        double[] g = {0.5, -0.25};
        assertArrayEquals(new double[] {1 - 0.1 * 0.5, -2 + 0.1 * 0.25}, step(Optimizers.sgd(0.1), p0, g, 1), 1e-12);
        // momentum, two steps: v1 = g, p1 = p0 - lr g; v2 = mu g + g, p2 = p1 - lr v2
        double[] expectedMomentum = new double[2];
        for (int i = 0; i < 2; i++) {
            expectedMomentum[i] = p0[i] - 0.1 * g[i] - 0.1 * (0.9 * g[i] + g[i]);
        }
        assertArrayEquals(expectedMomentum, step(Optimizers.momentum(0.1, 0.9), p0, g, 2), 1e-12);
        // Adam's first step moves each parameter by lr * g / (|g| + eps') = lr * sign(g) (bias-corrected)
        double[] adam = step(Optimizers.adam(0.01), p0, g, 1);
        assertArrayEquals(new double[] {1 - 0.01, -2 + 0.01}, adam, 1e-9);
    }

    private double[] step(dev.glia.api.Optimizer opt, double[] p0, double[] g, int steps) {
        try (opt;
                Tensor p = backend.upload(p0, Shape.of(1, 2));
                Tensor grad = backend.upload(g, Shape.of(1, 2))) {
            for (int i = 0; i < steps; i++) {
                opt.step(List.of(new Parameter("p", p, grad)));
            }
            return p.toDoubleArray();
        }
    }
}
