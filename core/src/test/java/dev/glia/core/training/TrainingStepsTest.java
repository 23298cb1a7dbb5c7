package dev.glia.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.Loss;
import dev.glia.api.Optimizer;
import dev.glia.api.Parameter;
import dev.glia.api.Tensor;
import dev.glia.core.Dataset;
import dev.glia.core.Layers;
import dev.glia.core.Network;
import dev.glia.core.TrainingOptions;
import dev.glia.core.TrainingSteps;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.OptimizerState;
import dev.glia.core.optim.Optimizers;
import dev.glia.testkit.ReferenceBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Gradients without an update, an update from given gradients, the flat vector and the optimiser's state. */
class TrainingStepsTest {
    private final Backend backend = new ReferenceBackend();

    @AfterEach
    void close() {
        assertEquals(0, backend.liveTensors(), "a test leaked tensors");
        backend.close();
    }

    private Network network() {
        return Network.builder(backend)
                .seed(11)
                .input(3)
                .dense(5, "tanh")
                .dense(2, "softmax")
                .build();
    }

    /** 10 seeded samples of 3 features, one-hot over 2 classes. */
    private static Dataset data() {
        Random r = new Random(5);
        float[][] x = new float[10][3];
        float[][] y = new float[10][2];
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = (float) r.nextGaussian();
            }
            y[i][x[i][0] + x[i][1] > 0 ? 1 : 0] = 1;
        }
        return Dataset.of(x, y);
    }

    /** Every weight exactly, as float64 (the reference backend's type). */
    private static double[] weights(Network net) {
        List<Double> all = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            double[] v = new double[p.value().shape().size()];
            net.backend().download(p.value(), v);
            for (double d : v) {
                all.add(d);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** fit's loop by hand: shuffle with Random(seed) per epoch, then gradients and one update per batch. */
    private static void byHand(Network net, Dataset data, Loss loss, Optimizer opt, int epochs, int batch, long seed) {
        Random shuffler = new Random(seed);
        int[] order = TrainingSteps.identityOrder(data.size());
        for (int e = 0; e < epochs; e++) {
            TrainingSteps.shuffle(order, shuffler);
            for (int from = 0; from < data.size(); from += batch) {
                TrainingSteps.computeGradients(net, data, order, from, Math.min(batch, data.size() - from), loss);
                TrainingSteps.applyGradients(net, opt);
            }
        }
    }

    @Test
    void gradientsThenUpdateAreFitsStepBitForBit() {
        for (Supplier<Optimizer> optimizer : List.<Supplier<Optimizer>>of(
                () -> Optimizers.sgd(0.3), () -> Optimizers.momentum(0.1, 0.9), () -> Optimizers.adam(0.05))) {
            Loss loss = Losses.softmaxCrossEntropy();
            try (Network fitted = network();
                    Network stepped = network();
                    Optimizer own = optimizer.get()) {
                fitted.fit(
                        data(),
                        TrainingOptions.builder()
                                .loss(loss)
                                .optimizer(optimizer.get())
                                .epochs(3)
                                .batchSize(4)
                                .seed(9)
                                .build());
                byHand(stepped, data(), loss, own, 3, 4, 9);
                assertArrayEquals(weights(fitted), weights(stepped), own.id() + ": fit and the hand loop differ");
                try (Network untrained = network()) {
                    assertNotEquals(weights(untrained)[0], weights(stepped)[0], "training changed nothing");
                }
            }
        }
    }

    @Test
    void computingGradientsChangesNoWeightAndMatchesAFiniteDifference() {
        try (Network net = network()) {
            float[] before = FlatParameters.read(net);
            Dataset d = data();
            Loss loss = Losses.softmaxCrossEntropy();
            double value = TrainingSteps.computeGradients(net, d, loss);
            assertArrayEquals(before, FlatParameters.read(net), "computing gradients updated weights");
            assertEquals(net.evaluateLoss(d, loss), value, 1e-12, "the returned loss is the batch's mean loss");
            float[] g = FlatParameters.readGradients(net);
            // d loss / d w[0] by central differences (float32 weights: a step of 1e-3)
            Tensor w = net.parameters().get(0).value();
            double[] v = new double[w.shape().size()];
            backend.download(w, v);
            double h = 1e-3;
            double w0 = v[0];
            v[0] = w0 + h;
            backend.write(w, v);
            double up = net.evaluateLoss(d, loss);
            v[0] = w0 - h;
            backend.write(w, v);
            double down = net.evaluateLoss(d, loss);
            assertEquals((up - down) / (2 * h), g[0], 1e-4);
        }
    }

    @Test
    void flatVectorsRoundTripAndRejectAnotherLength() {
        try (Network net = network()) {
            assertEquals(3 * 5 + 5 + 5 * 2 + 2, FlatParameters.size(net));
            float[] w = new float[FlatParameters.size(net)];
            for (int i = 0; i < w.length; i++) {
                w[i] = i * 0.25f - 3;
            }
            FlatParameters.write(net, w);
            assertArrayEquals(w, FlatParameters.read(net));
            FlatParameters.writeGradients(net, w);
            assertArrayEquals(w, FlatParameters.readGradients(net));
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> FlatParameters.write(net, new float[3]));
            assertTrue(e.getMessage().contains("has 32 parameters, but the flat vector holds 3"), e.getMessage());
        }
    }

    @Test
    void anAdamRestoredFromItsStateContinuesAsIfNeverStopped() {
        Loss loss = Losses.softmaxCrossEntropy();
        try (Network straight = network();
                Network resumed = network();
                Optimizer a = Optimizers.adam(0.05);
                Optimizer b1 = Optimizers.adam(0.05);
                Optimizer b2 = Optimizers.adam(0.05)) {
            byHand(straight, data(), loss, a, 2, 4, 3);
            byHand(resumed, data(), loss, b1, 1, 4, 3);
            byte[] saved = OptimizerState.export(b1, resumed.parameters()).toBytes();
            OptimizerState state = OptimizerState.fromBytes(saved);
            assertEquals(3, state.steps(), "Adam counted 3 steps of 4, 4 and 2 samples");
            state.restore(b2, resumed.parameters());
            // the second epoch's order: the shuffler after one epoch
            Random shuffler = new Random(3);
            int[] order = TrainingSteps.identityOrder(10);
            TrainingSteps.shuffle(order, shuffler);
            TrainingSteps.shuffle(order, shuffler);
            for (int from = 0; from < 10; from += 4) {
                TrainingSteps.computeGradients(resumed, data(), order, from, Math.min(4, 10 - from), loss);
                TrainingSteps.applyGradients(resumed, b2);
            }
            assertArrayEquals(weights(straight), weights(resumed));
        }
    }

    @Test
    void aStateIsRestoredOnlyIntoTheSameSettingsAndOnlyFromItsOwnBytes() {
        try (Network net = network();
                Optimizer adam = Optimizers.adam(0.05);
                Optimizer other = Optimizers.adam(0.01)) {
            OptimizerState s = OptimizerState.export(adam, net.parameters());
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> s.restore(other, net.parameters()));
            assertTrue(e.getMessage().contains("build the optimiser with the same settings"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> OptimizerState.fromBytes(new byte[] {1, 2, 3, 4}));
            assertTrue(e.getMessage().contains("not a Glia optimiser state"), e.getMessage());
            byte[] cut = s.toBytes();
            byte[] shorter = java.util.Arrays.copyOf(cut, cut.length - 9);
            e = assertThrows(IllegalArgumentException.class, () -> OptimizerState.fromBytes(shorter));
            assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        }
    }

    @Test
    void theStateVectorHoldsTheRunningStatisticsInOrderAndWritesThemBack() {
        try (Network net = Network.builder(backend)
                        .seed(11)
                        .input(3)
                        .dense(5, "tanh")
                        .add(Layers.batchNorm())
                        .dense(2, "softmax")
                        .build();
                Network plain = network()) {
            assertEquals(0, FlatParameters.stateSize(plain));
            assertEquals(0, FlatParameters.readState(plain).length);
            assertEquals(10, FlatParameters.stateSize(net), "running mean and variance of 5 features");
            float[] initial = FlatParameters.readState(net);
            assertArrayEquals(new float[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1}, initial, "running mean 0, variance 1");
            float[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
            FlatParameters.writeState(net, values);
            assertArrayEquals(values, FlatParameters.readState(net));
            List<Tensor> buffers = net.stateBuffers();
            assertArrayEquals(new float[] {1, 2, 3, 4, 5}, buffers.get(0).toFloatArray(), "the first buffer first");
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> FlatParameters.writeState(net, new float[3]));
            assertTrue(e.getMessage().contains("10") && e.getMessage().contains("3"), e.getMessage());
        }
    }
}
