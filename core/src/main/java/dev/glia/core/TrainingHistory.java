package dev.glia.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What {@link Network#fit} did: the mean training loss of each epoch, validation loss and accuracy when
 * asked for, the best epoch, whether its weights were restored, and the steps taken.
 */
public final class TrainingHistory {
    private final List<Double> epochLosses = new ArrayList<>();
    private final List<Double> validationLosses = new ArrayList<>();
    private final List<Double> validationAccuracies = new ArrayList<>();
    private long steps;
    private int bestEpoch;
    private boolean restoredBestWeights;
    private String stopReason = "finished all epochs";

    void recordEpoch(double loss, double validationLoss, double validationAccuracy) {
        epochLosses.add(loss);
        if (!Double.isNaN(validationLoss)) {
            validationLosses.add(validationLoss);
        }
        if (!Double.isNaN(validationAccuracy)) {
            validationAccuracies.add(validationAccuracy);
        }
    }

    void recordStep() {
        steps++;
    }

    void bestEpoch(int epoch) {
        bestEpoch = epoch;
    }

    void markRestored() {
        restoredBestWeights = true;
    }

    void stoppedBecause(String reason) {
        stopReason = reason;
    }

    /** Mean training loss per epoch, in order. */
    public List<Double> epochLosses() {
        return Collections.unmodifiableList(epochLosses);
    }

    /** Validation loss per epoch (empty without validation data). */
    public List<Double> validationLosses() {
        return Collections.unmodifiableList(validationLosses);
    }

    /**
     * Validation accuracy per epoch, a share in [0, 1] (empty unless {@link TrainingOptions#validationAccuracy()}
     * was set).
     */
    public List<Double> validationAccuracies() {
        return Collections.unmodifiableList(validationAccuracies);
    }

    /** Number of epochs run. */
    public int epochs() {
        return epochLosses.size();
    }

    /** Number of optimiser steps (mini-batches) run. */
    public long steps() {
        return steps;
    }

    /** The last epoch's mean training loss. */
    public double finalLoss() {
        return epochLosses.isEmpty() ? Double.NaN : epochLosses.get(epochLosses.size() - 1);
    }

    /** The epoch with the lowest validation loss, from 1; 0 without validation data. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /**
     * Whether the network's weights were set back to those of {@link #bestEpoch()} at the end (early stopping
     * with {@link TrainingOptions#restoreBestWeights()}, when a later epoch was worse).
     */
    public boolean restoredBestWeights() {
        return restoredBestWeights;
    }

    /** Why training stopped, e.g. {@code loss 0.0009 reached the target 0.001}. */
    public String stopReason() {
        return stopReason;
    }
}
