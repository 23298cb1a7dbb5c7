package dev.glia.benchmarks.spi;

/**
 * The network and training every system gets in the throughput benchmark: dense layers 784-256-128-10,
 * ReLU, ReLU, softmax with cross-entropy, He-normal weights (N(0, 2/fanIn)) and zero biases, Adam
 * (learning rate 1e-3, betas 0.9/0.999, epsilon 1e-8), mini-batches of 128 visited in the same seeded
 * order ({@link EpochOrder}), float32.
 *
 * @param inputs   values per sample (784)
 * @param hidden1  units of the first hidden layer (256)
 * @param hidden2  units of the second hidden layer (128)
 * @param classes  outputs (10)
 * @param batch    samples per mini-batch (128; the last batch of an epoch has the remainder)
 * @param learningRate Adam's learning rate (1e-3)
 * @param seed     seed of the weights and of the visiting order
 * @param epochs   epochs to train, the first being warm-up
 */
public record MlpSpec(
        int inputs, int hidden1, int hidden2, int classes, int batch, double learningRate, long seed, int epochs) {
    /** Adam's beta1, beta2 and epsilon, the usual values, the same everywhere. */
    public static final double BETA1 = 0.9;
    /** Adam's beta2. */
    public static final double BETA2 = 0.999;
    /** Adam's epsilon. */
    public static final double EPSILON = 1e-8;

    /** The MLP with {@code epochs} epochs and this seed. */
    public static MlpSpec fashionMnist(int epochs, long seed) {
        return new MlpSpec(784, 256, 128, 10, 128, 1e-3, seed, epochs);
    }

    /** One-line description for reports. */
    public String describe() {
        return inputs + "-" + hidden1 + "-" + hidden2 + "-" + classes
                + " (ReLU, ReLU, softmax + cross-entropy), He init," + " Adam " + learningRate + ", batch " + batch
                + ", seed " + seed + ", float32";
    }
}
