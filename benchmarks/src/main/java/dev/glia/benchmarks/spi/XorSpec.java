package dev.glia.benchmarks.spi;

/**
 * The XOR step every system gets: 2-8-1, tanh then sigmoid with binary cross-entropy (the fused,
 * from-logits form where a framework has one), Xavier-uniform weights, zero biases, Adam with this
 * learning rate, the four XOR samples as one batch of 4, float32.
 *
 * @param hidden       hidden units (8)
 * @param learningRate Adam's learning rate
 * @param seed         seed of the weights
 */
public record XorSpec(int hidden, double learningRate, long seed) {
    private static final float[] INPUTS = {0, 0, 0, 1, 1, 0, 1, 1};
    private static final float[] TARGETS = {0, 1, 1, 0};

    /** The four inputs, row-major [4, 2] (a fresh copy). */
    public static float[] inputs() {
        return INPUTS.clone();
    }

    /** The four targets, [4, 1] (a fresh copy). */
    public static float[] targets() {
        return TARGETS.clone();
    }

    /** The XOR step: 2-8-1, Adam 0.05. */
    public static XorSpec standard(long seed) {
        return new XorSpec(8, 0.05, seed);
    }
}
