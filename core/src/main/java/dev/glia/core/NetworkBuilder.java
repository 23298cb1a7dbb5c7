package dev.glia.core;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Layer;
import dev.glia.api.LayerContext;
import dev.glia.api.LayerSpec;
import dev.glia.api.Shape;
import dev.glia.api.TensorAllocationException;
import dev.glia.core.activations.Activations;
import dev.glia.core.internal.DenseType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Builds a {@link Network}: the shape of one input sample, then layers in order, each built for the output
 * shape of the one before. New tensors are drawn from a {@link Random} seeded with {@link #seed}, so one seed
 * gives the same network on every backend.
 *
 * <pre>{@code
 * Network net = Network.builder(backend).input(Shape.of(28, 28))
 *         .add(Layers.flatten()).dense(128, "relu").dense(10, "softmax").seed(7).build();
 * }</pre>
 */
public final class NetworkBuilder {
    private final Backend backend;
    private final List<Entry> entries = new ArrayList<>();
    private Shape inputShape;
    private long seed;
    private DType dtype = DType.FLOAT32;
    private Activations activations;

    /** A layer to build, and the saved values of its tensors (null for new ones). */
    private record Entry(LayerSpec spec, Map<String, TensorValues> saved) {}

    NetworkBuilder(Backend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /** Values per input sample: the input shape {@code [width]}. */
    public NetworkBuilder input(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("The input width must be at least 1, got " + width);
        }
        return input(Shape.of(width));
    }

    /** The shape of one input sample, without the batch dimension, e.g. {@code [1, 28, 28]} for a grey image. */
    public NetworkBuilder input(Shape sampleShape) {
        Objects.requireNonNull(sampleShape, "sampleShape");
        if (sampleShape.rank() >= Shape.MAX_RANK) {
            throw new IllegalArgumentException("A sample has rank 1 to " + (Shape.MAX_RANK - 1) + " (a batch adds one"
                    + " dimension), got " + sampleShape);
        }
        this.inputShape = sampleShape;
        return this;
    }

    /** Appends a layer, e.g. {@code Layers.flatten()} or a plugin's recipe. */
    public NetworkBuilder add(LayerSpec layer) {
        entries.add(new Entry(Objects.requireNonNull(layer, "layer"), null));
        return this;
    }

    /**
     * Appends a layer whose tensors start with {@code saved}, by tensor name, rather than a fresh draw: a loaded
     * or copied layer. Every tensor the layer has must be there with its shape, and nothing else.
     */
    public NetworkBuilder add(LayerSpec layer, Map<String, TensorValues> saved) {
        entries.add(new Entry(Objects.requireNonNull(layer, "layer"), Map.copyOf(saved)));
        return this;
    }

    /** A dense layer with an activation named by id (see {@link Layers#dense(int, String)}). */
    public NetworkBuilder dense(int units, String activation) {
        return add(DenseType.spec(units, Objects.requireNonNull(activation, "activation"), null));
    }

    /** A dense layer with an activation object (a plugin or a one-liner from {@link Activations#of}). */
    public NetworkBuilder dense(int units, Activation activation) {
        return add(DenseType.spec(units, Objects.requireNonNull(activation, "activation"), null));
    }

    /** A dense layer with an explicit initialiser. */
    public NetworkBuilder dense(int units, String activation, Initializer initializer) {
        return add(DenseType.spec(
                units,
                Objects.requireNonNull(activation, "activation"),
                Objects.requireNonNull(initializer, "initializer").asInitial()));
    }

    /**
     * A dense layer with hand-set weights (row-major [inputs, units]) and biases ([units]), as in the
     * XOR lesson.
     */
    public NetworkBuilder dense(int units, String activation, double[] weights, double[] biases) {
        return handSet(units, activation, weights, biases);
    }

    /** A dense layer with an activation object and hand-set weights (row-major [inputs, units]) and biases. */
    public NetworkBuilder dense(int units, Activation activation, double[] weights, double[] biases) {
        return handSet(units, activation, weights, biases);
    }

    private NetworkBuilder handSet(int units, Object activation, double[] weights, double[] biases) {
        double[] w = weights.clone();
        double[] b = biases.clone();
        LayerSpec dense = DenseType.spec(units, Objects.requireNonNull(activation, "activation"), null);
        return add((in, context) -> {
            int inputs = in.size();
            if (w.length != (long) inputs * units || b.length != units) {
                throw new IllegalArgumentException("Dense #" + context.position() + " has " + inputs + " inputs and "
                        + units + " units, so it needs " + (long) inputs * units + " weights and " + units
                        + " biases; got " + w.length + " and " + b.length);
            }
            return dense.build(in, new Preset(context, Map.of("weight", w, "bias", b)));
        });
    }

    /** The seed for weight initialisation (default 0). */
    public NetworkBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The element type (default FLOAT32; FLOAT64 where the backend supports it; never INT32). */
    public NetworkBuilder dtype(DType dtype) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("A network computes in FLOAT32 or FLOAT64, not " + dtype
                    + "; INT32 tensors hold indices (gather, scatterAdd), not weights");
        }
        if (!backend.supports(dtype)) {
            throw new IllegalArgumentException("Backend " + backend.name() + " does not support " + dtype);
        }
        this.dtype = dtype;
        return this;
    }

    /** Where activation ids are looked up (default: {@link Activations#discover()}). */
    public NetworkBuilder activations(Activations registry) {
        this.activations = Objects.requireNonNull(registry);
        return this;
    }

    /**
     * Builds the layers on the backend, each for the output shape of the one before.
     *
     * @throws TensorAllocationException when a layer's tensors exceed what the backend can give
     *                                   ({@link Backend#maxTensorBytes()}) or what memory holds; the message names
     *                                   the layer and the tensor
     * @throws IllegalArgumentException  when a layer cannot take the shape before it, naming both
     */
    public Network build() {
        if (inputShape == null) {
            throw new IllegalStateException("Call input(width) or input(shape) before build()");
        }
        if (entries.isEmpty()) {
            throw new IllegalStateException("Add at least one layer before build()");
        }
        Random random = new Random(seed);
        List<Layer> layers = new ArrayList<>();
        Shape in = inputShape;
        try {
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                LayerBuildContext context =
                        new LayerBuildContext(backend, dtype, i + 1, random, this::activations, e.saved());
                Layer layer = e.spec().build(in, context);
                layers.add(layer);
                if (!layer.inputShape().equals(in)) {
                    throw new IllegalStateException(layer.name() + " was built for inputs of shape " + in
                            + " but reports " + layer.inputShape() + "; its LayerSpec is wrong");
                }
                context.checkAllSavedUsed(layer.name());
                in = layer.outputShape();
            }
        } catch (RuntimeException e) {
            layers.forEach(Layer::close);
            throw e;
        }
        return new Network(backend, dtype, inputShape, layers);
    }

    private Activations activations() {
        if (activations == null) {
            activations = Activations.discover();
        }
        return activations;
    }

    /** A context whose named tensors start with given values (hand-set weights), otherwise like its delegate. */
    private record Preset(LayerContext delegate, Map<String, double[]> values) implements LayerContext {
        @Override
        public Backend backend() {
            return delegate.backend();
        }

        @Override
        public DType dtype() {
            return delegate.dtype();
        }

        @Override
        public int position() {
            return delegate.position();
        }

        @Override
        public String layerName(String kind) {
            return delegate.layerName(kind);
        }

        @Override
        public long seed() {
            return delegate.seed();
        }

        @Override
        public Activation activation(String id) {
            return delegate.activation(id);
        }

        @Override
        public dev.glia.api.Tensor tensor(String name, Shape shape, Initial initial) {
            double[] v = values.get(name);
            return delegate.tensor(name, shape, v == null ? initial : (s, r) -> v);
        }
    }
}
