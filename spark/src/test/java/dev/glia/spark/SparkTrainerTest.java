package dev.glia.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.core.Dataset;
import dev.glia.core.Layers;
import dev.glia.core.Network;
import dev.glia.core.TrainingOptions;
import dev.glia.core.config.Backends;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import dev.glia.core.training.FlatParameters;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Synchronous training on an embedded {@code local[2]} master (with up to 4 attempts per task, so that an
 * injected failure is retried), against single-JVM {@code fit} on the same backend.
 */
class SparkTrainerTest {
    private static JavaSparkContext sc;
    private static Backend backend;

    @BeforeAll
    static void start() {
        sc = new JavaSparkContext(new SparkConf()
                .setMaster("local[2,4]")
                .setAppName("glia-spark-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1"));
        backend = Backends.create();
    }

    @AfterAll
    static void stop() {
        sc.stop();
        backend.close();
    }

    private static Network network() {
        return network(8);
    }

    private static Network network(int hidden) {
        return Network.builder(backend)
                .seed(7)
                .input(4)
                .dense(hidden, "tanh")
                .dense(3, "softmax")
                .build();
    }

    /** {@code n} seeded samples of 4 features in 3 classes (the sign pattern of two features). */
    static List<Sample> samples(int n) {
        Random r = new Random(13);
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] x = new float[4];
            for (int j = 0; j < 4; j++) {
                x[j] = (float) r.nextGaussian();
            }
            float[] y = new float[3];
            y[x[0] > 0 ? (x[1] > 0 ? 2 : 1) : 0] = 1;
            out.add(new Sample(x, y));
        }
        return out;
    }

    static Dataset dataset(List<Sample> samples) {
        float[][] x = new float[samples.size()][];
        float[][] y = new float[samples.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = samples.get(i).features();
            y[i] = samples.get(i).target();
        }
        return Dataset.of(x, y);
    }

    /**
     * Weights, then running statistics, after single-JVM {@code fit} of {@code net} (closed here) with the settings
     * of {@code trainer(3, 16)}.
     */
    private static float[][] fitAsTrainer(Network net, List<Sample> data) {
        try (net) {
            net.fit(
                    dataset(data),
                    TrainingOptions.builder()
                            .loss(Losses.softmaxCrossEntropy())
                            .optimizer(Optimizers.adam(0.02))
                            .epochs(3)
                            .batchSize(16)
                            .seed(3)
                            .build());
            return new float[][] {FlatParameters.read(net), FlatParameters.readState(net)};
        }
    }

    private static SparkTrainer.Builder trainer(int epochs, int batch) {
        return SparkTrainer.builder()
                .loss(Losses.softmaxCrossEntropy())
                .optimizer(() -> Optimizers.adam(0.02))
                .epochs(epochs)
                .batchSize(batch)
                .seed(3);
    }

    private static float[] train(SparkTrainer trainer, List<Sample> samples, int partitions) {
        try (Network net = network()) {
            trainer.fit(net, sc.parallelize(samples, partitions));
            return FlatParameters.read(net);
        }
    }

    private static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, what + ": weight " + i);
        }
    }

    @Test
    void onePartitionIsFitBitForBit() {
        List<Sample> data = samples(50);
        float[] expected = fitAsTrainer(network(), data)[0];
        for (AllReduce way : AllReduce.values()) {
            float[] actual = train(trainer(3, 16).allReduce(way).build(), data, 1);
            assertArrayEquals(expected, actual, way + " with one partition differs from fit");
        }
    }

    @Test
    void fourPartitionsTakeTheSingleJvmStepOnTheGlobalBatch() {
        List<Sample> data = samples(16);
        float[] expected;
        float[] before;
        try (Network net = network()) {
            before = FlatParameters.read(net);
            net.fit(
                    dataset(data),
                    TrainingOptions.builder()
                            .loss(Losses.softmaxCrossEntropy())
                            .optimizer(Optimizers.sgd(0.5))
                            .epochs(1)
                            .batchSize(16)
                            .shuffle(false)
                            .build());
            expected = FlatParameters.read(net);
        }
        SparkTrainer.Builder oneStep = SparkTrainer.builder()
                .loss(Losses.softmaxCrossEntropy())
                .optimizer(() -> Optimizers.sgd(0.5))
                .batchSize(16)
                .shuffle(false);
        for (AllReduce way : AllReduce.values()) {
            float[] actual = train(oneStep.allReduce(way).build(), data, 4);
            assertClose(expected, actual, 1e-6, way.toString());
            assertTrue(Math.abs(actual[0] - before[0]) > 1e-4, "the step moved the first weight");
        }
    }

    @Test
    void bothAllReducesGiveTheSameWeightsAndTheShardedOneSendsTheDriverLess() {
        List<Sample> data = samples(96);
        SparkTrainingResult[] results = new SparkTrainingResult[2];
        float[][] weights = new float[2][];
        for (AllReduce way : AllReduce.values()) {
            try (Network net = network(512)) { // 4099 parameters: the vectors outweigh Spark's per-task overhead
                results[way.ordinal()] = trainer(2, 24).allReduce(way).build().fit(net, sc.parallelize(data, 4));
                weights[way.ordinal()] = FlatParameters.read(net);
            }
        }
        assertClose(weights[0], weights[1], 1e-5, "tree against sharded");
        SparkTrainingResult tree = results[0];
        SparkTrainingResult sharded = results[1];
        assertEquals(8, tree.steps(), "2 epochs of 96 samples in global batches of 24");
        assertEquals(4 * 4099, tree.broadcastBytesPerStep(), "the weights of 4x512+512+512x3+3 = 4099 floats");
        assertTrue(sharded.shuffleBytesPerStep() > 4 * 4099, "the reduce-scatter moves each partition's gradients");
        assertTrue(
                sharded.driverBytesPerStep() < tree.driverBytesPerStep(),
                "the driver receives " + sharded.driverBytesPerStep() + " bytes per step sharded and "
                        + tree.driverBytesPerStep() + " by treeAggregate");
        assertTrue(tree.finalLoss() < tree.epochLosses().get(0), "training lowered the loss");
    }

    @Test
    void samplesThatDoNotFitTheNetworkAreNamedBeforeAnyStep() {
        List<Sample> wrong =
                List.of(new Sample(new float[4], new float[] {1, 0}), new Sample(new float[4], new float[] {0, 1}));
        try (Network net = network()) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> trainer(1, 2).build().fit(net, sc.parallelize(wrong, 2)));
            assertTrue(
                    e.getMessage().contains("outputs 3 values per sample, but the targets of partition 0 hold 2"),
                    e.getMessage());
        }
    }

    @Test
    void averagingEveryStepWithSgdIsTheSynchronousStep() {
        List<Sample> data = samples(64);
        SparkTrainer.Builder sgd = SparkTrainer.builder()
                .loss(Losses.softmaxCrossEntropy())
                .optimizer(() -> Optimizers.sgd(0.3))
                .epochs(2)
                .batchSize(16)
                .seed(5);
        float[] synchronous = train(sgd.build(), data, 4);
        float[] averaged = train(sgd.averageEvery(1).build(), data, 4);
        assertClose(synchronous, averaged, 1e-5, "averaging every step");
        try (Network net = network()) {
            SparkTrainingResult r = sgd.averageEvery(2).build().fit(net, sc.parallelize(data, 4));
            assertEquals(4, r.steps(), "2 epochs of 4 steps, averaged every 2: 4 rounds");
            assertTrue(r.finalLoss() < r.epochLosses().get(0), "averaging every 2 steps lowered the loss");
        }
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndTheWeightsAreRight() {
        List<Sample> data = samples(64);
        // the sharded reduce sums in partition order: bit-reproducible whatever the order of arrival
        SparkTrainer.Builder sharded = trainer(2, 16).allReduce(AllReduce.SHARDED);
        float[] clean = train(sharded.build(), data, 4);
        float[] retried = train(sharded.failOnce(1, 2).build(), data, 4);
        assertArrayEquals(clean, retried, "a retried task changed the weights");
        // treeAggregate adds in the order of arrival: the same weights up to float32 rounding
        float[] tree = train(trainer(2, 16).failOnce(2, 5).build(), data, 4);
        assertClose(clean, tree, 1e-6, "treeAggregate with a retried task");
    }

    @Test
    void aRunResumedFromItsCheckpointEndsAsAnUninterruptedOne(@TempDir Path dir) throws Exception {
        List<Sample> data = samples(64);
        float[] straight = train(trainer(3, 16).allReduce(AllReduce.SHARDED).build(), data, 4);
        String checkpoints = dir.resolve("run").toUri().toString();
        // "interrupted" after epoch 2
        train(
                trainer(2, 16)
                        .allReduce(AllReduce.SHARDED)
                        .checkpointDir(checkpoints)
                        .build(),
                data,
                4);
        assertTrue(Files.isRegularFile(dir.resolve("run/epoch-000002/model.glia")));
        assertTrue(Files.isRegularFile(dir.resolve("run/epoch-000002/optimizer.state")));
        try (Network net = network()) {
            SparkTrainingResult r = trainer(3, 16)
                    .allReduce(AllReduce.SHARDED)
                    .checkpointDir(checkpoints)
                    .build()
                    .fit(net, sc.parallelize(data, 4));
            assertEquals(2, r.resumedFromEpoch());
            assertEquals(1, r.epochLosses().size(), "only epoch 3 ran");
            assertArrayEquals(straight, FlatParameters.read(net), "the resumed run differs");
        }
        String[] left = new File(dir.resolve("run").toString()).list();
        assertFalse(List.of(left).stream().anyMatch(n -> n.startsWith("_tmp")), "a temporary checkpoint was left");
    }

    /** 4 → dense 8 tanh → batch normalisation → dense 3 softmax. */
    private static Network batchNormNetwork() {
        return Network.builder(backend)
                .seed(7)
                .input(4)
                .dense(8, "tanh")
                .add(Layers.batchNorm())
                .dense(3, "softmax")
                .build();
    }

    /** Weights, then running statistics, after {@code trainer} ran on {@code partitions} partitions of samples. */
    private static float[][] trainBatchNorm(SparkTrainer trainer, List<Sample> samples, int partitions) {
        try (Network net = batchNormNetwork()) {
            trainer.fit(net, sc.parallelize(samples, partitions));
            return new float[][] {FlatParameters.read(net), FlatParameters.readState(net)};
        }
    }

    @Test
    void batchNormalisationOnOnePartitionIsFitBitForBitRunningStatisticsIncluded() {
        List<Sample> data = samples(50);
        float[][] expected = fitAsTrainer(batchNormNetwork(), data);
        float[] weights = expected[0];
        float[] state = expected[1];
        assertEquals(16, state.length, "running mean and variance of 8 features");
        assertTrue(Math.abs(state[0]) > 1e-3, "fit moved the running mean");
        for (AllReduce way : AllReduce.values()) {
            float[][] actual = trainBatchNorm(trainer(3, 16).allReduce(way).build(), data, 1);
            assertArrayEquals(weights, actual[0], way + ": weights");
            assertArrayEquals(state, actual[1], way + ": running statistics");
        }
    }

    /**
     * Four partitions holding the same 8 samples, a global batch of 32: each partition normalises its own 8 by
     * their statistics, so every partition takes the step single-JVM fit takes on those 8, and the driver's running
     * statistics, the partitions' mean, are fit's.
     */
    @Test
    void batchNormalisationOnIdenticalPartitionsTakesTheStepOfOneShare() {
        List<Sample> share = samples(8);
        List<Sample> copies = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            copies.addAll(share);
        }
        float[] weights;
        float[] state;
        try (Network net = batchNormNetwork()) {
            net.fit(
                    dataset(share),
                    TrainingOptions.builder()
                            .loss(Losses.softmaxCrossEntropy())
                            .optimizer(Optimizers.sgd(0.3))
                            .epochs(2)
                            .batchSize(8)
                            .shuffle(false)
                            .build());
            weights = FlatParameters.read(net);
            state = FlatParameters.readState(net);
        }
        SparkTrainer.Builder steps = SparkTrainer.builder()
                .loss(Losses.softmaxCrossEntropy())
                .optimizer(() -> Optimizers.sgd(0.3))
                .epochs(2)
                .batchSize(32)
                .shuffle(false);
        for (AllReduce way : AllReduce.values()) {
            float[][] actual = trainBatchNorm(steps.allReduce(way).build(), copies, 4);
            assertClose(weights, actual[0], 1e-5, way + " weights");
            assertClose(state, actual[1], 1e-5, way + " running statistics");
        }
    }

    @Test
    void aResumedRunKeepsTheCheckpointsRunningStatistics(@TempDir Path dir) {
        List<Sample> data = samples(48);
        float[][] straight = trainBatchNorm(trainer(2, 16).build(), data, 2);
        String checkpoints = dir.resolve("run").toUri().toString();
        trainBatchNorm(trainer(1, 16).checkpointDir(checkpoints).build(), data, 2);
        float[][] resumed =
                trainBatchNorm(trainer(2, 16).checkpointDir(checkpoints).build(), data, 2);
        assertArrayEquals(straight[0], resumed[0], "weights");
        assertArrayEquals(straight[1], resumed[1], "running statistics");
    }
}
