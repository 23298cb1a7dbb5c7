package dev.glia.spark;

import java.util.List;

/**
 * What a run of {@link SparkTrainer#fit} did and moved.
 *
 * @param epochLosses            the mean training loss of each epoch this run trained (not those before a resume)
 * @param steps                  optimiser steps (synchronous) or averaging rounds this run took
 * @param samples                samples trained on by this run
 * @param seconds                wall time of the training loop
 * @param shuffleBytesPerStep    bytes written to Spark's shuffle per step, from the task metrics (0 for
 *                               {@code treeAggregate} with at most 4 partitions, whose tree has no middle level)
 * @param driverBytesPerStep     bytes of task results that reached the driver per step, from the task metrics
 * @param broadcastBytesPerStep  bytes of the weights broadcast per step (each executor fetches them once)
 * @param resumedFromEpoch       the epoch of the checkpoint this run resumed from, 0 when it started afresh
 */
public record SparkTrainingResult(
        List<Double> epochLosses,
        long steps,
        long samples,
        double seconds,
        long shuffleBytesPerStep,
        long driverBytesPerStep,
        long broadcastBytesPerStep,
        int resumedFromEpoch) {
    /** Copies the losses. */
    public SparkTrainingResult {
        epochLosses = List.copyOf(epochLosses);
    }

    /** Training throughput of this run. */
    public double samplesPerSecond() {
        return seconds > 0 ? samples / seconds : 0;
    }

    /** The last epoch's mean loss, NaN when no epoch ran. */
    public double finalLoss() {
        return epochLosses.isEmpty() ? Double.NaN : epochLosses.get(epochLosses.size() - 1);
    }
}
