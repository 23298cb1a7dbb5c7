package dev.glia.testkit.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.FusedLoss;
import dev.glia.api.Loss;
import dev.glia.api.Optimizer;
import dev.glia.api.Parameter;
import dev.glia.api.ScratchWorkspace;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Central differences in float64, for every activation, every loss (plain and fused) and Dense with
 * each of them, on the backend a subclass creates. This module's tests run it on the reference backend; every
 * backend module subclasses it. Skipped, as assumptions, on a backend without FLOAT64.
 */
public abstract class GradientCheckSuite {
    private Backend backend;
    private ScratchWorkspace ws;
    private final SplittableRandom random = new SplittableRandom(11);

    /** For subclasses. */
    protected GradientCheckSuite() {}

    /** The backend under test; the suite closes it after each test. */
    protected abstract Backend createBackend();

    /** The activations to check: the built-ins, plus whatever a subclass adds. */
    protected List<Activation> activations() {
        return Activations.builtIns();
    }

    /** Creates the backend; skips the test unless it supports FLOAT64. */
    @BeforeEach
    public final void open() {
        backend = createBackend();
        ws = new ScratchWorkspace(backend);
        if (!backend.supports(DType.FLOAT64)) {
            // Surefire does not count a test factory skipped before it made any test, so say it here.
            System.err.println("NOTICE: " + getClass().getSimpleName() + ": gradient checks skipped: backend "
                    + backend.name() + " has no FLOAT64");
        }
        assumeTrue(
                backend.supports(DType.FLOAT64),
                "NOTICE: gradient checks skipped: backend " + backend.name() + " has no FLOAT64");
    }

