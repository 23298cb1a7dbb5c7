package dev.glia.api;

/**
 * A layer that carries a state from one forward pass to the next, as a recurrent layer carries its hidden state
 * along a sequence. Truncated backpropagation through time drives it through this interface alone: before the
 * first chunk of a batch of sequences it calls {@link #resetState()}, and after each chunk's training step
 * {@link #carryState()}, so the next chunk starts where the last one ended. The carried state is detached: no
 * gradient flows through it into the chunk that produced it.
 */
public interface StatefulLayer extends Layer {
    /**
     * Makes the final state of the last forward pass the initial state of the next ones: a copy, so detached
     * from the pass that computed it.
     *
     * @throws IllegalStateException when no forward pass came first
     */
    void carryState();

    /** Back to the layer's own initial state (zeros) for the next forward passes, for every batch size. */
    void resetState();
}
