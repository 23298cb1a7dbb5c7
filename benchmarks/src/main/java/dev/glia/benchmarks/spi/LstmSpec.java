package dev.glia.benchmarks.spi;

/**
 * The character model and training every system gets in the lstm benchmark (issue 14's text model): one-hot
 * characters {@code [N, T, V]} → LSTM {@code hidden} → LSTM {@code hidden} (all steps, zero initial state, PyTorch's
 * gate equations, sigmoid gates, tanh cell) → dense {@code V} at every step → softmax cross-entropy at every step,
 * averaged over the characters; LSTM weights uniform in ±1/√H ({@link #lstmInitBound()}, PyTorch's default and
 * Glia's), LSTM biases the same where a system can draw them (DL4J sets a constant: 0, its forget-gate bias of 1 set
 * to 0 too), the output layer Xavier-uniform with zero biases; Adam (learning rate {@code learningRate}, betas 0.9/0.999, epsilon 1e-8,
 * {@link MlpSpec#BETA1} and the others), no gradient clipping; mini-batches of {@code batch} windows of
 * {@code sequence} characters, visited in the same seeded order ({@link EpochOrder}), every window from a zero
 * state (plain backpropagation through its 64 steps, no state carried between batches); float32.
 *
 * <p>The input is one-hot, not an embedding, for every system: DL4J's and DJL's LSTMs take float features, and a
 * one-hot row through the first layer's input matrix is what an embedding of width V would compute.
 *
 * @param vocabulary   distinct characters of the text (V)
 * @param hidden       units of each LSTM layer (256)
 * @param layers       LSTM layers (2)
 * @param sequence     characters per window (T, 64)
 * @param batch        windows per mini-batch (64)
 * @param learningRate Adam's learning rate (2e-3)
 * @param seed         seed of the weights and of the visiting order
 * @param epochs       epochs (passes over the training windows)
 */
public record LstmSpec(
        int vocabulary, int hidden, int layers, int sequence, int batch, double learningRate, long seed, int epochs) {
    /** Characters per window of the model (T). */
    public static final int SEQUENCE = 64;
    /** Windows per mini-batch of the model. */
    public static final int BATCH = 64;

    /** Checks the sizes. */
    public LstmSpec {
        if (vocabulary < 2 || hidden < 1 || layers < 1 || sequence < 1 || batch < 1 || epochs < 1) {
            throw new IllegalArgumentException("An LSTM spec needs vocabulary >= 2 and every size >= 1, got V="
                    + vocabulary + ", H=" + hidden + ", layers=" + layers + ", T=" + sequence + ", batch=" + batch
                    + ", epochs=" + epochs);
        }
    }

    /** The model: 2 LSTM layers of 256, windows of 64, batch 64, Adam 2e-3, for a text of {@code vocabulary}. */
    public static LstmSpec charModel(int vocabulary, int epochs, long seed) {
        return new LstmSpec(vocabulary, 256, 2, SEQUENCE, BATCH, 2e-3, seed, epochs);
    }

    /** The bound k of the LSTM weights' initial U(−k, k): 1/√H (0.0625 for H = 256). */
    public double lstmInitBound() {
        return 1 / Math.sqrt(hidden);
    }

    /** Characters trained per mini-batch (batch × sequence, 4,096). */
    public int charsPerStep() {
        return batch * sequence;
    }

    /**
     * Multiply-adds of one character's forward pass: per LSTM layer 4H × (inputs + H) for the four gates' input and
     * recurrent products, then H × V for the dense output (869,632 for V = 65).
     */
    public long forwardMacsPerChar() {
        long macs = 0;
        int in = vocabulary;
        for (int l = 0; l < layers; l++) {
            macs += 4L * hidden * (in + hidden);
            in = hidden;
        }
        return macs + (long) hidden * vocabulary;
    }

    /**
     * Floating-point operations of one trained character, the usual count: forward, weight gradient and input
     * gradient each as costly as the forward, i.e. 3 × 2 × {@link #forwardMacsPerChar()} (5.2 M for V = 65); the
     * gates' element-wise math, softmax and Adam are left out.
     */
    public double trainingFlopsPerChar() {
        return 6.0 * forwardMacsPerChar();
    }

    /** One-line description for reports. */
    public String describe() {
        return "one-hot " + vocabulary + " characters → " + layers + " × LSTM " + hidden
                + " (all steps, zero initial state) → dense " + vocabulary
                + " at each step → softmax cross-entropy at each step; windows of " + sequence + " characters, batch "
                + batch + ", LSTM weights U(±1/√H), output Xavier-uniform, Adam " + learningRate
                + ", no clipping, seed " + seed
                + ", float32";
    }
}
