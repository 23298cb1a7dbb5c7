package dev.glia.api;

import java.util.List;

/**
 * One stage of a network, bound to a backend. A layer owns its parameters and the buffers of its
 * forward and backward passes, keeps them per batch size and reuses them; closing the layer frees them.
 *
 * <p>Shapes given to and returned by {@link #outputShape} exclude the batch dimension; tensors given
 * to {@link #forward} and {@link #backward} include it.
 */
public interface Layer extends AutoCloseable {
    /** Human-readable kind and position, e.g. {@code Dense #2}. */
    String name();

    /** The per-sample input shape this layer accepts. */
    Shape inputShape();

    /** The per-sample output shape. */
    Shape outputShape();

    /** Trainable parameters, in a stable order. Empty for layers without any. */
    List<Parameter> parameters();

    /** Number of trainable scalars. */
    default long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.value().shape().size();
        }
        return n;
    }

    /**
     * Computes the output for a batch. The result is a buffer the layer owns and overwrites on the
     * next call: copy it to keep it. {@code training} keeps what backward needs.
     */
    Tensor forward(Tensor input, boolean training);

    /**
     * Given the gradient with respect to the last training forward pass's output, writes the
     * parameter gradients and returns the gradient with respect to the input (a layer-owned buffer).
     */
    Tensor backward(Tensor gradOutput);

    /** Frees the parameters and buffers. */
    @Override
    void close();
}
