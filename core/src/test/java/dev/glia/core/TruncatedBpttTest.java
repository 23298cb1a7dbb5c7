package dev.glia.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.glia.api.Backend;
import dev.glia.api.LayerSpec;
import dev.glia.api.Parameter;
import dev.glia.api.Shape;
import dev.glia.api.StatefulLayer;
import dev.glia.api.Tensor;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import dev.glia.testkit.ReferenceBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Truncated backpropagation through time: chunks of time steps, and the state hooks of stateful layers. */
class TruncatedBpttTest {
    private static final int CHUNK = 2;
    private static final int STEPS = 6;
    private static final int SAMPLES = 3;

    private final Backend backend = new ReferenceBackend();
    private final List<String> log = new ArrayList<>();

    @AfterEach
    void close() {
        assertEquals(0, backend.liveTensors(), "a test leaked tensors");
        backend.close();
    }

    /** A stateless stand-in for a recurrent layer: passes its input on and logs the state calls and chunks. */
    private final class Recorder implements StatefulLayer {
        private final Shape shape;

        Recorder(Shape shape) {
            this.shape = shape;
        }

        @Override
        public void carryState() {
            log.add("carry");
        }

        @Override
        public void resetState() {
            log.add("reset");
        }

        @Override
        public String name() {
            return "Recorder #1";
        }

        @Override
        public String type() {
            return "recorder";
        }

        @Override
        public Map<String, Object> config() {
            return Map.of();
        }

        @Override
        public Shape inputShape() {
            return shape;
        }

        @Override
        public Shape outputShape() {
            return shape;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public Tensor forward(Tensor input, boolean training) {
            log.add((training ? "train " : "eval ") + (int) input.toFloatArray()[0]);
            return input;
        }

        @Override
        public Tensor backward(Tensor gradOutput, boolean inputGradientNeeded) {
            return inputGradientNeeded ? gradOutput : null;
        }

        @Override
        public void close() {}
    }

    private Network network(boolean recorder) {
        NetworkBuilder b = Network.builder(backend).seed(4).input(Shape.of(CHUNK, 2));
        if (recorder) {
            b.add((LayerSpec) (shape, context) -> new Recorder(shape));
        }
        return b.dense(5, "tanh").dense(3, "softmax").build();
    }

    /** Sample i, step t holds features (10 i + t, sin(i + t)). */
    private static float[] features(int from, int steps) {
        float[] f = new float[SAMPLES * steps * 2];
        for (int i = 0; i < SAMPLES; i++) {
            for (int t = 0; t < steps; t++) {
                f[(i * steps + t) * 2] = 10 * i + from + t;
                f[(i * steps + t) * 2 + 1] = (float) Math.sin(i + from + t);
            }
        }
        return f;
    }

    private static float[] perStep(int from, int steps, boolean mask) {
        float[] v = new float[SAMPLES * steps];
        for (int i = 0; i < SAMPLES; i++) {
            for (int t = 0; t < steps; t++) {
                int step = from + t;
                v[i * steps + t] = mask ? (step < 4 + i % 2 ? 1 : 0) : (i + step) % 3;
            }
        }
        return v;
    }

    /** Steps [from, from + steps) of every sample: the chunks cut by hand. */
    private static Dataset part(int from, int steps) {
        return Dataset.of(features(from, steps), Shape.of(steps, 2), perStep(from, steps, false), steps)
                .withMask(perStep(from, steps, true));
    }

    private TrainingOptions.Builder options() {
        return TrainingOptions.builder()
                .loss(Losses.softmaxCrossEntropy())
                .optimizer(Optimizers.adam(0.05))
                .batchSize(SAMPLES)
                .shuffle(false);
    }

