package dev.glia.examples.xor;

import java.util.List;

/**
 * Everything the XOR lesson measured, in a form that is easy to print or serialise. Outputs are listed
 * in the order of {@link XorLesson#INPUTS}.
 *
 * @param backend            the backend's configuration name, e.g. {@code ejml}
 * @param backendDescription the backend's one-line description (library, version, device)
 * @param handSet            part 1: the hand-set ReLU network
 * @param trained            part 2: the trained tanh/sigmoid network
 * @param linear             part 3: the network without activations, and its folded form
 */
public record XorResult(String backend, String backendDescription, HandSet handSet, Trained trained, Linear linear) {

    /** Whether every check of the three parts passed. */
    public boolean allChecksPass() {
        return handSet.exact() && trained.withinTolerance() && linear.cannotLearn() && linear.foldMatches();
    }

    /**
     * Part 1: the network of Goodfellow et al., with weights set by hand.
     *
     * @param outputs the four outputs
     * @param exact   whether they equal the targets 0, 1, 1, 0 exactly
     */
    public record HandSet(List<Double> outputs, boolean exact) {}

    /**
     * Part 2: a 2-8-1 network with a tanh hidden layer and a sigmoid output, trained from a seeded start.
     *
     * @param outputs         the four outputs after training
     * @param steps           optimiser steps taken
     * @param epochs          epochs run
     * @param finalLoss       the last epoch's mean binary cross-entropy
     * @param stopReason      why training stopped
     * @param tolerance       how far an output may be from its target
     * @param withinTolerance whether every output is within {@code tolerance} of its target
     */
    public record Trained(
            List<Double> outputs,
            long steps,
            int epochs,
            double finalLoss,
            String stopReason,
            double tolerance,
            boolean withinTolerance) {}

    /**
     * Part 3: the same 2-8-1 network with the identity on both layers, trained with MSE, and the
     * one-layer network that {@code foldAffine()} makes of it.
     *
     * @param outputs           the four outputs of the two-layer network
     * @param foldedOutputs     the four outputs of the folded network
     * @param steps             optimiser steps taken
     * @param finalLoss         the last epoch's mean squared error
     * @param lossFloor         the loss below which the lesson would count XOR as learned
     * @param maxFoldDifference the largest difference between {@code outputs} and {@code foldedOutputs}
     * @param foldTolerance     the largest difference the lesson accepts
     * @param layers            layers of the original network
     * @param foldedLayers      layers of the folded network
     */
    public record Linear(
            List<Double> outputs,
            List<Double> foldedOutputs,
            long steps,
            double finalLoss,
            double lossFloor,
            double maxFoldDifference,
            double foldTolerance,
            int layers,
            int foldedLayers) {

        /** Whether training left the loss at or above {@link #lossFloor}: XOR was not learned. */
        public boolean cannotLearn() {
            return finalLoss >= lossFloor;
        }

        /** Whether the folded network is one layer and agrees with the original within the tolerance. */
        public boolean foldMatches() {
            return foldedLayers == 1 && maxFoldDifference <= foldTolerance;
        }
    }
}
