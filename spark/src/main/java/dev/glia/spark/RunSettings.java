package dev.glia.spark;

import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;

/**
 * What every task of one training run shares: the run's id (the key of the executors' networks), the model
 * file broadcast once, the step plan, the loss, the seed and the optimiser factory (parameter averaging).
 *
 * @param runId     unique per run of {@link SparkTrainer#fit}
 * @param model     the bytes of the network's model file
 * @param plan      which samples each partition takes at each step
 * @param lossId    a built-in loss id ({@code Losses.byId})
 * @param seed      the run's seed; partition 0 shuffles with it as {@code fit} does
 * @param shuffle   whether each epoch shuffles each shard
 * @param optimizer the optimiser factory
 * @param fault     a test hook, or null
 */
record RunSettings(
        String runId,
        Broadcast<byte[]> model,
        StepPlan plan,
        String lossId,
        long seed,
        boolean shuffle,
        OptimizerFactory optimizer,
        FailOnce fault)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The shuffling seed of partition {@code p}: the run's seed for partition 0, so one partition is {@code fit}. */
    long seedOf(int p) {
        return p == 0 ? seed : seed ^ (0x9E3779B97F4A7C15L * p);
    }
}
