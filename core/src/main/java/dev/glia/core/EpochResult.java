package dev.glia.core;

/**
 * What one epoch of {@link Network#fit} produced, as told to {@link TrainingListener#epochEnded(EpochResult)}.
 *
 * @param epoch              the epoch, from 1
 * @param epochs             the most epochs the run may take
 * @param loss               the mean training loss over the epoch's batches
 * @param validationLoss     the loss on the validation data after the epoch, NaN without validation data
 * @param validationAccuracy the share of validation samples classified correctly (see
 *                           {@link TrainingOptions#validationAccuracy()}), NaN when not computed
 * @param bestEpoch          the epoch with the lowest validation loss so far (this one if it improved), 0
 *                           without validation data
 */
public record EpochResult(
        int epoch, int epochs, double loss, double validationLoss, double validationAccuracy, int bestEpoch) {

    /** Whether this epoch's validation loss is the best so far. */
    public boolean improved() {
        return bestEpoch == epoch;
    }
}
