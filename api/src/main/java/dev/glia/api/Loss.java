package dev.glia.api;

/**
 * A loss function over a batch: the mean over the batch of a per-sample loss.
 *
 * <p>A loss whose numerically stable form starts from the last layer's pre-activation (softmax
 * cross-entropy from logits) also implements {@link FusedLoss}.
 */
public interface Loss {
    /** Stable identifier, e.g. {@code mse}. */
    String id();

    /** The mean loss of {@code prediction} against {@code target} (same shapes), as a host number. */
    double value(Workspace ws, Tensor prediction, Tensor target);

    /** Writes the gradient of {@link #value} with respect to {@code prediction} into {@code gradient}. */
    void gradient(Workspace ws, Tensor prediction, Tensor target, Tensor gradient);
}
