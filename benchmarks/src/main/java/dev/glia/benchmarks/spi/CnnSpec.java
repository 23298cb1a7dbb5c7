package dev.glia.benchmarks.spi;

/**
 * The network and training every system gets in the cnn benchmark (issue 13's image classifier): input
 * {@code [1, 28, 28]} → conv 5×5×32 ReLU (valid, stride 1) → max-pool 2×2 → conv 5×5×64 ReLU → max-pool 2×2 →
 * dense 128 ReLU → dense 10 softmax with cross-entropy; He-normal weights (N(0, 2/fanIn), fan-in
 * {@code channels·kernel²} for a convolution) and zero biases; Adam (learning rate 1e-3, betas 0.9/0.999, epsilon
 * 1e-8, {@link MlpSpec#BETA1} and the others), mini-batches of 128 visited in the same seeded order
 * ({@link EpochOrder}), float32, channels first (NCHW).
 *
 * @param channels     input channels (1)
 * @param side         input height and width (28)
 * @param filters1     filters of the first convolution (32)
 * @param filters2     filters of the second convolution (64)
 * @param kernel       both convolutions' square kernel (5)
 * @param pool         both max-pools' square window and stride (2)
 * @param hidden       units of the dense hidden layer (128)
 * @param classes      outputs (10)
 * @param batch        samples per mini-batch (128; the last batch of an epoch has the remainder)
 * @param learningRate Adam's learning rate (1e-3)
 * @param seed         seed of the weights and of the visiting order
 * @param epochs       epochs to train, the first being warm-up
 */
public record CnnSpec(
        int channels,
        int side,
        int filters1,
        int filters2,
        int kernel,
        int pool,
        int hidden,
        int classes,
        int batch,
        double learningRate,
        long seed,
        int epochs) {
    /** The CNN with {@code epochs} epochs and this seed. */
    public static CnnSpec fashionMnist(int epochs, long seed) {
        return new CnnSpec(1, 28, 32, 64, 5, 2, 128, 10, 128, 1e-3, seed, epochs);
    }

    /** Height and width after the first convolution (24). */
    public int conv1Side() {
        return side - kernel + 1;
    }

    /** Height and width after the first pooling (12). */
    public int pool1Side() {
        return conv1Side() / pool;
    }

    /** Height and width after the second convolution (8). */
    public int conv2Side() {
        return pool1Side() - kernel + 1;
    }

    /** Height and width after the second pooling (4). */
    public int pool2Side() {
        return conv2Side() / pool;
    }

    /** Values per sample entering the dense layers (64·4·4 = 1,024). */
    public int flattened() {
        return filters2 * pool2Side() * pool2Side();
    }

    /** Values per input sample (784). */
    public int inputs() {
        return channels * side * side;
    }

    /** Multiply-adds of the first convolution's forward pass for one sample (460,800). */
    public long conv1Macs() {
        return (long) filters1 * conv1Side() * conv1Side() * channels * kernel * kernel;
    }

    /** Multiply-adds of the second convolution's forward pass for one sample (3,276,800). */
    public long conv2Macs() {
        return (long) filters2 * conv2Side() * conv2Side() * filters1 * kernel * kernel;
    }

    /** Multiply-adds of one sample's forward pass in the convolutions and dense layers (3,869,952). */
    public long forwardMacs() {
        long dense = (long) flattened() * hidden + (long) hidden * classes;
        return conv1Macs() + conv2Macs() + dense;
    }

    /**
     * Floating-point operations of one training sample, the usual count: forward, then the weight gradient and the
     * input gradient each as costly as the forward, i.e. 3 × 2 × {@link #forwardMacs()} (23.2 M); pooling,
     * activations, loss and Adam are left out.
     */
    public double trainingFlops() {
        return 6.0 * forwardMacs();
    }

    /** One-line description for reports. */
    public String describe() {
        return "[" + channels + "," + side + "," + side + "] → conv " + kernel + "×" + kernel + "×" + filters1
                + " ReLU → max-pool " + pool + "×" + pool + " → conv " + kernel + "×" + kernel + "×" + filters2
                + " ReLU → max-pool " + pool + "×" + pool + " → dense " + hidden + " ReLU → dense " + classes
                + " softmax + cross-entropy (valid convolutions, stride 1), He init, Adam " + learningRate + ", batch "
                + batch + ", seed " + seed + ", float32";
    }
}
