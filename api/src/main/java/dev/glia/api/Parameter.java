package dev.glia.api;

/**
 * A trainable tensor and the gradient of the loss with respect to it, both owned by a layer.
 *
 * <p>Backward passes add into {@code gradient} (see {@link Layer}); the training step zeroes it before each
 * forward pass, so after a backward pass it holds the step's whole gradient.
 *
 * @param name     name unique within its layer, e.g. {@code weight} or {@code bias}
 * @param value    the values the optimiser updates
 * @param gradient the accumulated gradient, same shape as {@code value}
 */
public record Parameter(String name, Tensor value, Tensor gradient) {
    /** Checks that value and gradient have one shape. */
    public Parameter {
        if (!value.shape().equals(gradient.shape())) {
            throw new IllegalArgumentException("Parameter " + name + ": value has shape " + value.shape()
                    + " but gradient has shape " + gradient.shape());
        }
    }
}
