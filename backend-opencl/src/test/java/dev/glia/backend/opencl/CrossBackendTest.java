package dev.glia.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.Loss;
import dev.glia.api.Optimizer;
import dev.glia.api.Parameter;
import dev.glia.api.spi.BackendOptions;
import dev.glia.backend.ejml.EjmlBackendProvider;
import dev.glia.core.Dataset;
import dev.glia.core.Network;
import dev.glia.core.TrainingHistory;
import dev.glia.core.TrainingOptions;
import dev.glia.core.activations.Activations;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The same seeded network, trained a few steps on EJML and on OpenCL, ends with the same weights (float32). */
@RequiresOpenCl
class CrossBackendTest {
    private static final double TOLERANCE = 2e-4;

    private static Dataset data(int samples, int in, int out, boolean oneHot) {
        SplittableRandom random = new SplittableRandom(17);
        float[][] x = new float[samples][in];
        float[][] y = new float[samples][out];
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < in; i++) {
                x[s][i] = (float) random.nextDouble(-1, 1);
            }
            if (oneHot) {
                y[s][random.nextInt(out)] = 1;
            } else {
                for (int o = 0; o < out; o++) {
                    y[s][o] = (float) random.nextDouble(0, 1);
                }
            }
        }
        return Dataset.of(x, y);
    }

    @Test
    void reluSoftmaxWithAdam() {
        compare(data(37, 5, 3, true), Activations.relu(), "softmax", Losses::softmaxCrossEntropy,
                () -> Optimizers.adam(0.01));
    }

    @Test
    void tanhSigmoidWithMomentum() {
        compare(data(29, 4, 2, false), Activations.tanh(), "sigmoid", Losses::binaryCrossEntropy,
                () -> Optimizers.momentum(0.05, 0.9));
    }

    @Test
    void snakeIdentityWithSgd() {
        compare(data(40, 6, 2, false), Activations.of("snake", x -> x.add(x.sin().mul(x.sin()))), "identity",
                Losses::mse, () -> Optimizers.sgd(0.05));
    }

    private static void compare(Dataset data, Activation hidden, String output, Supplier<Loss> loss,
            Supplier<Optimizer> optimizer) {
        List<float[]> ejml;
        List<float[]> opencl;
        List<Double> ejmlLosses;
        List<Double> openclLosses;
        try (Backend e = new EjmlBackendProvider().create(BackendOptions.defaults())) {
            ejmlLosses = new ArrayList<>();
            ejml = train(e, data, hidden, output, loss.get(), optimizer.get(), ejmlLosses);
        }
        try (Backend o = OpenClTestSupport.newBackend()) {
            openclLosses = new ArrayList<>();
            opencl = train(o, data, hidden, output, loss.get(), optimizer.get(), openclLosses);
        }
        assertEquals(ejml.size(), opencl.size());
        for (int p = 0; p < ejml.size(); p++) {
            float[] a = ejml.get(p);
            float[] b = opencl.get(p);
            for (int i = 0; i < a.length; i++) {
                if (Math.abs(a[i] - b[i]) > TOLERANCE * Math.max(1, Math.abs(a[i]))) {
                    fail("parameter " + p + " element " + i + ": EJML " + a[i] + ", OpenCL " + b[i]);
                }
            }
        }
        for (int i = 0; i < ejmlLosses.size(); i++) {
            assertEquals(ejmlLosses.get(i), openclLosses.get(i), TOLERANCE * Math.max(1, ejmlLosses.get(i)),
                    "epoch " + i + " loss");
        }
    }

    private static List<float[]> train(Backend backend, Dataset data, Activation hidden, String output, Loss loss,
            Optimizer optimizer, List<Double> losses) {
        try (Network net = Network.builder(backend).seed(42).input(data.featureWidth()).dense(16, hidden)
                .dense(data.targetWidth(), output).build()) {
            TrainingHistory h = net.fit(data, TrainingOptions.builder().loss(loss).optimizer(optimizer).batchSize(8)
                    .epochs(5).seed(9).build());
            losses.addAll(h.epochLosses());
            List<float[]> weights = new ArrayList<>();
            for (Parameter p : net.parameters()) {
                weights.add(p.value().toFloatArray());
            }
            return weights;
        }
    }
}
