package dev.glia.api;

/**
 * What a network builder is given for each layer: a recipe that builds the layer once the shape of its input
 * is known. {@code Layers.dense(128, "relu")} in core is one; so is {@link LayerType#spec} for a saved
 * configuration.
 */
@FunctionalInterface
public interface LayerSpec {
    /**
     * Builds the layer for per-sample inputs of {@code inputShape}, allocating its tensors through
     * {@code context} (which supplies the backend, the dtype, initial values and names).
     *
     * @throws IllegalArgumentException when the layer cannot take that input shape; the message names the shape
     *                                  expected and the one found
     */
    Layer build(Shape inputShape, LayerContext context);
}