    /** Closes the workspace and the backend, after checking that every tensor was closed. */
    @AfterEach
    public final void close() {
        ws.close();
        assertEquals(0, backend.liveTensors(), "every tensor was closed");
        backend.close();
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

    /** Each activation's backward pass against central differences of its forward pass. */
    @TestFactory
    public Stream<DynamicTest> everyActivation() {
        return activations().stream().map(a -> DynamicTest.dynamicTest(a.id(), () -> checkActivation(a)));
    }

    private void checkActivation(Activation a) {
        Shape shape = Shape.of(3, 5);
        double[] weights = uniform(shape.size(), -1, 1);
        double[] x0 = uniform(shape.size(), -2, 2);
        // f(x) = sum_i w_i act(x)_i, so df/dy = w
        ToDoubleFunction<double[]> f = x -> {
            try (Tensor in = backend.upload(x, shape);
                    Tensor out = backend.allocate(shape, DType.FLOAT64)) {
                a.forward(ws, in, out);
                double[] y = out.toDoubleArray();
                double s = 0;
                for (int i = 0; i < y.length; i++) {
                    s += weights[i] * y[i];
                }
                return s;
            }
        };
        double[] analytic;
        try (Tensor x = backend.upload(x0, shape);
                Tensor y = backend.allocate(shape, DType.FLOAT64);
                Tensor dy = backend.upload(weights, shape);
                Tensor dx = backend.allocate(shape, DType.FLOAT64)) {
            a.forward(ws, x, y);
            a.backward(ws, x, y, dy, dx);
            analytic = dx.toDoubleArray();
        }
        GradientChecker.assertGradient(f, x0, analytic);
    }

    /** Each loss's gradient, and each fused loss's gradient from logits, against central differences. */
    @TestFactory
    public Stream<DynamicTest> everyLoss() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Loss loss : Losses.builtIns()) {
            tests.add(DynamicTest.dynamicTest(loss.id(), () -> checkLoss(loss)));
            if (loss instanceof FusedLoss fused) {
                tests.add(DynamicTest.dynamicTest(loss.id() + " from logits", () -> checkFusedLoss(fused)));
            }
        }
        return tests.stream();
    }

    private double[] targetsFor(Loss loss, Shape shape) {
        return loss.id().equals("softmax_cross_entropy")
                ? oneHotRows(shape.rows(), shape.columns())
                : uniform(shape.size(), 0, 1);
    }

    private void checkLoss(Loss loss) {
        Shape shape = Shape.of(4, 3);
        double[] p0 = uniform(shape.size(), 0.1, 0.9);
        double[] t = targetsFor(loss, shape);
        try (Tensor target = backend.upload(t, shape)) {
            ToDoubleFunction<double[]> f = p -> {
                try (Tensor in = backend.upload(p, shape)) {
                    return loss.value(ws, in, target);
                }
            };
            try (Tensor p = backend.upload(p0, shape);
                    Tensor g = backend.allocate(shape, DType.FLOAT64)) {
                loss.gradient(ws, p, target, g);
                GradientChecker.assertGradient(f, p0, g.toDoubleArray());
            }
        }
    }

    private void checkFusedLoss(FusedLoss loss) {
        Shape shape = Shape.of(4, 3);
        Activation activation = Activations.discover().get(loss.activationId());
        double[] z0 = uniform(shape.size(), -3, 3);
        double[] t = targetsFor(loss, shape);
        try (Tensor target = backend.upload(t, shape)) {
            ToDoubleFunction<double[]> f = z -> {
                try (Tensor in = backend.upload(z, shape)) {
                    return loss.valueFromLogits(ws, in, target);
                }
            };
            try (Tensor z = backend.upload(z0, shape);
                    Tensor y = backend.allocate(shape, DType.FLOAT64);
                    Tensor g = backend.allocate(shape, DType.FLOAT64)) {
                activation.forward(ws, z, y);
                // the fused value equals the plain loss of the activated output
                assertEquals(loss.value(ws, y, target), loss.valueFromLogits(ws, z, target), 1e-9);
                loss.gradientFromLogits(ws, z, y, target, g);
                GradientChecker.assertGradient(f, z0, g.toDoubleArray());
            }
        }
    }

    /**
     * Softmax cross-entropy at each time step of a [N, T, V] prediction with class ids and steps without a target
     * (id -1, a mask's padding), plain and from logits: the gradient against central differences, masked steps'
     * gradients exactly 0, and the fused value equal to the plain one.
     */
    @Test
    public void crossEntropyAtEachStepWithAMask() {
        Shape shape = Shape.of(2, 3, 4);
        Shape ids = Shape.of(2, 3);
        double[] classes = {3, -1, 0, 1, 2, -1};
        FusedLoss loss = (FusedLoss) Losses.softmaxCrossEntropy();
        Activation softmax = Activations.discover().get("softmax");
        try (Tensor target = backend.upload(classes, ids)) {
            double[] z0 = uniform(shape.size(), -3, 3);
            ToDoubleFunction<double[]> fromLogits = z -> {
                try (Tensor in = backend.upload(z, shape)) {
                    return loss.valueFromLogits(ws, in, target);
                }
            };
            double[] p0 = uniform(shape.size(), 0.1, 0.9);
            ToDoubleFunction<double[]> plain = p -> {
                try (Tensor in = backend.upload(p, shape)) {
                    return loss.value(ws, in, target);
                }
            };
            try (Tensor z = backend.upload(z0, shape);
                    Tensor rows = backend.reshape(z, Shape.of(6, 4));
                    Tensor y = backend.allocate(shape, DType.FLOAT64);
                    Tensor yRows = backend.reshape(y, Shape.of(6, 4));
                    Tensor g = backend.allocate(shape, DType.FLOAT64);
                    Tensor p = backend.upload(p0, shape)) {
                softmax.forward(ws, rows, yRows);
                assertEquals(loss.value(ws, y, target), loss.valueFromLogits(ws, z, target), 1e-9);
                loss.gradientFromLogits(ws, z, y, target, g);
                double[] fused = g.toDoubleArray();
                GradientChecker.assertGradient(fromLogits, z0, fused);
                loss.gradient(ws, p, target, g);
                double[] unfused = g.toDoubleArray();
                GradientChecker.assertGradient(plain, p0, unfused);
                for (int step : new int[] {1, 5}) {
                    for (int c = 0; c < 4; c++) {
                        assertEquals(0.0, fused[step * 4 + c], "a masked step has no gradient");
                        assertEquals(0.0, unfused[step * 4 + c], "a masked step has no gradient");
                    }
                }
            }
        }
    }

    /**
     * A sequence network (Dense at each time step, tanh, then softmax over 3 classes at each step) trained with
     * class ids and a mask: every parameter's gradient against central differences of the masked mean loss.
     */
    @Test
    public void sequenceNetworkWithAMask() {
        int samples = 3;
        int steps = 4;
        double[] features = uniform(samples * steps * 2, -1, 1);
        float[] ids = new float[samples * steps];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextInt(3);
        }
        float[] mask = {1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0};
        Dataset data =
                Dataset.of(toFloat(features), Shape.of(steps, 2), ids, steps).withMask(mask);
        Loss loss = Losses.softmaxCrossEntropy();
        try (Network net = Network.builder(backend)
                .dtype(DType.FLOAT64)
                .seed(8)
                .input(Shape.of(steps, 2))
                .dense(5, "tanh")
                .dense(3, "softmax")
                .build()) {
            assertNetworkGradient(net, data, loss, samples);
        }
    }

    /** The parameter gradients of small Dense networks, one per activation and output/loss pairing. */
    @TestFactory
    public Stream<DynamicTest> denseWithEveryActivationAndLoss() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Activation a : activations()) {
            tests.add(DynamicTest.dynamicTest(
                    "dense " + a.id() + " + mse", () -> checkNetwork(a, "identity", Losses.mse())));
        }
        Activations named = Activations.catalogue();
        tests.add(DynamicTest.dynamicTest(
                "dense tanh + sigmoid/bce (fused)",
                () -> checkNetwork(named.get("tanh"), "sigmoid", Losses.binaryCrossEntropy())));
        tests.add(DynamicTest.dynamicTest(
                "dense relu + softmax/cross-entropy (fused)",
                () -> checkNetwork(named.get("relu"), "softmax", Losses.softmaxCrossEntropy())));
        tests.add(DynamicTest.dynamicTest(
                "dense tanh + sigmoid/mse (unfused)", () -> checkNetwork(named.get("tanh"), "sigmoid", Losses.mse())));
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
        public void close() {}
    }

    private void checkNetwork(Activation hidden, String output, Loss loss) {
        int samples = 5;
        int outputs = 3;
        double[] features = uniform(samples * 4, -1, 1);
        double[] targets = loss.id().equals("softmax_cross_entropy")
                ? oneHotRows(samples, outputs)
                : uniform(samples * outputs, 0, 1);
        Dataset data = Dataset.of(toFloat(features), 4, toFloat(targets), outputs);
        try (Network net = Network.builder(backend)
                .dtype(DType.FLOAT64)
                .seed(5)
                .input(4)
                .dense(6, hidden)
                .dense(outputs, output)
                .build()) {
            assertNetworkGradient(net, data, loss, samples);
        }
    }

    /**
     * Trains {@code net} one step on all of {@code data} with an optimiser that only records the gradients, and
     * compares them with central differences of {@link Network#evaluateLoss} over every parameter.
     */
    private void assertNetworkGradient(Network net, Dataset data, Loss loss, int samples) {
        List<Parameter> params = net.parameters();
        double[] theta0 = flatten(params);
        GradientRecorder recorder = new GradientRecorder();
        net.fit(
                data,
                TrainingOptions.builder()
                        .loss(loss)
                        .optimizer(recorder)
                        .batchSize(samples)
                        .shuffle(false)
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

    private double[] flatten(List<Parameter> params) {
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
