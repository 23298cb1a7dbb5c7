package dev.glia.core;

import dev.glia.api.Activation;
import dev.glia.api.LayerSpec;
import dev.glia.api.Shape;
import dev.glia.core.internal.DenseType;
import dev.glia.core.internal.LayerSpecs;
import dev.glia.core.internal.ReshapeTypes;
import java.util.Objects;

/**
 * The built-in layers, as recipes for {@link NetworkBuilder#add}. {@link LayerTypes} finds them, and plugin
 * layer types, by id for model files.
 *
 * <pre>{@code
 * Network.builder(backend).input(Shape.of(1, 28, 28))
 *         .add(Layers.flatten())
 *         .add(Layers.dense(128, "relu"))
 *         .add(Layers.dropout(0.2))
 *         .add(Layers.dense(10, "softmax"))
 *         .build();
 * }</pre>
 */
public final class Layers {
    private Layers() {}

    /**
     * A fully connected layer {@code y = f(x W + b)} of {@code units} outputs, with the activation of this id
     * (built-in or plugin); weights start with He initialisation for ReLU and Xavier otherwise, biases at 0.
     * Its input is one dimension per sample.
     */
    public static LayerSpec dense(int units, String activation) {
        return DenseType.spec(units, Objects.requireNonNull(activation, "activation"), null);
    }

    /** A fully connected layer with an activation object (a plugin, or one made by {@code Activations.of}). */
    public static LayerSpec dense(int units, Activation activation) {
        return DenseType.spec(units, Objects.requireNonNull(activation, "activation"), null);
    }

    /** A fully connected layer whose weights start as {@code initializer} draws them. */
    public static LayerSpec dense(int units, String activation, Initializer initializer) {
        return DenseType.spec(
                units,
                Objects.requireNonNull(activation, "activation"),
                Objects.requireNonNull(initializer, "initializer").asInitial());
    }

    /** Each sample becomes one dimension of the same values, {@code [size]}, without copying (a view). */
    public static LayerSpec flatten() {
        return ReshapeTypes.flatten();
    }

    /** Each sample is seen as {@code dims}, of the same size, without copying (a view). */
    public static LayerSpec reshape(int... dims) {
        return ReshapeTypes.reshape(Shape.of(dims));
    }

    /**
     * Inverted dropout: in training, each value is zeroed with probability {@code rate} and the others scaled by
     * {@code 1 / (1 - rate)}; in inference, the identity. The masks come from the backend's counter-based
     * generator under a seed drawn from the network's, the same on every backend.
     */
    public static LayerSpec dropout(double rate) {
        return LayerSpecs.dropout(rate);
    }

    /**
     * Batch normalisation over features ([features] per sample) with PyTorch's defaults: momentum 0.1 for the
     * running statistics, epsilon 1e-5.
     */
    public static LayerSpec batchNorm() {
        return LayerSpecs.batchNorm(0.1, 1e-5);
    }

    /** Batch normalisation over features with the given momentum (in (0, 1]) and epsilon. */
    public static LayerSpec batchNorm(double momentum, double epsilon) {
        return LayerSpecs.batchNorm(momentum, epsilon);
    }

    /**
     * A lookup table of {@code vocabulary} learned vectors of {@code dimension} values: token ids [T] per sample
     * become [T, dimension]. The network's first layer; its input batches are INT32.
     */
    public static LayerSpec embedding(int vocabulary, int dimension) {
        return LayerSpecs.embedding(vocabulary, dimension);
    }
}
