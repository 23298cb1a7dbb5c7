package dev.glia.testkit.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.Shape;
import dev.glia.core.Dataset;
import dev.glia.core.Layers;
import dev.glia.core.Network;
import dev.glia.core.Padding;
import dev.glia.core.TrainingHistory;
import dev.glia.core.TrainingListener;
import dev.glia.core.TrainingOptions;
import dev.glia.core.eval.Evaluation;
import dev.glia.core.io.ModelFile;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing leaks per call: over many training steps, predictions, evaluations and model-file round trips, the
 * backend's live tensors and live bytes (and any counters {@link #resources(Backend)} adds, such as a device's
 * buffers and compiled kernels) stay where they were after a warm-up, and closing a network gives back every tensor
 * it allocated. Every backend module subclasses it.
 */
public abstract class LeakSuite {
    private static final int INPUTS = 12;
    private static final Shape IMAGE = Shape.of(1, 5, 5);
    private static final int CLASSES = 3;
    private static final int SAMPLES = 60;
    private static final int BATCH = 16; // batches of 16, 16, 16 and 12: four steps per epoch, the last one short
    private static final int STEPS_PER_EPOCH = 4;

    @TempDir
    Path dir;

    /** For subclasses. */
    protected LeakSuite() {}

    /** A new backend of the kind under test; the suite closes it. */
    protected abstract Backend createBackend();

    /**
     * Backend-specific counters that must stay flat too, by name (for example OpenCL buffers, programs and kernels,
     * or compiled element-wise kernels); none by default.
     */
    protected Map<String, Long> resources(Backend backend) {
        return Map.of();
    }

    /** Training steps after the warm-up; at least 10,000 unless a backend is too slow for that. */
    protected int trainingSteps() {
        return 10_000;
    }

    /** Rounds of predictions and evaluations after the warm-up. */
    protected int repetitions() {
        return 100;
    }

    /** Model-file saves and loads after the first (each save writes and syncs a file). */
    protected int fileRoundTrips() {
        return 20;
    }

    /**
     * A warm-up of 100 steps, then {@link #trainingSteps()} more with the same optimiser in a second {@code fit}:
     * live tensors, bytes and {@link #resources} after 1,000 and 5,000 steps (where reached), after the last step
     * and after {@code fit} returned equal those after the warm-up; closing the network leaves nothing live.
     */
    @Test
    public void trainingKeepsLiveTensorsAndBytesFlat() {
        trainingKeepsFlat(LeakSuite::network, data(5, INPUTS));
    }

    /**
     * The same with a small convolutional network (conv, batch normalisation per channel, max pooling, conv,
     * average pooling, global average pooling, dense) on 1 × 5 × 5 images: its per-batch-size buffers, views and
     * argmax indices stay flat too.
     */
    @Test
    public void cnnTrainingKeepsLiveTensorsAndBytesFlat() {
        trainingKeepsFlat(LeakSuite::cnn, data(6, IMAGE.size()));
    }

    /**
     * The same with a recurrent network (an LSTM returning every step, a GRU returning the last, dense) on sequences
     * of 3 steps of 3 features: its per-step buffers stay flat too.
     */
    @Test
    public void recurrentTrainingKeepsLiveTensorsAndBytesFlat() {
        trainingKeepsFlat(LeakSuite::recurrent, data(7, 9).withSampleShape(Shape.of(3, 3)));
    }

    private void trainingKeepsFlat(Function<Backend, Network> network, Dataset data) {
        int steps = trainingSteps();
        int epochs = (steps + STEPS_PER_EPOCH - 1) / STEPS_PER_EPOCH;
        List<String> checkpoints = new ArrayList<>();
        try (Backend backend = createBackend()) {
            try (Network net = network.apply(backend)) {
                TrainingOptions warmUp = TrainingOptions.builder()
                        .loss(Losses.softmaxCrossEntropy())
                        .optimizer(Optimizers.adam(1e-3))
                        .epochs(100 / STEPS_PER_EPOCH)
                        .batchSize(BATCH)
                        .shuffle(true)
                        .seed(2)
                        .build();
                assertEquals(100, net.fit(data, warmUp).steps(), "warm-up steps");
                Map<String, Long> before = usage(backend);
                int[] done = {0};
                TrainingHistory h = net.fit(
                        data,
                        TrainingOptions.builder()
                                .loss(Losses.softmaxCrossEntropy())
                                .optimizer(warmUp.optimizer())
                                .epochs(epochs)
                                .batchSize(BATCH)
                                .shuffle(true)
                                .seed(3)
                                .listener(new TrainingListener() {
                                    @Override
                                    public void batchEnded(int epoch, int batch, int batches, double loss) {
                                        done[0]++;
                                        if (done[0] == 1_000
                                                || done[0] == 5_000
                                                || done[0] == epochs * STEPS_PER_EPOCH) {
                                            assertEquals(before, usage(backend), "after " + done[0] + " more steps");
                                            checkpoints.add("step " + done[0]);
                                        }
                                    }
                                })
                                .build());
                assertEquals((long) epochs * STEPS_PER_EPOCH, h.steps(), "training steps");
                assertTrue(h.steps() >= steps, "ran " + h.steps() + " steps");
                assertTrue(Double.isFinite(h.finalLoss()), "final loss " + h.finalLoss());
                assertEquals(before, usage(backend), "after fit returned");
            }
            assertClosedEverything(backend);
        }
        assertTrue(
                checkpoints.contains("step " + epochs * STEPS_PER_EPOCH),
                "checked after the last step: " + checkpoints);
    }

