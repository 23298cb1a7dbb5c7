package dev.glia.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What {@link Network#fit} did: the mean training loss of each epoch and the steps taken. */
public final class TrainingHistory {
    private final List<Double> epochLosses = new ArrayList<>();
    private final List<Double> validationLosses = new ArrayList<>();
    private long steps;
    private String stopReason = "finished all epochs";

    void recordEpoch(double loss, double validationLoss) {
        epochLosses.add(loss);
        if (!Double.isNaN(validationLoss)) {
            validationLosses.add(validationLoss);
        }
    }

    void recordStep() {
        steps++;
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

    /** Why training stopped, e.g. {@code loss 0.0009 reached the target 0.001}. */
    public String stopReason() {
        return stopReason;
    }
}
