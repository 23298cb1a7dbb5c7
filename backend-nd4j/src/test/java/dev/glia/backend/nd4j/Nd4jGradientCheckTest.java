package dev.glia.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Loss;
import dev.glia.api.Optimizer;
import dev.glia.api.Parameter;
import dev.glia.api.spi.BackendOptions;
import dev.glia.core.Dataset;
import dev.glia.core.Network;
import dev.glia.core.TrainingOptions;
import dev.glia.core.activations.Activations;
import dev.glia.core.losses.Losses;
import dev.glia.testkit.GradientChecker;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Central differences in float64 on the ND4J backend: Dense networks with every built-in activation and
 * each loss (fused and plain), as core's {@code GradientCheckTest} does on the reference backend. The
 * analytic gradients come from a network's own backward pass (gemm with transpose flags, fused kernels,
 * reductions), so this checks the backend's FLOAT64 path end to end.
 */
class Nd4jGradientCheckTest {
    private final Backend backend = new Nd4jBackendProvider().create(BackendOptions.defaults());
    private final SplittableRandom random = new SplittableRandom(11);

    @AfterEach
    void close() {
        assertEquals(0, backend.liveTensors(), "every tensor was closed");
        backend.close();
    }

    @TestFactory
    Stream<DynamicTest> denseNetworksInFloat64() {
        List<DynamicTest> tests = new ArrayList<>();
        for (var a : Activations.builtIns()) {
            tests.add(DynamicTest.dynamicTest("dense " + a.id() + " + mse",
                    () -> checkNetwork(a.id(), "identity", Losses.mse())));
        }
        tests.add(DynamicTest.dynamicTest("dense relu + softmax/cross-entropy (fused)",
                () -> checkNetwork("relu", "softmax", Losses.softmaxCrossEntropy())));
        tests.add(DynamicTest.dynamicTest("dense tanh + sigmoid/bce (fused)",
                () -> checkNetwork("tanh", "sigmoid", Losses.binaryCrossEntropy())));
        tests.add(DynamicTest.dynamicTest("dense tanh + sigmoid/mse (unfused)",
                () -> checkNetwork("tanh", "sigmoid", Losses.mse())));
        return tests.stream();
    }

    /** Records the gradients the network computed instead of stepping. */
    private static final class GradientRecorder implements Optimizer {
        final List<double[]> gradients = new ArrayList<>();

        @Override
        public String id() {
            return "recorder";
        }

        @Override
        public void step(List<Parameter> parameters) {
            parameters.forEach(p -> gradients.add(p.gradient().toDoubleArray()));
        }

        @Override
        public void close() {
        }
    }

    private void checkNetwork(String hidden, String output, Loss loss) {
        int samples = 5;
        int outputs = 3;
        double[] features = uniform(samples * 4, -1, 1);
        double[] targets = loss.id().equals("softmax_cross_entropy") ? oneHotRows(samples, outputs)
                : uniform(samples * outputs, 0, 1);
        Dataset data = Dataset.of(toFloat(features), 4, toFloat(targets), outputs);
        try (Network net = Network.builder(backend).dtype(DType.FLOAT64).seed(5).input(4).dense(6, hidden)
                .dense(outputs, output).build()) {
            List<Parameter> params = net.parameters();
            double[] theta0 = flatten(params);
            GradientRecorder recorder = new GradientRecorder();
            net.fit(data, TrainingOptions.builder().loss(loss).optimizer(recorder).batchSize(samples).shuffle(false)
                    .build());
            double[] analytic = new double[theta0.length];
            int offset = 0;
            for (double[] g : recorder.gradients) {
                System.arraycopy(g, 0, analytic, offset, g.length);
                offset += g.length;
            }
            ToDoubleFunction<double[]> f = theta -> {
                unflatten(theta, params);
                return net.evaluateLoss(data, loss);
            };
            GradientChecker.assertGradient(f, theta0, analytic);
        }
    }

    private double[] uniform(int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * random.nextDouble();
        }
        return v;
    }

    private double[] oneHotRows(int rows, int cols) {
        double[] t = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            t[r * cols + random.nextInt(cols)] = 1;
        }
        return t;
    }

    private static double[] flatten(List<Parameter> params) {
        List<double[]> parts = new ArrayList<>();
        int n = 0;
        for (Parameter p : params) {
            double[] v = p.value().toDoubleArray();
            parts.add(v);
            n += v.length;
        }
        double[] all = new double[n];
        int offset = 0;
        for (double[] v : parts) {
            System.arraycopy(v, 0, all, offset, v.length);
            offset += v.length;
        }
        return all;
    }

    private void unflatten(double[] theta, List<Parameter> params) {
        int offset = 0;
        for (Parameter p : params) {
            double[] v = new double[p.value().shape().size()];
            System.arraycopy(theta, offset, v, 0, v.length);
            backend.write(p.value(), v);
            offset += v.length;
        }
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
