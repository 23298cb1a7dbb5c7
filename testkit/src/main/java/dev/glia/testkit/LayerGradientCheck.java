package dev.glia.testkit;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Layer;
import dev.glia.api.LayerContext;
import dev.glia.api.LayerSpec;
import dev.glia.api.Parameter;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;

/**
 * Checks a layer's backward pass against central finite differences, in FLOAT64, on any backend: the gradient
 * with respect to the input and to every element of every parameter, of the scalar {@code L = sum(r * y)} for a
 * fixed random {@code r}. It also checks the gradient contract: a second backward pass adds to the parameter
 * gradients (they double), and the backend holds no more tensors afterwards.
 *
 * <p>Each finite difference evaluates a freshly built layer ({@link LayerSpec#build}) whose tensors start with
 * the perturbed values and whose seed is the same, so a layer with random behaviour in training (dropout) sees
 * the same draws in every evaluation, as in the analytic pass.
 *
 * <pre>{@code
 * LayerGradientCheck.of(Layers.batchNorm(), Shape.of(5)).batch(4).check(backend);
 * }</pre>
 *
 * A backend without FLOAT64 skips the check (a JUnit assumption).
 */
public final class LayerGradientCheck {
    private final LayerSpec spec;
    private final Shape inputShape;
    private int batch = 3;
    private long seed = 0x9E3779B97F4A7C15L;
    private int indexBound;
    private double step = 1e-5;
    private double tolerance = 1e-6;
    private Function<String, Activation> activations = id -> {
        throw new IllegalArgumentException("No activations were given to the check; call activations(...)");
    };

