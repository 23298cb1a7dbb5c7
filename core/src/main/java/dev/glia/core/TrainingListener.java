package dev.glia.core;

/**
 * Told about progress while {@link Network#fit} runs, in this order: {@link #trainingStarted} once, then per
 * epoch {@link #batchEnded} for each mini-batch and {@link #epochEnded(EpochResult)}, then
 * {@link #trainingEnded} once. Every method has an empty default.
 */
public interface TrainingListener {
    /** Before the first batch: the most epochs that will run, samples per mini-batch and samples per epoch. */
    default void trainingStarted(int epochs, int batchSize, int samples) {}

    /** After each mini-batch: its loss and how many batches the epoch has. */
    default void batchEnded(int epoch, int batch, int batches, double loss) {}

    /** After each epoch: the mean training loss and the validation loss (NaN without validation data). */
    default void epochEnded(int epoch, double loss, double validationLoss) {}

    /**
     * After each epoch, with everything known about it (validation accuracy, the best epoch so far). The
     * default calls {@link #epochEnded(int, double, double)}.
     */
    default void epochEnded(EpochResult result) {
        epochEnded(result.epoch(), result.loss(), result.validationLoss());
    }

    /** After the last epoch (and after the best weights were restored, if they were). */
    default void trainingEnded(TrainingHistory history) {}
}
