package dev.glia.api;

/**
 * An activation function, applied to a layer's pre-activation {@code x} to give its output {@code y}.
 *
 * <p>Most activations are element-wise and should implement {@link ElementwiseActivation}, which
 * needs only a formula. Implement this interface directly for activations that mix elements of a
 * row, like softmax.
 *
 * <p>Plugins: list an implementation in {@code META-INF/services/dev.glia.api.Activation} and it is
 * found at start-up. Its {@link #id()} must be unique.
 */
public interface Activation {
    /**
     * Stable identifier written into model files, e.g. {@code relu} or
     * {@code leaky_relu(alpha=0.01)}. Lower case, parameters in parentheses.
     */
    String id();

    /** Computes {@code y = f(x)}; both tensors have the same shape. */
    void forward(Workspace ws, Tensor x, Tensor y);

    /**
     * Computes the gradient with respect to {@code x}, given the forward pass's {@code x} and
     * {@code y} and the gradient {@code dy} with respect to {@code y}. All four tensors share one shape.
     */
    void backward(Workspace ws, Tensor x, Tensor y, Tensor dy, Tensor dx);

    /**
     * Whether {@code f(x) = x}, so that a layer may skip applying it and fold itself into the next affine map.
     * False by default; an {@link ElementwiseActivation} answers from its formula.
     */
    default boolean isIdentity() {
        return false;
    }

    /**
     * Whether the weights feeding this activation should start with He (Kaiming) initialisation, which keeps
     * the variance of a rectifier's outputs (ReLU), rather than Xavier (Glorot), which suits activations
     * symmetric around 0. False by default.
     */
    default boolean suitsHeInitialization() {
        return false;
    }
}
