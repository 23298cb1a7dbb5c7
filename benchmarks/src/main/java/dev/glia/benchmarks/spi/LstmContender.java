package dev.glia.benchmarks.spi;

/**
 * One system's character model for the lstm benchmark, built from an {@link LstmSpec} in the child JVM. Each system
 * trains through its own idiomatic loop on the same windows of {@link CharText} in the same {@link EpochOrder}; the
 * harness computes bits per character from the probabilities each returns, so that no system's own loss reporting
 * enters the table.
 */
public interface LstmContender extends AutoCloseable {
    /** The library, its version, the BLAS or device and the threads, in one line. */
    String engine();

    /**
     * Trains the spec's epochs over the training windows of {@code text}, calling {@code listener} right after each
     * epoch's last step (the harness takes the time there).
     */
    void train(CharText text, EpochListener listener);

    /**
     * The softmax probabilities of the next character after each input character of {@code count} windows, each run
     * from a zero state: {@code inputs} holds {@code count × T} character codes, {@code probabilities} receives
     * {@code count × T × V} floats.
     */
    void predict(int[] inputs, int count, float[] probabilities);

    /** Forgets the generation state: the next {@link #step} starts from a zero state. */
    void resetState();

    /**
     * One step of generation with batch 1: feeds {@code code} to the stateful model, keeps the new state and writes
     * the V probabilities of the next character to {@code probabilities} on the host.
     */
    void step(int code, float[] probabilities);

    /** Frees everything. */
    @Override
    void close();

    /** Told when an epoch ends. */
    @FunctionalInterface
    interface EpochListener {
        /**
         * Epoch {@code epoch} (from 1) ended with this mean training loss in nats per character (NaN if the system
         * does not report it).
         */
        void epochEnded(int epoch, double meanLoss);
    }
}
