package dev.glia.spark;

import java.io.Serializable;

/**
 * Which samples of its shard each partition trains on at each step of an epoch. The global batch is split into
 * local batches as evenly as it goes (partition {@code p} takes {@code B/P}, one more while {@code p < B % P}),
 * an epoch has as many steps as the largest shard needs, and a partition whose shard is used up sits a step out.
 * Every process derives the same plan from the shard sizes, so it needs no coordination.
 */
final class StepPlan implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] shardSizes;
    private final int[] localBatch;
    private final int stepsPerEpoch;

    StepPlan(int[] shardSizes, int globalBatch) {
        int partitions = shardSizes.length;
        if (globalBatch < partitions) {
            throw new IllegalArgumentException("The global batch of " + globalBatch + " samples is smaller than the "
                    + partitions + " partitions; use a batch of at least one sample per partition, or coalesce");
        }
        this.shardSizes = shardSizes.clone();
        this.localBatch = new int[partitions];
        int steps = 0;
        for (int p = 0; p < partitions; p++) {
            localBatch[p] = globalBatch / partitions + (p < globalBatch % partitions ? 1 : 0);
            steps = Math.max(steps, (shardSizes[p] + localBatch[p] - 1) / localBatch[p]);
        }
        if (steps == 0) {
            throw new IllegalArgumentException("The training data has no samples");
        }
        this.stepsPerEpoch = steps;
    }

    int partitions() {
        return shardSizes.length;
    }

    int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** The first sample, in the shard's epoch order, that partition {@code p} trains on at {@code step}. */
    int from(int p, int step) {
        return Math.min(step * localBatch[p], shardSizes[p]);
    }

    /** How many samples partition {@code p} trains on at {@code step} (0 when its shard is used up). */
    int count(int p, int step) {
        return Math.max(0, Math.min(localBatch[p], shardSizes[p] - step * localBatch[p]));
    }

    /** The samples of the whole global batch at {@code step}. */
    int total(int step) {
        int sum = 0;
        for (int p = 0; p < shardSizes.length; p++) {
            sum += count(p, step);
        }
        return sum;
    }

    /** Partition {@code p}'s share of the step's global batch: the weight of its mean gradient in the global mean. */
    float weight(int p, int step) {
        return (float) ((double) count(p, step) / total(step));
    }
}
