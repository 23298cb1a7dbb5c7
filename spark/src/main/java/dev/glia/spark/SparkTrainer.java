package dev.glia.spark;

import dev.glia.api.Loss;
import dev.glia.api.Optimizer;
import dev.glia.core.Network;
import dev.glia.core.TrainingSteps;
import dev.glia.core.optim.OptimizerState;
import dev.glia.core.training.FlatParameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data-parallel training of a {@link Network} on Spark. Each partition of the data is one shard, cached on its
 * executor. Synchronously (the default), every step each partition computes the gradients of its share of the
 * global batch on its executor's backend, the gradients are summed ({@link AllReduce}), the driver's optimiser
 * applies them once to the driver's network, and the new weights go out by broadcast. With
 * {@link Builder#averageEvery(int) averageEvery(k)}, each partition takes {@code k} steps alone with its own
 * optimiser and the driver averages the weights (DL4J's parameter averaging).
 *
 * <pre>{@code
 * SparkTrainer trainer = SparkTrainer.builder()
 *         .loss(Losses.softmaxCrossEntropy()).optimizer(() -> Optimizers.adam(0.001))
 *         .epochs(5).batchSize(256).allReduce(AllReduce.SHARDED).checkpointDir("hdfs:///glia/run1").build();
 * SparkTrainingResult r = trainer.fit(network, samples);   // trains network (on the driver) in place
 * }</pre>
 *
 * <p>With one partition and the same seed this is {@code network.fit} exactly: the same batches, in the same
 * order, the same bits, running statistics included. Batch normalisation normalises each partition's share of
 * a batch by that share's statistics (as PyTorch's DistributedDataParallel does without SyncBatchNorm), and the
 * driver's running statistics become the partitions' updated ones averaged by their samples.
 */
public final class SparkTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(SparkTrainer.class);

    private final String lossId;
    private final OptimizerFactory optimizer;
    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;
    private final AllReduce allReduce;
    private final int averageEvery;
    private final String checkpointDir;
    private final FailOnce fault;

    private SparkTrainer(Builder b) {
        this.lossId = Objects.requireNonNull(b.lossId, "loss");
        this.optimizer = Objects.requireNonNull(b.optimizer, "optimizer");
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.shuffle = b.shuffle;
        this.allReduce = b.allReduce;
        this.averageEvery = b.averageEvery;
        this.checkpointDir = b.checkpointDir;
        this.fault = b.fault;
    }

    /** Starts the settings of a trainer. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains {@code network} (on the driver, in place) on {@code data}. With a checkpoint directory that holds a
     * checkpoint, training resumes after its epoch with its weights and optimiser state.
     *
     * @throws IllegalArgumentException if the samples do not fit the network's input
     */
    public SparkTrainingResult fit(Network network, JavaRDD<Sample> data) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.context());
        JavaRDD<Shard> shards =
                data.mapPartitions(it -> List.of(Shard.of(it)).iterator(), true).persist(StorageLevel.MEMORY_ONLY());
        String runId = UUID.randomUUID().toString();
        Broadcast<byte[]> model = sc.broadcast(Checkpoints.modelBytes(network));
        TrafficMeter meter = new TrafficMeter();
        try (Optimizer driverOptimizer = optimizer.create()) {
            RunSettings run =
                    new RunSettings(runId, model, plan(shards, network), lossId, seed, shuffle, optimizer, fault);
            Checkpoints checkpoints =
                    checkpointDir == null ? null : new Checkpoints(checkpointDir, sc.hadoopConfiguration());
            int resumed = checkpoints == null ? 0 : Math.min(checkpoints.latest(), epochs);
            if (resumed > 0) {
                checkpoints.restoreWeights(resumed, network);
                checkpoints.optimizerState(resumed).restore(driverOptimizer, network.parameters());
                LOG.info("Resuming after the checkpoint of epoch {} in {}", resumed, checkpointDir);
            }
            sc.sc().addSparkListener(meter);
            Loop loop = new Loop(sc, shards, run, network, driverOptimizer, allReduce);
            long started = System.nanoTime();
            List<Double> losses = new ArrayList<>();
            for (int epoch = resumed + 1; epoch <= epochs; epoch++) {
                double loss = averageEvery > 0 ? loop.averagingEpoch(epoch, averageEvery) : loop.epoch(epoch);
                losses.add(loss);
                LOG.info("Epoch {}/{}: loss {}", epoch, epochs, loss);
                if (checkpoints != null) {
                    checkpoints.write(epoch, network, OptimizerState.export(driverOptimizer, network.parameters()));
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            drain(sc);
            long steps = Math.max(1, loop.steps());
            long vectorBytes = 4L * (FlatParameters.size(network) + FlatParameters.stateSize(network));
            return new SparkTrainingResult(
                    losses,
                    loop.steps(),
                    loop.samples(),
                    seconds,
                    meter.shuffleBytes() / steps,
                    meter.resultBytes() / steps,
                    vectorBytes,
                    resumed);
        } finally {
            sc.sc().removeSparkListener(meter);
            release(shards, runId);
            shards.unpersist(false);
            model.destroy();
        }
    }

    /** Waits for Spark's listener bus to deliver the run's task metrics to the traffic meter. */
    private static void drain(JavaSparkContext sc) {
        try {
            sc.sc().listenerBus().waitUntilEmpty(10_000);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("The traffic counts may miss the last tasks: Spark's listener bus did not drain in 10 s");
        }
    }

    private StepPlan plan(JavaRDD<Shard> shards, Network network) {
        List<int[]> sizes = shards.map(s -> new int[] {s.size(), s.featureWidth(), s.targetWidth()})
                .collect();
        int[] counts = new int[sizes.size()];
        for (int p = 0; p < counts.length; p++) {
            counts[p] = sizes.get(p)[0];
            int width = sizes.get(p)[1];
            if (width >= 0 && width != network.inputWidth()) {
                throw new IllegalArgumentException("The network takes " + network.inputWidth()
                        + " values per sample, but the samples of partition " + p + " hold " + width);
            }
            int targets = sizes.get(p)[2];
            if (targets >= 0 && targets != network.outputWidth()) {
                throw new IllegalArgumentException("The network outputs " + network.outputWidth()
                        + " values per sample, but the targets of partition " + p + " hold " + targets
                        + "; the last layer needs as many units as the targets have values");
            }
        }
        return new StepPlan(counts, batchSize);
    }

    /** Closes the executors' networks of the run (best effort on a cluster; always in this JVM). */
    private static void release(JavaRDD<Shard> shards, String runId) {
        try {
            shards.foreachPartition(it -> WorkerNetworks.release(runId));
        } catch (RuntimeException e) {
            LOG.warn("Could not release the executors' networks of run {}: {}", runId, e.toString());
        }
        WorkerNetworks.release(runId);
    }

    /** The steps of one run on the driver. */
    private static final class Loop {
        private final JavaSparkContext sc;
        private final JavaRDD<Shard> shards;
        private final RunSettings run;
        private final Network network;
        private final Optimizer optimizer;
        private final AllReduce way;
        /** The flat parameter vector's length; the reduced vector adds the loss and the state after it. */
        private final int parameters;

        private final int length;
        private long steps;
        private long samples;

        Loop(
                JavaSparkContext sc,
                JavaRDD<Shard> shards,
                RunSettings run,
                Network network,
                Optimizer optimizer,
                AllReduce way) {
            this.sc = sc;
            this.shards = shards;
            this.run = run;
            this.network = network;
            this.optimizer = optimizer;
            this.way = way;
            this.parameters = FlatParameters.size(network);
            this.length = parameters + 1 + FlatParameters.stateSize(network);
        }

        /** One epoch of synchronous steps; its mean loss. */
        double epoch(int epoch) {
            StepPlan plan = run.plan();
            double lossSum = 0;
            int total = 0;
            for (int step = 0; step < plan.stepsPerEpoch(); step++) {
                long global = (long) (epoch - 1) * plan.stepsPerEpoch() + step;
                Broadcast<float[]> weights = sc.broadcast(ModelVector.read(network));
                try {
                    PartitionStep task = new PartitionStep(run, weights, epoch, step, global);
                    float[] sum = Reductions.sum(way, shards, task::gradients, length);
                    FlatParameters.writeGradients(network, Arrays.copyOf(sum, parameters));
                    TrainingSteps.applyGradients(network, optimizer);
                    writeState(sum);
                    double loss = sum[parameters];
                    checkFinite(loss, epoch, step);
                    lossSum += loss * plan.total(step);
                    total += plan.total(step);
                } finally {
                    weights.destroy();
                }
                steps++;
            }
            samples += total;
            return lossSum / total;
        }

        /** One epoch of parameter averaging every {@code k} local steps; its mean loss. */
        double averagingEpoch(int epoch, int k) {
            StepPlan plan = run.plan();
            double lossSum = 0;
            int total = 0;
            for (int step = 0; step < plan.stepsPerEpoch(); step += k) {
                long global = (long) (epoch - 1) * plan.stepsPerEpoch() + step;
                Broadcast<float[]> weights = sc.broadcast(ModelVector.read(network));
                try {
                    PartitionStep task = new PartitionStep(run, weights, epoch, step, global);
                    float[] sum = Reductions.sum(way, shards, (p, it) -> task.localSteps(p, it, k), length);
                    FlatParameters.write(network, Arrays.copyOf(sum, parameters));
                    writeState(sum);
                    int inRound = 0;
                    for (int s = step; s < Math.min(step + k, plan.stepsPerEpoch()); s++) {
                        inRound += plan.total(s);
                    }
                    checkFinite(sum[parameters], epoch, step);
                    lossSum += (double) sum[parameters] * inRound;
                    total += inRound;
                } finally {
                    weights.destroy();
                }
                steps++;
            }
            samples += total;
            return lossSum / total;
        }

        /** The partitions' running statistics, weighted by their samples and summed: the driver's from now on. */
        private void writeState(float[] sum) {
            if (length > parameters + 1) {
                FlatParameters.writeState(network, Arrays.copyOfRange(sum, parameters + 1, length));
            }
        }

        private static void checkFinite(double loss, int epoch, int step) {
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("Training diverged: the loss became " + loss + " in epoch " + epoch
                        + ", step " + (step + 1) + "; lower the learning rate");
            }
        }

        long steps() {
            return steps;
        }

        long samples() {
            return samples;
        }
    }

    /** The settings of a {@link SparkTrainer}. */
    public static final class Builder {
        private String lossId;
        private OptimizerFactory optimizer;
        private int epochs = 1;
        private int batchSize = 32;
        private long seed = 42;
        private boolean shuffle = true;
        private AllReduce allReduce = AllReduce.TREE_AGGREGATE;
        private int averageEvery;
        private String checkpointDir;
        private FailOnce fault;

        private Builder() {}

        /** The loss, one of {@code Losses}' built-ins (executors rebuild it from its id). */
        public Builder loss(Loss loss) {
            this.lossId = loss.id();
            return this;
        }

        /** Makes the optimiser (the driver's, and each partition's when averaging). */
        public Builder optimizer(OptimizerFactory factory) {
            this.optimizer = factory;
            return this;
        }

        /** Epochs to train (in all, counting those before a resumed checkpoint). */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /** The global batch, split over the partitions each step. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** The seed of each epoch's shuffle (partition 0 uses it as {@code fit} does). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Whether each epoch shuffles each partition's samples (default true). */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** How gradients are summed (default {@link AllReduce#TREE_AGGREGATE}). */
        public Builder allReduce(AllReduce way) {
            this.allReduce = Objects.requireNonNull(way, "allReduce");
            return this;
        }

        /** Parameter averaging every {@code k} local steps instead of synchronous steps; 0 turns it off. */
        public Builder averageEvery(int k) {
            if (k < 0) {
                throw new IllegalArgumentException("averageEvery must be 0 (off) or more, got " + k);
            }
            this.averageEvery = k;
            return this;
        }

        /** A Hadoop file system directory for a checkpoint after every epoch, and to resume from. */
        public Builder checkpointDir(String dir) {
            this.checkpointDir = dir;
            return this;
        }

        /** Test hook: the first attempt of {@code partition}'s task at global step {@code step} fails. */
        Builder failOnce(int partition, long step) {
            this.fault = new FailOnce(partition, step);
            return this;
        }

        /** The trainer. */
        public SparkTrainer build() {
            return new SparkTrainer(this);
        }
    }
}
