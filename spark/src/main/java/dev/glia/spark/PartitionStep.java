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
 * the executors as the task's closure. Its result is a vector of the network's size plus one plus its state's
 * size: the weighted gradients (or weights), the weighted loss, then the weighted running statistics as the
 * partition's forward passes left them, so that summing the partitions' vectors gives the global means. Each
 * step starts from the driver's weights and statistics ({@link ModelVector}); with one partition the statistics
 * are those of single-JVM {@code fit}, and with several, their mean weighted by each partition's samples.
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
            worker.weightsChanged(); // the forward pass moved the running statistics
            float[] g = FlatParameters.readGradients(net);
            return List.of(weighted(g, value, FlatParameters.readState(net), plan.weight(p, step)))
                    .iterator();
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
            float weight = (float) ((double) mine / all);
            return List.of(weighted(FlatParameters.read(net), lossSum / mine, FlatParameters.readState(net), weight))
                    .iterator();
        }
    }

    private static float[] weighted(float[] values, double loss, float[] state, float weight) {
        float[] out = new float[values.length + 1 + state.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] * weight;
        }
        out[values.length] = (float) loss * weight;
        for (int i = 0; i < state.length; i++) {
            out[values.length + 1 + i] = state[i] * weight;
        }
        return out;
    }
}
