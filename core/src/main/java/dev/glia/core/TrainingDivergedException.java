package dev.glia.core;

/** Thrown when the loss becomes NaN or infinite; the message names the epoch and batch. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int epoch;
    private final int batch;

    TrainingDivergedException(int epoch, int batch, double loss) {
        super("The loss became " + loss + " at epoch " + epoch + ", batch " + batch
                + "; training stopped. Lower the learning rate, scale the inputs, or check the data for NaN/Inf.");
        this.epoch = epoch;
        this.batch = batch;
    }

    /** The epoch (1-based) in which the loss diverged. */
    public int epoch() {
        return epoch;
    }

    /** The batch (1-based) within the epoch. */
    public int batch() {
        return batch;
    }
}
