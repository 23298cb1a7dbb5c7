package dev.glia.core;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Layer;
import dev.glia.api.Shape;
import dev.glia.api.TensorAllocationException;
import dev.glia.api.spi.OpChecks;
import dev.glia.core.activations.Activations;
import dev.glia.core.internal.Dense;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Builds a {@link Network}: an input width, then layers in order. Weights are drawn from a
 * {@link Random} seeded with {@link #seed}, so one seed gives the same network on every backend.
 */
public final class NetworkBuilder {
    private final Backend backend;
    private final List<Spec> specs = new ArrayList<>();
    private int inputWidth = -1;
    private long seed;
    private DType dtype = DType.FLOAT32;
    private Activations activations;

    @SuppressWarnings("ArrayRecordComponent") // a builder's private note of a layer, never compared or shared
    private record Spec(int units, Object activation, Initializer initializer, double[] weights, double[] biases) {
    }

    NetworkBuilder(Backend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /** Values per input sample. */
    public NetworkBuilder input(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("The input width must be at least 1, got " + width);
        }
        this.inputWidth = width;
        return this;
    }

    /** A dense layer with an activation named by id (see {@link Activations}); He init for relu, else Xavier. */
    public NetworkBuilder dense(int units, String activation) {
        return add(units, activation, null, null, null);
    }

    /** A dense layer with an activation object (a plugin or a one-liner from {@link Activations#of}). */
    public NetworkBuilder dense(int units, Activation activation) {
        return add(units, activation, null, null, null);
    }

    /** A dense layer with an explicit initialiser. */
    public NetworkBuilder dense(int units, String activation, Initializer initializer) {
        return add(units, activation, Objects.requireNonNull(initializer), null, null);
    }

    /**
     * A dense layer with hand-set weights (row-major [inputs, units]) and biases ([units]), as in the
     * XOR lesson.
     */
    public NetworkBuilder dense(int units, String activation, double[] weights, double[] biases) {
        return add(units, activation, null, weights.clone(), biases.clone());
    }

    /**
     * A dense layer with an activation object and given weights (row-major [inputs, units]) and biases
     * ([units]), as when a model file is loaded.
     */
    public NetworkBuilder dense(int units, Activation activation, double[] weights, double[] biases) {
        return add(units, activation, null, weights.clone(), biases.clone());
    }

    private NetworkBuilder add(int units, Object activation, Initializer init, double[] w, double[] b) {
        if (units < 1) {
            throw new IllegalArgumentException("A dense layer needs at least 1 unit, got " + units);
        }
        specs.add(new Spec(units, Objects.requireNonNull(activation, "activation"), init, w, b));
        return this;
    }

    /** The seed for weight initialisation (default 0). */
    public NetworkBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The element type (default FLOAT32; FLOAT64 where the backend supports it). */
    public NetworkBuilder dtype(DType dtype) {
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
     * Allocates the layers on the backend.
     *
     * @throws TensorAllocationException when a layer's weights exceed what the backend can give
     *                                   ({@link Backend#maxTensorBytes()}) or what memory holds; the message names
     *                                   the layer and its shape
     * @throws IllegalArgumentException  when a layer's weights exceed the largest tensor a shape holds
     */
    public Network build() {
        if (inputWidth < 1) {
            throw new IllegalStateException("Call input(width) before build()");
        }
        if (specs.isEmpty()) {
            throw new IllegalStateException("Add at least one layer before build()");
        }
        Random random = new Random(seed);
        List<Layer> layers = new ArrayList<>();
        int in = inputWidth;
        try {
            for (int i = 0; i < specs.size(); i++) {
                Spec s = specs.get(i);
                String name = "Dense #" + (i + 1);
                Shape shape = weightShape(name, in, s.units());
                Activation activation = resolve(s.activation());
                double[] w = s.weights();
                double[] b = s.biases();
                if (w == null) {
                    fitsOnTheHeap(name, shape);
                }
                try {
                    if (w == null) {
                        Initializer init = s.initializer() != null ? s.initializer()
                                : "relu".equals(activation.id()) ? Initializer.HE : Initializer.XAVIER;
                        w = init.weights(random, in, s.units());
                        b = new double[s.units()];
                    } else if (w.length != shape.size() || b.length != s.units()) {
                        throw new IllegalArgumentException(name + " has " + in + " inputs and " + s.units()
                                + " units, so it needs " + shape.size() + " weights and " + s.units()
                                + " biases; got " + w.length + " and " + b.length);
                    }
                    layers.add(new Dense(name, backend, dtype, in, s.units(), activation, w, b));
                } catch (TensorAllocationException e) {
                    String m = e.getMessage();
                    throw new TensorAllocationException(name + " " + shape + ": "
                            + Character.toLowerCase(m.charAt(0)) + m.substring(1), e.shape(),
                            e.dtype(), e.bytes(), e.limit(), e);
                } catch (OutOfMemoryError e) {
                    long bytes = 8L * shape.size();
                    throw new TensorAllocationException(name + " " + shape + ": out of Java heap drawing its "
                            + shape.size() + " initial weights as float64 (" + TensorAllocationException.size(bytes)
                            + "); " + OpChecks.MEMORY_ADVICE, shape, DType.FLOAT64, bytes,
                            Runtime.getRuntime().maxMemory(), e);
                }
                in = s.units();
            }
        } catch (RuntimeException e) {
            layers.forEach(Layer::close);
            throw e;
        }
        return new Network(backend, dtype, layers);
    }

    /**
     * The shape of a layer's weights, checked against the largest tensor a shape holds and the largest the
     * backend can give, so that a size from a command-line option fails naming the layer, before anything is
     * allocated.
     */
    private Shape weightShape(String layer, int in, int units) {
        long elements = (long) in * units;
        if (elements > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(layer + " would have " + in + " x " + units + " = " + elements
                    + " weights, more than a tensor holds (2^31 - 9); use fewer units");
        }
        Shape shape = Shape.matrix(in, units);
        OpChecks.fits(backend, shape, dtype, layer + "'s weights", OpChecks.MEMORY_ADVICE);
        return shape;
    }

    /** Initial weights are drawn as a {@code double[]} on the Java heap: it must fit there. */
    private static void fitsOnTheHeap(String layer, Shape shape) {
        long bytes = 8L * shape.size();
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw new TensorAllocationException(layer + " " + shape + ": its initial weights are drawn as float64 on"
                    + " the Java heap, " + TensorAllocationException.size(bytes) + ", more than the heap's maximum of "
                    + TensorAllocationException.size(heap) + "; " + OpChecks.MEMORY_ADVICE, shape, DType.FLOAT64,
                    bytes, heap, null);
        }
    }

    private Activation resolve(Object activation) {
        if (activation instanceof Activation a) {
            return a;
        }
        if (activations == null) {
            activations = Activations.discover();
        }
        return activations.get((String) activation);
    }
}
