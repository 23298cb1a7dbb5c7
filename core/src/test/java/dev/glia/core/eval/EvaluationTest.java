package dev.glia.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glia.api.Backend;
import dev.glia.core.Dataset;
import dev.glia.core.Network;
import dev.glia.core.data.OneHot;
import dev.glia.testkit.ReferenceBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A hand-set classifier whose every prediction is known in advance. */
class EvaluationTest {
    private final Backend backend = new ReferenceBackend();

    @AfterEach
    void noLeaks() {
        assertEquals(0, backend.liveTensors(), "evaluation leaked tensors");
        backend.close();
    }

    /** Scores (x0, x1, 0.5): class 0 if x0 is largest, 1 if x1, else 2. */
    private Network threeClasses() {
        return Network.builder(backend)
                .input(2)
                .dense(3, "identity", new double[] {1, 0, 0, 0, 1, 0}, new double[] {0, 0, 0.5})
                .build();
    }

    private static final float[][] X = {{1, 0}, {0, 1}, {0, 0}, {0.2f, 0.1f}, {0.6f, 0.7f}, {0.9f, 0.3f}};
    private static final int[] PREDICTED = {0, 1, 2, 2, 1, 0};
    private static final int[] TRUE = {0, 1, 1, 2, 1, 2};

    /** The six samples repeated {@code times} times (so batches of 256 split them unevenly). */
    private static Dataset repeated(int times) {
        float[] x = new float[X.length * times * 2];
        int[] labels = new int[X.length * times];
        for (int i = 0; i < labels.length; i++) {
            x[2 * i] = X[i % X.length][0];
            x[2 * i + 1] = X[i % X.length][1];
            labels[i] = TRUE[i % X.length];
        }
        return Dataset.of(x, 2, OneHot.encode(labels, 3), 3);
    }

    @Test
    void predictsTheArgmaxOfEachRow() {
        try (Network net = threeClasses()) {
            assertArrayEquals(PREDICTED, Evaluation.predictClasses(net, repeated(1)));
            assertArrayEquals(TRUE, Evaluation.trueClasses(repeated(1)));
        }
    }

    @Test
    void feedsEachSampleInTheNetworksInputShape() {
        // the same classifier behind a flatten of [1, 1, 2] samples: the batch must be [n, 1, 1, 2], not [n, 2]
        try (Network net = Network.builder(backend)
                .input(dev.glia.api.Shape.of(1, 1, 2))
                .add(dev.glia.core.Layers.flatten())
                .dense(3, "identity", new double[] {1, 0, 0, 0, 1, 0}, new double[] {0, 0, 0.5})
                .build()) {
            Dataset images = repeated(1).withSampleShape(dev.glia.api.Shape.of(1, 1, 2));
            assertArrayEquals(PREDICTED, Evaluation.predictClasses(net, images));
            assertArrayEquals(PREDICTED, Evaluation.predictClasses(net, repeated(1)));
        }
    }

    @Test
    void confusionMatrixOverSeveralBatches() {
        try (Network net = threeClasses()) {
            ConfusionMatrix m = Evaluation.confusionMatrix(net, repeated(100)); // 600 samples: 256 + 256 + 88
            assertArrayEquals(new long[][] {{100, 0, 0}, {0, 200, 100}, {100, 0, 100}}, m.counts());
            assertEquals(4.0 / 6, m.accuracy(), 1e-15);
            assertEquals(4.0 / 6, Evaluation.accuracy(net, repeated(1)), 1e-15);
        }
    }

    @Test
    void oneOutputIsABinaryClassifierAtOneHalf() {
        try (Network net = Network.builder(backend)
                .input(2)
                .dense(1, "identity", new double[] {1, -1}, new double[] {0})
                .build()) {
            // outputs 1, -1, 0, 0.1, -0.1, 0.6 -> classes 1, 0, 0, 0, 0, 1
            Dataset data = Dataset.of(X, new float[][] {{1}, {0}, {1}, {0}, {0}, {1}});
            assertArrayEquals(new int[] {1, 0, 0, 0, 0, 1}, Evaluation.predictClasses(net, data));
            assertArrayEquals(
                    new long[][] {{3, 0}, {1, 2}},
                    Evaluation.confusionMatrix(net, data).counts());
        }
    }
}
