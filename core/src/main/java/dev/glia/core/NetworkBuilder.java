package dev.glia.core;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Layer;
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

    /** Allocates the layers on the backend. */
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
                Activation activation = resolve(s.activation());
                double[] w = s.weights();
                double[] b = s.biases();
                if (w == null) {
                    Initializer init = s.initializer() != null ? s.initializer()
                            : "relu".equals(activation.id()) ? Initializer.HE : Initializer.XAVIER;
                    w = init.weights(random, in, s.units());
                    b = new double[s.units()];
                } else if (w.length != (long) in * s.units() || b.length != s.units()) {
                    throw new IllegalArgumentException("Dense #" + (i + 1) + " has " + in + " inputs and " + s.units()
                            + " units, so it needs " + ((long) in * s.units()) + " weights and " + s.units()
                            + " biases; got " + w.length + " and " + b.length);
                }
                layers.add(new Dense("Dense #" + (i + 1), backend, dtype, in, s.units(), activation, w, b));
                in = s.units();
            }
        } catch (RuntimeException e) {
            layers.forEach(Layer::close);
            throw e;
        }
        return new Network(backend, dtype, layers);
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
