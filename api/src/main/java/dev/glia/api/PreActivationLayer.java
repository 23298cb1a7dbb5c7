package dev.glia.api;

/**
 * A layer whose output is {@code y = f(z)} of a pre-activation {@code z} it keeps, so that a loss fused with
 * {@code f} (softmax with cross-entropy, see {@link FusedLoss}) can start from {@code z} for numerical
 * stability. A network trains through this interface when its last layer implements it and the loss fuses
 * with its activation.
 */
public interface PreActivationLayer extends Layer {
    /** The activation {@code f}. */
    Activation activation();

    /** The pre-activation {@code z} of the last training forward pass, a layer-owned buffer. */
    Tensor lastPreActivation();

    /** A layer-owned buffer of {@code z}'s shape for the gradient with respect to {@code z}. */
    Tensor preActivationGradient();

    /**
     * Backward from the gradient with respect to {@code z}: adds the parameter gradients and returns the input
     * gradient, or null when {@code inputGradientNeeded} is false. Otherwise like {@link #backward}.
     */
    Tensor backwardFromPreActivation(Tensor gradZ, boolean inputGradientNeeded);
}
