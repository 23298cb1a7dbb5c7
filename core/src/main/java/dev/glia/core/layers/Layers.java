package dev.glia.core.layers;

import dev.glia.api.Activation;
import dev.glia.api.LayerSpec;
import dev.glia.core.Initializer;
import dev.glia.core.internal.DenseType;
import java.util.Objects;

/**
 * The built-in layers, as recipes for {@link dev.glia.core.NetworkBuilder#add}.
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
    private Layers() {
    }

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
        return DenseType.spec(units, Objects.requireNonNull(activation, "activation"),
                DenseType.initializer(Objects.requireNonNull(initializer, "initializer")));
    }
}