    @Test
    void eachBatchIsTrainedChunkAfterChunkFromAResetStateCarriedAlong() {
        try (Network net = network(true)) {
            TrainingHistory h = net.fit(
                    part(0, STEPS),
                    options()
                            .truncatedBptt(CHUNK)
                            .batchSize(2)
                            .validation(part(0, STEPS))
                            .build());
            assertEquals(
                    List.of(
                            "reset",
                            "train 0",
                            "carry",
                            "train 2",
                            "carry",
                            "train 4", // samples 0 and 1
                            "reset",
                            "train 20",
                            "carry",
                            "train 22",
                            "carry",
                            "train 24", // sample 2
                            "reset",
                            "eval 0",
                            "carry",
                            "eval 2",
                            "carry",
                            "eval 4",
                            "reset", // validation
                            "reset"), // after training
                    log);
            assertEquals(6, h.steps(), "one update per chunk");
        }
    }

    @Test
    void chunksAreTheTimeStepsOfEachSampleWithTheirTargetsAndMask() {
        int epochs = 3;
        try (Network chunked = network(false);
                Network byHand = network(false)) {
            TrainingHistory h = chunked.fit(
                    part(0, STEPS),
                    options()
                            .epochs(epochs)
                            .truncatedBptt(CHUNK)
                            .validation(part(0, STEPS))
                            .build());
            TrainingOptions one = options().build();
            double lastValidation = 0;
            for (int e = 0; e < epochs; e++) {
                for (int from = 0; from < STEPS; from += CHUNK) {
                    byHand.fit(part(from, CHUNK), one); // one optimiser, so Adam's moments carry on
                }
            }
            double lossSum = 0;
            int kept = 0;
            for (int from = 0; from < STEPS; from += CHUNK) {
                Dataset p = part(from, CHUNK);
                int weight = p.weight(Network.identity(SAMPLES), 0, SAMPLES);
                lossSum += byHand.evaluateLoss(p, Losses.softmaxCrossEntropy()) * weight;
                kept += weight;
            }
            lastValidation = lossSum / kept;
            for (int i = 0; i < chunked.parameters().size(); i++) {
                assertArrayEquals(
                        byHand.parameters().get(i).value().toFloatArray(),
                        chunked.parameters().get(i).value().toFloatArray(),
                        0f,
                        "parameter " + i);
            }
            assertEquals(lastValidation, h.validationLosses().get(epochs - 1), 1e-6);
            assertEquals(epochs * STEPS / CHUNK, h.steps());
        }
    }

    @Test
    void steadyStateSequenceTrainingAllocatesNothing() {
        try (Network net = network(false)) {
            TrainingOptions options = options()
                    .optimizer(Optimizers.clipGlobalNorm(Optimizers.adam(0.01), 0.1))
                    .truncatedBptt(CHUNK)
                    .batchSize(2) // batches of 2 and 1
                    .validation(part(0, STEPS))
                    .validationAccuracy(true)
                    .epochs(2)
                    .build();
            net.fit(part(0, STEPS), options);
            long tensors = backend.liveTensors();
            long bytes = backend.liveBytes();
            TrainingHistory h = net.fit(
                    part(0, STEPS),
                    options()
                            .optimizer(options.optimizer())
                            .truncatedBptt(CHUNK)
                            .batchSize(2)
                            .validation(part(0, STEPS))
                            .validationAccuracy(true)
                            .epochs(30)
                            .build());
            assertEquals(180, h.steps());
            assertEquals(tensors, backend.liveTensors());
            assertEquals(bytes, backend.liveBytes());
        }
    }

    @Test
    void theNetworkMustTakeOneChunkAndTheDataWholeChunks() {
        try (Network net = network(false)) {
            assertEquals(
                    "truncatedBptt(3) trains chunks of 3 time steps, but the network's input is [2, 2]; build the"
                            + " network with an input of 3 steps, [3, ...]",
                    assertThrows(
                                    IllegalArgumentException.class,
                                    () -> net.fit(
                                            part(0, STEPS),
                                            options().truncatedBptt(3).build()))
                            .getMessage());
            assertEquals(
                    "truncatedBptt(2): the training samples are [5, 2] (10 values), not a whole number of chunks of"
                            + " [2, 2] (4 values)",
                    assertThrows(
                                    IllegalArgumentException.class,
                                    () -> net.fit(
                                            part(0, 5),
                                            options().truncatedBptt(CHUNK).build()))
                            .getMessage());
        }
        assertThrows(
                IllegalArgumentException.class, () -> TrainingOptions.builder().truncatedBptt(0));
    }
}
