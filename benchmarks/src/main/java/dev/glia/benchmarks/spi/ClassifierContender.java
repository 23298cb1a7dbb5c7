package dev.glia.benchmarks.spi;

/**
 * One system's image classifier for a training benchmark ({@code throughput}'s MLP, {@code cnn}'s CNN), built in
 * the child JVM. Each system trains through its own idiomatic loop (Glia {@code Network.fit}, DL4J
 * {@code MultiLayerNetwork.fit}, DJL {@code Trainer} steps) on the same host arrays in the same {@link EpochOrder}.
 */
public interface ClassifierContender extends AutoCloseable {
    /** The library, its version, the BLAS or device and the threads, in one line. */
    String engine();

    /**
     * Trains the spec's epochs over {@code train}, calling {@code listener} right after each epoch's last step (the
     * harness takes the time there).
     */
    void train(ImageData train, EpochListener listener);

    /** The predicted class of every sample of {@code test}. */
    int[] predict(ImageData test);

    /** One-sample inference: {@code sample} (one image's 784 floats on the host) in, the 10 outputs on the host out. */
    void infer(float[] sample, float[] out);

    /**
     * The subnormal floats of the training state now (between epochs, outside the timed region; for the harness's
     * {@code --subnormals}), or null when this system cannot reach its optimiser's state.
     */
    default Subnormals subnormals() {
        return null;
    }

    /** Frees everything. */
    @Override
    void close();

    /** Told when an epoch ends. */
    @FunctionalInterface
    interface EpochListener {
        /** Epoch {@code epoch} (from 1) ended with this mean training loss (NaN if the system does not report it). */
        void epochEnded(int epoch, double meanLoss);
    }
}
