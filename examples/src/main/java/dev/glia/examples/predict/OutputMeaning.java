package dev.glia.examples.predict;

import dev.glia.core.io.LayerDescription;
import dev.glia.core.io.ModelDescription;

/**
 * What a model's outputs mean, decided from its last layer as the model file describes it: a probability
 * distribution over the classes only when the last activation makes one (softmax; log_softmax, whose
 * outputs are log-probabilities; or a single sigmoid unit, the probability of class 1 in a binary
 * classifier), raw scores otherwise.
 */
enum OutputMeaning {
    /** Softmax: the outputs are the class probabilities. */
    PROBABILITIES,
    /** log_softmax: the outputs are the logarithms of the class probabilities. */
    LOG_PROBABILITIES,
    /** One sigmoid unit: the output is the probability of class 1 of two. */
    BINARY_PROBABILITY,
    /** Anything else: scores, larger meaning more likely, that are not probabilities. */
    SCORES;

    /** The meaning of {@code model}'s outputs. */
    static OutputMeaning of(ModelDescription model) {
        LayerDescription last = model.layers().get(model.layers().size() - 1);
        if (last.activation() == null) { // a last layer without an activation (a plugin's, say)
            return SCORES;
        }
        return switch (last.activation()) {
            case "softmax" -> PROBABILITIES;
            case "log_softmax" -> LOG_PROBABILITIES;
            case "sigmoid" -> model.outputWidth() == 1 ? BINARY_PROBABILITY : SCORES;
            default -> SCORES;
        };
    }

    /** Whether {@link #perClass} gives probabilities. */
    boolean isProbability() {
        return this != SCORES;
    }

    /** How many classes {@code units} outputs stand for. */
    int classes(int units) {
        return this == BINARY_PROBABILITY ? 2 : units;
    }

    /** One value per class from one sample's finite outputs: probabilities, or the scores as they are. */
    double[] perClass(float[] outputs) {
        double[] v = new double[classes(outputs.length)];
        switch (this) {
            case BINARY_PROBABILITY -> {
                v[0] = 1 - (double) outputs[0];
                v[1] = outputs[0];
            }
            case LOG_PROBABILITIES -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.exp(outputs[i]);
                }
            }
            default -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = outputs[i];
                }
            }
        }
        return v;
    }
}
