package dev.glia.core;

/** Thrown when the loss becomes NaN or infinite; the message names the epoch and batch. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int epoch;
    private final int batch;

    /**
     * The loss became {@code loss}; {@code dataFault} names a NaN or infinity in the batch's data (which then
     * explains it), or is null when the data are finite.
     */
    TrainingDivergedException(int epoch, int batch, double loss, String dataFault) {
        super("The loss became " + loss + " at epoch " + epoch + ", batch " + batch
                + (dataFault != null
                        ? " because " + dataFault + "; training stopped. Fix or drop that sample."
                        : "; training stopped. Lower the learning rate or scale the inputs."));
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
