package dev.glia.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.glia.benchmarks.spi.EpochOrder;
import dev.glia.core.Dataset;
import dev.glia.core.TrainingListener;
import dev.glia.core.TrainingOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpochOrderTest {
    @Test
    void everyEpochIsAPermutationAndEpochsDiffer() {
        EpochOrder o = new EpochOrder(100, 42);
        int[] first = o.next().clone();
        int[] second = o.next().clone();
        int[] sorted = first.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 100; i++) {
            assertEquals(i, sorted[i]);
        }
        assertFalse(Arrays.equals(first, second));
    }

    @Test
    void sameSeedSameOrder() {
        assertArrayEquals(new EpochOrder(50, 7).next(), new EpochOrder(50, 7).next());
    }

    /**
     * The peers visit samples in EpochOrder's order; Glia's fit must visit them in the same order. The
     * feature of sample i is i, the network is the identity (weight 1, bias 0, a learning rate too small to
     * move it), the target 0 and the loss MSE, so with batches of one each step's loss is i².
     */
    @Test
    void matchesTheOrderOfGliaFit() {
        int n = 37;
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        try (var backend = new dev.glia.testkit.ReferenceBackend();
                var net = dev.glia.core.Network.builder(backend)
                        .input(1)
                        .dense(1, "identity", new double[] {1}, new double[] {0})
                        .build()) {
            List<Integer> seen = new ArrayList<>();
            TrainingOptions options = TrainingOptions.builder()
                    .epochs(2)
                    .batchSize(1)
                    .shuffle(true)
                    .seed(42)
                    .optimizer(dev.glia.core.optim.Optimizers.sgd(1e-30))
                    .listener(new TrainingListener() {
                        @Override
                        public void batchEnded(int epoch, int batch, int batches, double loss) {
                            seen.add((int) Math.round(Math.sqrt(loss)));
                        }
                    })
                    .build();
            net.fit(Dataset.of(x, 1, y, 1), options);
            EpochOrder o = new EpochOrder(n, 42);
            List<Integer> expected = new ArrayList<>();
            for (int e = 0; e < 2; e++) {
                for (int i : o.next()) {
                    expected.add(i);
                }
            }
            assertEquals(expected, seen);
        }
    }
}
