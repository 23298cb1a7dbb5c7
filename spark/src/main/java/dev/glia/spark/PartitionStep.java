package dev.glia.spark;

import dev.glia.api.Loss;
import dev.glia.api.Optimizer;
import dev.glia.core.Network;
import dev.glia.core.TrainingSteps;
import dev.glia.core.losses.Losses;
import dev.glia.core.training.FlatParameters;
import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;

/**
 * What one partition does in one step (synchronous training) or one round (parameter averaging), shipped to
 * the executors as the task's closure. Its result is a vector of the network's size plus one: the weighted
 * gradients (or weights), then the weighted loss, so that summing the partitions' vectors gives the global means.
 */
final class PartitionStep implements Serializable {
    private static final long serialVersionUID = 1L;

    private final RunSettings run;
    private final Broadcast<float[]> weights;
    private final int epoch;
    private final int step;
    private final long globalStep;

    PartitionStep(RunSettings run, Broadcast<float[]> weights, int epoch, int step, long globalStep) {
        this.run = run;
        this.weights = weights;
        this.epoch = epoch;
        this.step = step;
        this.globalStep = globalStep;
    }

    /** Partition {@code p}'s weighted mean gradient and loss at this step; nothing when it sits the step out. */
    Iterator<float[]> gradients(int p, Iterator<Shard> shards) {
        Shard shard = shards.next();
        StepPlan plan = run.plan();
        int count = plan.count(p, step);
        if (count == 0) {
            return Collections.emptyIterator();
        }
        if (run.fault() != null) {
            run.fault().maybeFail(p, globalStep);
        }
        try (WorkerNetworks.Worker worker =
                WorkerNetworks.borrow(run.runId(), run.model().value())) {
            Network net = worker.network();
            worker.weights(weights.id(), weights.value());
            int[] order = shard.order(epoch, run.seedOf(p), run.shuffle());
            Loss loss = Losses.byId(run.lossId());
            double value = TrainingSteps.computeGradients(net, shard.dataset(), order, plan.from(p, step), count, loss);
            float[] g = FlatParameters.readGradients(net);
            return List.of(weighted(g, value, plan.weight(p, step))).iterator();
        }
    }

    /**
     * Parameter averaging: partition {@code p} takes {@code localSteps} steps from this step on, on its own
     * shard with a fresh optimiser, and returns its weights and mean loss, weighted by its share of the samples
     * of the round.
     */
    Iterator<float[]> localSteps(int p, Iterator<Shard> shards, int localSteps) {
        Shard shard = shards.next();
        StepPlan plan = run.plan();
        int last = Math.min(step + localSteps, plan.stepsPerEpoch());
        int mine = 0;
        int all = 0;
        for (int s = step; s < last; s++) {
            mine += plan.count(p, s);
            all += plan.total(s);
        }
        if (mine == 0) {
            return Collections.emptyIterator();
        }
        if (run.fault() != null) {
            run.fault().maybeFail(p, globalStep);
        }
        try (WorkerNetworks.Worker worker =
                        WorkerNetworks.borrow(run.runId(), run.model().value());
                Optimizer optimizer = run.optimizer().create()) {
            Network net = worker.network();
            worker.weights(weights.id(), weights.value());
            worker.weightsChanged();
            int[] order = shard.order(epoch, run.seedOf(p), run.shuffle());
            Loss loss = Losses.byId(run.lossId());
            double lossSum = 0;
            for (int s = step; s < last; s++) {
                int count = plan.count(p, s);
                if (count > 0) {
                    double value =
                            TrainingSteps.computeGradients(net, shard.dataset(), order, plan.from(p, s), count, loss);
                    TrainingSteps.applyGradients(net, optimizer);
                    lossSum += value * count;
                }
            }
            return List.of(weighted(FlatParameters.read(net), lossSum / mine, (float) ((double) mine / all)))
                    .iterator();
        }
    }

    private static float[] weighted(float[] values, double loss, float weight) {
        float[] out = new float[values.length + 1];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] * weight;
        }
        out[values.length] = (float) loss * weight;
        return out;
    }
}
