package dev.glia.api;

/**
 * A loss fused with the activation that precedes it, computed from the pre-activation {@code z}
 * (logits) for numerical stability: softmax with cross-entropy, sigmoid with binary cross-entropy.
 * A network uses the fused form when its last activation's id equals {@link #activationId()}.
 */
public interface FusedLoss extends Loss {
    /** Id of the activation this loss fuses with, e.g. {@code softmax}. */
    String activationId();

    /** The mean loss, computed from the logits {@code z}. */
    double valueFromLogits(Workspace ws, Tensor z, Tensor target);

    /**
     * The gradient with respect to the logits, given the logits {@code z}, the activation's output
     * {@code y} and the target.
     */
    void gradientFromLogits(Workspace ws, Tensor z, Tensor y, Tensor target, Tensor gradZ);
}
