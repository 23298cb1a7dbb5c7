package dev.glia.api;

import java.util.Random;

/**
 * What a {@link LayerSpec} builds a layer with: the backend and dtype, its position, activations by id, and
 * the initial values of its named tensors. A network builder gives a fresh draw from the network's seeded
 * random; a model file or a replica gives the saved values instead, so one spec serves both.
 */
public interface LayerContext {
    /** The backend every tensor of the layer lives on. */
    Backend backend();

    /** The element type of the layer's parameters and outputs. */
    DType dtype();

    /** The layer's 1-based position in its network, for its {@link Layer#name()}, e.g. {@code Dense #2}. */
    int position();

    /**
     * The layer's name, {@code kind #position} (e.g. {@code Dense #2}); the context names the layer so in its
     * messages from then on.
     */
    String layerName(String kind);

    /**
     * A seed for the layer's own random numbers (a dropout layer's masks), drawn from the network's seeded
     * random, so one network seed makes every run alike.
     */
    long seed();

    /**
     * The activation with this id, from the registry the network is built with (built-ins and plugins).
     *
     * @throws IllegalArgumentException for an unknown id, listing the known ones
     */
    Activation activation(String id);

    /**
     * A new tensor for the layer's tensor {@code name} (a parameter's value or a state buffer), of
     * {@code shape}, holding its initial values: drawn by {@code initial} from the network's seeded random when
     * the network is new, or the saved values when it is loaded. The layer owns and closes it.
     *
     * @throws TensorAllocationException when the backend cannot hold it; the message names the layer and tensor
     * @throws IllegalArgumentException  when saved values have another shape, naming both
     */
    Tensor tensor(String name, Shape shape, Initial initial);

    /** How a tensor's values start when a network is new. */
    @FunctionalInterface
    interface Initial {
        /** Values of a tensor of {@code shape}, row-major, drawn from {@code random}. */
        double[] values(Shape shape, Random random);

        /** All zeros (biases, a running mean). */
        static Initial zeros() {
            return (shape, random) -> new double[shape.size()];
        }

        /** All {@code value} (a running variance starts at 1). */
        static Initial constant(double value) {
            return (shape, random) -> {
                double[] v = new double[shape.size()];
                java.util.Arrays.fill(v, value);
                return v;
            };
        }
    }
}
