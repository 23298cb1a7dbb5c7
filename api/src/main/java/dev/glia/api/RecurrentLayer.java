package dev.glia.api;

import java.util.List;

/**
 * A layer that runs a cell along the time axis of {@code [N, T, F]} batches and carries a state of {@code [N, H]}
 * tensors from step to step: {@code h} for a GRU, {@code h} and {@code c} for an LSTM, in the order of
 * {@link #stateNames()}. As a {@link StatefulLayer} it is what truncated backpropagation through time drives.
 *
 * <p><b>Initial state.</b> Every forward pass starts from the <em>initial state</em>: zeros, until
 * {@link #initialState} gives values or {@link #carryState()} takes the last pass's final state. It stays until
 * changed or {@link #resetState()}. The layer keeps its own copy, so the initial state is <em>detached</em>: no
 * gradient flows through it into an earlier pass. After a backward pass {@link #initialStateGradient()} holds the
 * loss's gradient with respect to it.
 *
 * <p><b>Truncated backpropagation through time.</b> Train on the first chunk of a batch of sequences, call
 * {@link #carryState()}, train on the next chunk, and so on; call {@link #resetState()} before other sequences.
 *
 * <p><b>Generation.</b> {@link #step} runs one time step from the initial state and carries its result, so a loop
 * of {@code step} calls after {@code resetState()} equals one forward pass over the whole sequence.
 *
 * <pre>{@code
 * RecurrentLayer lstm = (RecurrentLayer) network.layers().get(1);
 * lstm.resetState();
 * for (Tensor x : steps) {           // each [N, F]
 *     Tensor h = lstm.step(x);       // [N, H], the layer's buffer
 * }
 * }</pre>
 */
public interface RecurrentLayer extends StatefulLayer {
    /** The names of the state tensors, in order: {@code [h]} or {@code [h, c]}. */
    List<String> stateNames();

    /** The size H of each state vector (the hidden size). */
    int hiddenSize();

    /**
     * Sets the initial state of the next forward passes to a copy of {@code state}, one {@code [N, H]} tensor per
     * {@link #stateNames() name}, of the layer's dtype. Forward passes must then have batch size N.
     *
     * @throws IllegalArgumentException for a wrong count, shape or dtype, naming it
     */
    void initialState(List<Tensor> state);

    /** Back to zeros as the initial state, for every batch size. */
    @Override
    void resetState();

    /**
     * Makes the final state of the last forward pass (or {@link #step}) the initial state of the next ones: a copy,
     * so detached from the graph of the pass that computed it.
     *
     * @throws IllegalStateException when no forward pass came first
     */
    @Override
    void carryState();

    /**
     * The state after the last time step of the last forward pass, one {@code [N, H]} tensor per name: buffers the
     * layer overwrites on its next pass (copy them to keep them).
     *
     * @throws IllegalStateException when no forward pass came first
     */
    List<Tensor> finalState();

    /**
     * The gradient of the loss with respect to the initial state of the last training pass, one {@code [N, H]}
     * tensor per name, overwritten (not added to) by each backward pass; layer-owned buffers.
     *
     * @throws IllegalStateException when no backward pass came first
     */
    List<Tensor> initialStateGradient();

    /**
     * One time step for generation: the input {@code x} of one step, {@code [N, F]}, from the initial state; the
     * result becomes the initial state (as {@link #carryState()}). Returns {@code h}, {@code [N, H]}, a buffer the
     * layer overwrites on its next call. Inference only: it keeps nothing for a backward pass.
     *
     * @throws IllegalArgumentException when {@code x} is not {@code [N, F]} or N differs from a given state's
     */
    Tensor step(Tensor x);
}
