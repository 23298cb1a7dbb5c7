package dev.glia.api;

import java.util.List;
import java.util.Map;

/**
 * One stage of a network, bound to a backend. A layer owns its parameters, its state buffers and the buffers
 * of its forward and backward passes, keeps them per batch size and reuses them; closing the layer frees them.
 *
 * <p><b>Shapes.</b> {@link #inputShape()} and {@link #outputShape()} are per sample: they exclude the batch
 * dimension and have rank 1 to {@code Shape.MAX_RANK - 1}. Tensors given to {@link #forward} and
 * {@link #backward} include it: a batch of {@code n} samples of shape {@code [c, h, w]} is {@code [n, c, h, w]}.
 *
 * <p><b>Gradients accumulate.</b> {@link #backward} <em>adds</em> its contribution to each
 * {@link Parameter#gradient()}; the training step zeroes every gradient before the forward pass. So a layer
 * applied several times in one step (at every time step of a sequence), or a parameter shared by two layers,
 * receives the sum of its contributions.
 *
 * <p><b>Saving.</b> A layer is described by its {@link #type()} (the id of a {@link LayerType}), its
 * {@link #config()} and its named tensors: the values of its {@link #parameters()} and its {@link #state()}.
 * Rebuilding it through {@link LayerType#spec} with that configuration and loading those tensors gives the same
 * layer, so model files hold any layer, plugin layers included.
 */
public interface Layer extends AutoCloseable {
    /** Human-readable kind and position, e.g. {@code Dense #2}. */
    String name();

    /** The id of this layer's {@link LayerType}, e.g. {@code dense}. */
    String type();

    /**
     * The configuration that, given {@link #inputShape()}, rebuilds this layer through its {@link LayerType}:
     * JSON values only (String, Boolean, a Number, a List or Map of those), in a stable order.
     */
    Map<String, Object> config();

    /** The per-sample input shape this layer accepts. */
    Shape inputShape();

    /** The per-sample output shape. */
    Shape outputShape();

    /**
     * Whether the layer's input holds integer indices (an embedding's token ids) rather than values. A network
     * whose first layer takes indices stages its input batches as {@link DType#INT32} tensors.
     */
    default boolean takesIndices() {
        return false;
    }

    /** Trainable parameters, in a stable order, with names unique within the layer. Empty for layers without any. */
    List<Parameter> parameters();

    /**
     * State that is not trained but belongs to the model, by name (a batch normalisation's running mean and
     * variance), in a stable order; names differ from the parameters'. Saved and loaded with the parameters.
     * Empty by default.
     */
    default Map<String, Tensor> state() {
        return Map.of();
    }

    /** Number of trainable scalars. */
    default long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.value().shape().size();
        }
        return n;
    }

    /**
     * Computes the output for a batch. The result is a buffer the layer owns and overwrites on the next call:
     * copy it to keep it. With {@code training} the layer keeps what {@link #backward} needs and behaves as in
     * training (dropout drops, batch normalisation uses the batch's statistics and updates its running ones);
     * without it, as in inference.
     *
     * @throws IllegalArgumentException when the input is not {@code [batch, inputShape...]}, naming both shapes
     */
    Tensor forward(Tensor input, boolean training);

    /**
     * Given the gradient with respect to the output of the last training forward pass, adds each parameter's
     * gradient into {@link Parameter#gradient()} and returns the gradient with respect to the input, a buffer
     * the layer owns, or null when {@code inputGradientNeeded} is false (the first layer of a network, whose
     * input is data): a layer then skips that work.
     *
     * @throws IllegalStateException when no training forward pass came first
     */
    Tensor backward(Tensor gradOutput, boolean inputGradientNeeded);

    /** Frees the parameters, the state and every buffer. */
    @Override
    void close();
}
