package dev.glia.examples.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.ScratchWorkspace;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Derivatives;
import dev.glia.api.expr.Expr;
import dev.glia.api.spi.BackendOptions;
import dev.glia.api.spi.BackendProvider;
import dev.glia.core.Dataset;
import dev.glia.core.Network;
import dev.glia.core.TrainingHistory;
import dev.glia.core.TrainingOptions;
import dev.glia.core.activations.Activations;
import dev.glia.core.config.BackendSelector;
import dev.glia.core.config.Backends;
import dev.glia.core.config.GliaConfig;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import dev.glia.testkit.GradientChecker;
import dev.glia.testkit.ReferenceBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The example plugin, {@link Snake}, end to end: found through {@code META-INF/services}, correct
 * derivatives, and XOR learnt with it on every backend available on the test class path (each created
 * by configuration through Backends.create, as an application would).
 */
class SnakePluginTest {
    private static final float[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    private static final float[][] TARGETS = {{0}, {1}, {1}, {0}};

    @Test
    void isFoundThroughTheServiceFileAndReportsItsJar() {
        Activations registry = Activations.discover();
        Activation snake = registry.get("snake(a=1)");
        assertInstanceOf(Snake.class, snake);
        assertTrue(registry.plugins().contains(snake));
        assertFalse(Activations.isBuiltIn(snake));
        String origin = Activations.origin(snake);
        assertTrue(origin.endsWith("classes") || origin.endsWith(".jar"), origin);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.get("snake(a=2)"));
        assertTrue(e.getMessage().contains("snake(a=1)"), "the message lists the ids present: " + e.getMessage());
    }

    @Test
    void formulaAndDerivative() {
        Snake half = new Snake(0.5);
        assertEquals("snake(a=0.5)", half.id());
        assertEquals("snake(a=1)", new Snake().id());
        Expr f = half.forwardExpr();
        Expr d = Derivatives.derive(half.apply(Expr.input(0)), 0);
        for (double x = -3; x <= 3; x += 0.5) {
            double s = Math.sin(0.5 * x);
            assertEquals(x + s * s / 0.5, f.evaluate(x), 1e-12);
            assertEquals(1 + Math.sin(x), d.evaluate(x), 1e-12, "d/dx snake = 1 + sin(2 a x)");
        }
        assertThrows(IllegalArgumentException.class, () -> new Snake(0));
        assertThrows(IllegalArgumentException.class, () -> new Snake(Double.NaN));
    }

    @Test
    void passesTheGradientCheckOnTheReferenceBackend() {
        for (Snake snake : List.of(new Snake(), new Snake(0.5), new Snake(3))) {
            try (Backend b = new ReferenceBackend();
                    ScratchWorkspace ws = new ScratchWorkspace(b)) {
                Shape shape = Shape.of(3, 4);
                SplittableRandom random = new SplittableRandom(5);
                double[] x0 = random.doubles(shape.size(), -2, 2).toArray();
                double[] w = random.doubles(shape.size(), -1, 1).toArray();
                double[] analytic;
                try (Tensor x = b.upload(x0, shape);
                        Tensor y = b.allocate(shape, DType.FLOAT64);
                        Tensor dy = b.upload(w, shape);
                        Tensor dx = b.allocate(shape, DType.FLOAT64)) {
                    snake.forward(ws, x, y);
                    snake.backward(ws, x, y, dy, dx);
                    analytic = dx.toDoubleArray();
                }
                GradientChecker.assertGradient(
                        v -> {
                            try (Tensor x = b.upload(v, shape);
                                    Tensor y = b.allocate(shape, DType.FLOAT64)) {
                                snake.forward(ws, x, y);
                                double[] out = y.toDoubleArray();
                                double s = 0;
                                for (int i = 0; i < out.length; i++) {
                                    s += w[i] * out[i];
                                }
                                return s;
                            }
                        },
                        x0,
                        analytic,
                        1e-6);
            }
        }
    }

    /** One test per backend provider on the class path that is available here (EJML, the reference, ...). */
    @TestFactory
    Stream<DynamicTest> trainsXorOnEveryAvailableBackend() {
        List<String> names = new ArrayList<>();
        for (BackendProvider p : BackendSelector.discover(List.of()).providers()) {
            if (p.probe(BackendOptions.of(GliaConfig.fromEnvironment().asMap())).available()) {
                names.add(p.name());
            }
        }
        assertTrue(names.contains("ejml"), "the EJML backend is always available: " + names);
        return names.stream().map(name -> DynamicTest.dynamicTest(name, () -> trainXor(name)));
    }

    private static void trainXor(String backendName) {
        GliaConfig config = GliaConfig.builder().backend(backendName).build();
        try (Backend backend = Backends.create(config)) {
            assertEquals(backendName, backend.name());
            long before = backend.liveTensors();
            kernelsMatchTheInterpreter(backend);
            try (Network net = Network.builder(backend)
                    .seed(42)
                    .input(2)
                    .dense(8, "snake(a=1)")
                    .dense(1, "sigmoid")
                    .build()) {
                TrainingHistory history = net.fit(
                        Dataset.of(INPUTS, TARGETS),
                        TrainingOptions.builder()
                                .loss(Losses.binaryCrossEntropy())
                                .optimizer(Optimizers.adam(0.05))
                                .batchSize(4)
                                .epochs(2000)
                                .targetLoss(0.01)
                                .shuffle(false)
                                .seed(42)
                                .build());
                float[][] out = net.predict(INPUTS);
                for (int i = 0; i < INPUTS.length; i++) {
                    assertEquals(
                            TARGETS[i][0],
                            out[i][0],
                            0.1,
                            backendName + ": output " + i + " after " + history.steps() + " steps (loss "
                                    + history.finalLoss() + ")");
                }
            }
            assertEquals(before, backend.liveTensors(), backendName + ": every tensor was freed");
        }
    }

    /** The backend's fused forward and backward kernels of snake agree with the float64 interpreter. */
    private static void kernelsMatchTheInterpreter(Backend backend) {
        Snake snake = new Snake(0.7);
        int n = 101;
        float[] xs = new float[n];
        float[] ones = new float[n];
        for (int i = 0; i < n; i++) {
            xs[i] = -5 + 10f * i / (n - 1);
            ones[i] = 1;
        }
        Shape shape = Shape.of(1, n);
        try (ScratchWorkspace ws = new ScratchWorkspace(backend);
                Tensor x = backend.upload(xs, shape);
                Tensor y = backend.allocate(shape, DType.FLOAT32);
                Tensor dy = backend.upload(ones, shape);
                Tensor dx = backend.allocate(shape, DType.FLOAT32)) {
            snake.forward(ws, x, y);
            snake.backward(ws, x, y, dy, dx);
            float[] yv = y.toFloatArray();
            float[] dxv = dx.toFloatArray();
            Expr f = snake.forwardExpr();
            Expr d = snake.backwardExpr();
            for (int i = 0; i < n; i++) {
                double expectedY = f.evaluate(xs[i]);
                assertEquals(
                        expectedY, yv[i], 1e-5 * Math.max(1, Math.abs(expectedY)), backend.name() + " f at " + xs[i]);
                assertEquals(d.evaluate(xs[i], expectedY, 1), dxv[i], 1e-5, backend.name() + " f' at " + xs[i]);
            }
        }
    }
}