    private LayerGradientCheck(LayerSpec spec, Shape inputShape) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.inputShape = Objects.requireNonNull(inputShape, "inputShape");
    }

    /** A check of the layer {@code spec} builds for samples of {@code inputShape}. */
    public static LayerGradientCheck of(LayerSpec spec, Shape inputShape) {
        return new LayerGradientCheck(spec, inputShape);
    }

    /** Samples per batch (default 3). */
    public LayerGradientCheck batch(int samples) {
        this.batch = samples;
        return this;
    }

    /** The seed of the inputs, the weights {@code r} and the layer's own draws. */
    public LayerGradientCheck seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The layer takes INT32 indices in [0, bound) (an embedding): only parameter gradients are checked. */
    public LayerGradientCheck indices(int bound) {
        this.indexBound = bound;
        return this;
    }

    /** Where the layer's context looks activation ids up. */
    public LayerGradientCheck activations(Function<String, Activation> registry) {
        this.activations = Objects.requireNonNull(registry);
        return this;
    }

    /** The relative tolerance, against {@code max(1, |numeric|)} (default 1e-6), and the difference step h. */
    public LayerGradientCheck tolerance(double tolerance, double step) {
        this.tolerance = tolerance;
        this.step = step;
        return this;
    }

    /**
     * Runs the check on {@code backend}.
     *
     * @throws AssertionError naming the tensor, the element, both values and the layer when a gradient is off
     */
    public void check(Backend backend) {
        Assumptions.assumeTrue(
                backend.supports(DType.FLOAT64), () -> "backend '" + backend.name() + "' does not support FLOAT64");
        long live = backend.liveTensors();
        Random random = new Random(seed);
        Shape batchShape = inputShape.batchOf(batch);
        double[] x = new double[batchShape.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = indexBound > 0 ? random.nextInt(indexBound) : random.nextDouble() * 2 - 1;
        }
        Map<String, double[]> values = new LinkedHashMap<>();
        Map<String, double[]> analytic = new LinkedHashMap<>();
        double[] r;
        double[] dx = null;
        String name;
        try (Context context = new Context(backend, values, seed)) {
            Layer layer = spec.build(inputShape, context);
            try {
                name = layer.name();
                Tensor input = context.input(x, batchShape, indexBound > 0);
                Tensor y = layer.forward(input, true);
                r = new double[y.shape().size()];
                for (int i = 0; i < r.length; i++) {
                    r[i] = random.nextDouble() * 2 - 1;
                }
                Tensor weights = context.own(backend.upload(r, y.shape()));
                Tensor g = layer.backward(weights, indexBound == 0);
                if (indexBound == 0) {
                    dx = g.toDoubleArray();
                }
                for (Parameter p : layer.parameters()) {
                    analytic.put(p.name(), p.gradient().toDoubleArray());
                }
                layer.forward(input, true);
                layer.backward(weights, indexBound == 0);
                for (Parameter p : layer.parameters()) {
                    double[] once = analytic.get(p.name());
                    double[] twice = p.gradient().toDoubleArray();
                    for (int i = 0; i < once.length; i++) {
                        compare(
                                name,
                                "parameter '" + p.name() + "' after two backward passes (gradients add up)",
                                i,
                                twice[i],
                                2 * once[i]);
                    }
                }
            } finally {
                layer.close();
            }
        }
        if (dx != null) {
            for (int i = 0; i < x.length; i++) {
                double keep = x[i];
                x[i] = keep + step;
                double up = loss(backend, values, x, batchShape, r);
                x[i] = keep - step;
                double down = loss(backend, values, x, batchShape, r);
                x[i] = keep;
                compare(name, "input", i, dx[i], (up - down) / (2 * step));
            }
        }
        for (Map.Entry<String, double[]> e : analytic.entrySet()) {
            double[] v = values.get(e.getKey());
            for (int i = 0; i < v.length; i++) {
                double keep = v[i];
                v[i] = keep + step;
                double up = loss(backend, values, x, batchShape, r);
                v[i] = keep - step;
                double down = loss(backend, values, x, batchShape, r);
                v[i] = keep;
                compare(name, "parameter '" + e.getKey() + "'", i, e.getValue()[i], (up - down) / (2 * step));
            }
        }
        if (backend.liveTensors() != live) {
            throw new AssertionError(name + " left " + (backend.liveTensors() - live) + " tensors on backend '"
                    + backend.name() + "' after close(): a leak");
        }
    }

    /** {@code sum(r * y)} of a fresh layer whose tensors start with {@code values}. */
    private double loss(Backend backend, Map<String, double[]> values, double[] x, Shape batchShape, double[] r) {
        try (Context context = new Context(backend, values, seed)) {
            Layer layer = spec.build(inputShape, context);
            try {
                double[] y = layer.forward(context.input(x, batchShape, indexBound > 0), true)
                        .toDoubleArray();
                double sum = 0;
                for (int i = 0; i < y.length; i++) {
                    sum += r[i] * y[i];
                }
                return sum;
            } finally {
                layer.close();
            }
        }
    }

    private void compare(String layer, String what, int index, double actual, double expected) {
        if (!(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)))) {
            throw new AssertionError(layer + ": the gradient of the " + what + " at element " + index + " is " + actual
                    + " but finite differences give " + expected + " (tolerance " + tolerance + ")");
        }
    }

    /** A FLOAT64 layer context whose tensors start with {@code values}, recording new draws into it. */
    private final class Context implements LayerContext, AutoCloseable {
        private final Backend backend;
        private final Map<String, double[]> values;
        private final Random random;
        private final long layerSeed;
        private final java.util.List<Tensor> owned = new java.util.ArrayList<>();

        Context(Backend backend, Map<String, double[]> values, long seed) {
            this.backend = backend;
            this.values = values;
            this.random = new Random(seed ^ 0x5DEECE66DL);
            this.layerSeed = seed;
        }

        Tensor own(Tensor t) {
            owned.add(t);
            return t;
        }

        Tensor input(double[] x, Shape shape, boolean indices) {
            if (!indices) {
                return own(backend.upload(x, shape));
            }
            int[] ids = new int[x.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = (int) x[i];
            }
            return own(backend.upload(ids, shape));
        }

        @Override
        public Backend backend() {
            return backend;
        }

        @Override
        public DType dtype() {
            return DType.FLOAT64;
        }

        @Override
        public int position() {
            return 1;
        }

        @Override
        public String layerName(String kind) {
            return kind + " #1";
        }

        @Override
        public long seed() {
            return layerSeed;
        }

        @Override
        public Activation activation(String id) {
            return activations.apply(id);
        }

        @Override
        public Tensor tensor(String name, Shape shape, Initial initial) {
            double[] v = values.computeIfAbsent(
                    name, n -> initial.values(shape, random).clone());
            if (v.length != shape.size()) {
                throw new AssertionError("tensor '" + name + "' changed shape between builds: " + shape);
            }
            return backend.upload(v.clone(), shape);
        }

        @Override
        public void close() {
            owned.forEach(Tensor::close);
        }
    }
}
