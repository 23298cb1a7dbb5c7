package dev.glia.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glia.api.Backend;
import dev.glia.api.Optimizer;
import dev.glia.api.Parameter;
import dev.glia.api.spi.BackendOptions;
import dev.glia.backend.ejml.EjmlBackendProvider;
import dev.glia.core.Dataset;
import dev.glia.core.Initializer;
import dev.glia.core.Network;
import dev.glia.core.TrainingOptions;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The same seeded network trained for a few steps on EJML and on ND4J ends with the same weights, within
 * float32 tolerance: both start from the same host-drawn weights, see the same shuffled batches, and differ
 * only in the order of floating-point sums.
 */
class CrossBackendTest {
    private static final int SAMPLES = 96;
    private static final int INPUTS = 40;
    private static final int CLASSES = 5;

    private static Dataset data() {
        SplittableRandom random = new SplittableRandom(21);
        float[] x = new float[SAMPLES * INPUTS];
        float[] y = new float[SAMPLES * CLASSES];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
        for (int i = 0; i < SAMPLES; i++) {
            y[i * CLASSES + random.nextInt(CLASSES)] = 1;
        }
        return Dataset.of(x, INPUTS, y, CLASSES);
    }

    /** The weights after {@code epochs} epochs of batches of 32 with the optimiser {@code optimizer} makes. */
    private static float[][] train(Backend backend, Supplier<Optimizer> optimizer, int epochs) {
        try (backend; Network net = Network.builder(backend).seed(99).input(INPUTS)
                .dense(64, "relu", Initializer.HE).dense(32, "tanh").dense(CLASSES, "softmax").build()) {
            net.fit(data(), TrainingOptions.builder().loss(Losses.softmaxCrossEntropy()).optimizer(optimizer.get())
                    .epochs(epochs).batchSize(32).shuffle(true).seed(3).build());
            List<Parameter> params = net.parameters();
            float[][] weights = new float[params.size()][];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = params.get(i).value().toFloatArray();
            }
            return weights;
        }
    }

    private static Backend ejml() {
        return new EjmlBackendProvider().create(BackendOptions.defaults());
    }

    private static Backend nd4j() {
        return new Nd4jBackendProvider().create(BackendOptions.defaults());
    }

    private static void assertClose(float[][] expected, float[][] actual, double tolerance) {
        assertEquals(expected.length, actual.length);
        for (int p = 0; p < expected.length; p++) {
            for (int i = 0; i < expected[p].length; i++) {
                double e = expected[p][i];
                double diff = Math.abs(e - actual[p][i]);
                if (diff > tolerance * Math.max(1, Math.abs(e))) {
                    throw new AssertionError("parameter " + p + " element " + i + ": EJML " + e + ", ND4J "
                            + actual[p][i] + " (difference " + diff + " > " + tolerance + ")");
                }
            }
        }
    }

    @Test
    void sgdStepsGiveTheSameWeights() {
        float[][] e = train(ejml(), () -> Optimizers.sgd(0.1), 3);
        float[][] n = train(nd4j(), () -> Optimizers.sgd(0.1), 3);
        assertClose(e, n, 1e-5);
    }

    @Test
    void adamStepsGiveTheSameWeights() {
        // Adam divides by sqrt(v): where a gradient is near zero, rounding differences are amplified, so its
        // weights agree to a few float32 ulps of the step size (1e-3) rather than of the weights.
        float[][] e = train(ejml(), () -> Optimizers.adam(1e-3), 3);
        float[][] n = train(nd4j(), () -> Optimizers.adam(1e-3), 3);
        assertClose(e, n, 1e-4);
    }
}
