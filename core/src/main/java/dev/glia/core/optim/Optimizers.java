package dev.glia.core.optim;

import dev.glia.api.Optimizer;

/** The built-in optimisers. Each keeps its state on the parameters' backend until closed. */
public final class Optimizers {
    private Optimizers() {}

    /** Plain stochastic gradient descent. */
    public static Optimizer sgd(double learningRate) {
        return new Sgd(learningRate, 0);
    }

    /** SGD with momentum {@code mu} in [0, 1): {@code v = mu v + g; p -= lr v}. */
    public static Optimizer momentum(double learningRate, double mu) {
        return new Sgd(learningRate, mu);
    }

    /** Adam with the usual betas 0.9 and 0.999 and epsilon 1e-8. */
    public static Optimizer adam(double learningRate) {
        return adam(learningRate, 0.9, 0.999, 1e-8);
    }

    /** Adam with every setting given. */
    public static Optimizer adam(double learningRate, double beta1, double beta2, double epsilon) {
        return new Adam(learningRate, beta1, beta2, epsilon);
    }

    /**
     * {@code optimizer} after clipping the gradients by their global norm: before each update every gradient is
     * multiplied in place by {@code maxNorm / max(norm, maxNorm)}, where {@code norm} is the Euclidean norm of all
     * gradients together, so no step's gradient is longer than {@code maxNorm} and a shorter one is left as it
     * is (PyTorch's {@code clip_grad_norm_}). Computed on the backend without a download. Closing the result
     * closes {@code optimizer}.
     *
     * <pre>{@code
     * Optimizer adam = Optimizers.clipGlobalNorm(Optimizers.adam(2e-3), 5.0);
     * }</pre>
     *
     * @throws IllegalArgumentException unless {@code maxNorm} is positive and finite
     */
    public static Optimizer clipGlobalNorm(Optimizer optimizer, double maxNorm) {
        return new GlobalNormClipping(java.util.Objects.requireNonNull(optimizer, "optimizer"), maxNorm);
    }

    static void checkPositive(String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("The " + what + " must be a positive finite number, got " + value);
        }
    }
}
