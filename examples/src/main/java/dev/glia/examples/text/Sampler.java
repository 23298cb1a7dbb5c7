package dev.glia.examples.text;

import java.util.Random;

/**
 * Draws a character id from a model's predicted probabilities at a temperature: the probabilities are raised to
 * the power {@code 1/temperature} and renormalised, so a temperature below 1 sharpens the distribution towards
 * the likeliest characters and one above 1 flattens it. Seeded, so a generation repeats exactly.
 */
public final class Sampler {
    private final Random random;

    /** A sampler drawing from {@code new Random(seed)}. */
    public Sampler(long seed) {
        this.random = new Random(seed);
    }

    /**
     * An id drawn from {@code probabilities} (non-negative, summing to about 1) at {@code temperature} (> 0).
     */
    public int next(float[] probabilities, double temperature) {
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("The temperature must be a finite number above 0, got " + temperature);
        }
        double[] weights = new double[probabilities.length];
        double max = 0;
        for (float p : probabilities) {
            if (!(p >= 0) || !Float.isFinite(p)) {
                throw new IllegalArgumentException("Probabilities must be finite and not negative, got " + p);
            }
            max = Math.max(max, p);
        }
        if (max == 0) {
            throw new IllegalArgumentException("The probabilities are all 0; there is nothing to draw");
        }
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            // relative to the largest, so that a small temperature cannot underflow every weight to 0
            weights[i] = probabilities[i] > 0 ? Math.pow(probabilities[i] / max, 1 / temperature) : 0;
            sum += weights[i];
        }
        double u = random.nextDouble() * sum;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        int last = weights.length - 1;
        while (last > 0 && weights[last] == 0) {
            last--;
        }
        return last;
    }
}
