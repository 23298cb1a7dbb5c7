package dev.glia.core;

/** Told about progress while {@link Network#fit} runs. Every method has an empty default. */
public interface TrainingListener {
    /** After each mini-batch: its loss and how many batches the epoch has. */
    default void batchEnded(int epoch, int batch, int batches, double loss) {
    }

    /** After each epoch: the mean training loss and the validation loss (NaN without validation data). */
    default void epochEnded(int epoch, double loss, double validationLoss) {
    }
}
