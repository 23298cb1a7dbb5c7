package dev.glia.examples.text;

import java.util.List;

/**
 * The training settings of {@code glia text}, range-checked by the command.
 *
 * @param network        {@code lstm} (the lesson's model) or {@code window} (the feed-forward comparison)
 * @param epochs         the most epochs
 * @param minutes        the training time budget: no epoch starts after it is spent (0: none)
 * @param charsPerEpoch  predicted characters (positions drawn at random) per epoch
 * @param batchSize      samples per mini-batch
 * @param context        characters per training sequence (lstm) or characters read before each prediction (window)
 * @param hidden         hidden units
 * @param learningRate   Adam's learning rate
 * @param seed           seed of the weights, the positions drawn and the samples
 * @param sampleLength   characters of each sample printed after an epoch
 * @param temperatures   the temperatures of those samples
 * @param prime          the text the samples start from
 */
public record TextSettings(
        String network,
        int epochs,
        double minutes,
        int charsPerEpoch,
        int batchSize,
        int context,
        int hidden,
        double learningRate,
        long seed,
        int sampleLength,
        List<Double> temperatures,
        String prime) {
    /** Copies the list. */
    public TextSettings {
        temperatures = List.copyOf(temperatures);
    }
}
