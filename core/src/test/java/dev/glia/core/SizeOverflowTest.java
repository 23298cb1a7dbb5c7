package dev.glia.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.glia.api.Backend;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import dev.glia.testkit.ReferenceBackend;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sizes computed from two ints: in long, so that a product beyond int is refused rather than wrapped. */
class SizeOverflowTest {

    @Test
    void aLayerWhoseWeightCountOverflowsIntIsRefusedWithTheRealCount() {
        // 784 * 3,000,000 wraps to -1,942,967,296 in int: what `glia fashion --hidden 3000000` used to print
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Initializer.HE.weights(new Random(1), 784, 3_000_000));
        assertEquals(
                "A layer of 784 inputs and 3,000,000 units needs 2,352,000,000 weights; one tensor holds 1 to"
                        + " 2,147,483,639 (2^31-9)",
                e.getMessage());
    }

    @Test
    void weightsAreTheSeededDrawsInOrder() {
        double[] w = Initializer.XAVIER.weights(new Random(7), 2, 3);
        Random reference = new Random(7);
        double a = Math.sqrt(6.0 / 5);
        double[] expected = new double[6];
        for (int i = 0; i < 6; i++) {
            expected[i] = (2 * reference.nextDouble() - 1) * a;
        }
        assertArrayEquals(expected, w, 0.0);
    }

    @Test
    void aBatchSizeNearIntMaxTrainsOneFullBatchPerEpoch() {
        // (n + batchSize - 1) / batchSize overflowed to a negative count: no step was taken at all
        float[][] in = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        float[][] out = {{0}, {1}, {1}, {0}};
        try (Backend backend = new ReferenceBackend();
                Network huge = net(backend);
                Network exact = net(backend)) {
            TrainingHistory h = huge.fit(Dataset.of(in, out), options(Integer.MAX_VALUE));
            exact.fit(Dataset.of(in, out), options(4));
            assertEquals(3, h.steps());
            float[][] a = huge.predict(in);
            float[][] b = exact.predict(in);
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(b[i], a[i], 0f);
            }
        }
    }

    private static Network net(Backend backend) {
        return Network.builder(backend)
                .seed(3)
                .input(2)
                .dense(4, "tanh")
                .dense(1, "sigmoid")
                .build();
    }

    private static TrainingOptions options(int batchSize) {
        return TrainingOptions.builder()
                .loss(Losses.binaryCrossEntropy())
                .optimizer(Optimizers.adam(0.1))
                .batchSize(batchSize)
                .epochs(3)
                .shuffle(false)
                .seed(1)
                .build();
    }
}