    /**
     * Predictions (one sample, a batch, a whole data set), loss evaluations and accuracy (classes computed on the
     * backend), repeated after a warm-up, leave live tensors, bytes and {@link #resources} flat.
     */
    @Test
    public void predictAndEvaluateKeepLiveTensorsAndBytesFlat() {
        Dataset data = data(7, INPUTS);
        float[][] one = {data.features(0)};
        float[][] batch = new float[5][];
        for (int s = 0; s < batch.length; s++) {
            batch[s] = data.features(s);
        }
        try (Backend backend = createBackend()) {
            try (Network net = network(backend)) {
                Runnable calls = () -> {
                    net.predict(one);
                    net.predict(batch);
                    net.predict(data);
                    net.evaluateLoss(data, Losses.softmaxCrossEntropy());
                    Evaluation.accuracy(net, data);
                };
                calls.run();
                Map<String, Long> before = usage(backend);
                for (int i = 0; i < repetitions(); i++) {
                    calls.run();
                }
                assertEquals(before, usage(backend), "after " + repetitions() + " rounds of predict and evaluate");
            }
            assertClosedEverything(backend);
        }
    }

    /**
     * Saving a network and loading it back, again and again on the same backend, closing each loaded network: what
     * is live after each round equals what was live before the first, and predictions of the loaded network equal
     * the original's.
     */
    @Test
    public void modelFileRoundTripsKeepLiveTensorsAndBytesFlat() {
        Dataset data = data(9, INPUTS);
        Path file = dir.resolve("leak.safetensors");
        try (Backend backend = createBackend()) {
            try (Network net = network(backend)) {
                float[] expected = net.predict(data);
                roundTrip(net, file, backend, data, expected);
                Map<String, Long> before = usage(backend);
                for (int i = 0; i < fileRoundTrips(); i++) {
                    roundTrip(net, file, backend, data, expected);
                }
                assertEquals(before, usage(backend), "after " + fileRoundTrips() + " saves and loads");
            }
            assertClosedEverything(backend);
        }
    }

    private static void roundTrip(Network net, Path file, Backend backend, Dataset data, float[] expected) {
        ModelFile.save(net, file);
        try (Network loaded = ModelFile.load(file, backend)) {
            float[] got = loaded.predict(data);
            assertEquals(expected.length, got.length);
            for (int i = 0; i < got.length; i++) {
                if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(got[i])) {
                    throw new AssertionError(
                            "output " + i + " of the loaded network: " + got[i] + " instead of " + expected[i]);
                }
            }
        }
    }

    private Map<String, Long> usage(Backend backend) {
        Map<String, Long> usage = new LinkedHashMap<>();
        usage.put("live tensors", backend.liveTensors());
        usage.put("live bytes", backend.liveBytes());
        usage.putAll(resources(backend));
        return usage;
    }

    private static void assertClosedEverything(Backend backend) {
        assertEquals(0, backend.liveTensors(), "closing the network closes all it allocated");
        assertEquals(0, backend.liveBytes(), "no bytes live after closing the network");
    }

    private static Network network(Backend backend) {
        return Network.builder(backend)
                .seed(1)
                .input(INPUTS)
                .dense(32, "relu")
                .dense(16, "tanh")
                .dense(CLASSES, "softmax")
                .build();
    }

    private static Network cnn(Backend backend) {
        return Network.builder(backend)
                .seed(1)
                .input(IMAGE)
                .add(Layers.conv2d(3, 3, "relu").padding(Padding.SAME))
                .add(Layers.batchNorm2d())
                .add(Layers.conv2d(4, 5, "relu").padding(Padding.SAME)) // ND4J: by Winograd's tiles
                .add(Layers.maxPool2d(2).padding(Padding.SAME))
                .add(Layers.conv2d(2, 2, "tanh").padding(1))
                .add(Layers.avgPool2d(2).stride(1))
                .add(Layers.globalAvgPool2d())
                .dense(CLASSES, "softmax")
                .build();
    }

    private static Network recurrent(Backend backend) {
        return Network.builder(backend)
                .seed(1)
                .input(Shape.of(3, 3))
                .add(Layers.lstm(5))
                .add(Layers.gru(4).returnSequences(false))
                .dense(CLASSES, "softmax")
                .build();
    }

    private static Dataset data(long seed, int inputs) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[SAMPLES * inputs];
        float[] y = new float[SAMPLES * CLASSES];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
        for (int i = 0; i < SAMPLES; i++) {
            y[i * CLASSES + random.nextInt(CLASSES)] = 1;
        }
        return Dataset.of(x, inputs, y, CLASSES);
    }
}
