package dev.glia.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.Parameter;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import dev.glia.testkit.ReferenceBackend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Early stopping on a one-weight model whose validation targets are the negation of its training targets:
 * every epoch moves the output from 0 towards 1, so the validation loss {@code (y + 1)^2} is lowest after
 * epoch 1 and grows after.
 */
class EarlyStoppingTest {
    private final Backend backend = new ReferenceBackend();

    @AfterEach
    void noLeaks() {
        assertEquals(0, backend.liveTensors(), "the snapshot or a buffer leaked");
        backend.close();
    }

    private Network zeroModel() {
        return Network.builder(backend)
                .dtype(dev.glia.api.DType.FLOAT64)
                .input(1)
                .dense(1, "identity", new double[] {0}, new double[] {0})
                .build();
    }

    private static final Dataset TRAIN = Dataset.of(new float[][] {{1}}, new float[][] {{1}});
    private static final Dataset OPPOSITE = Dataset.of(new float[][] {{1}}, new float[][] {{-1}});

    /** Records every parameter's values at the end of each epoch. */
    private static final class Snapshots implements TrainingListener {
        final Network net;
        final Map<Integer, List<double[]>> byEpoch = new HashMap<>();
        final List<EpochResult> results = new ArrayList<>();
        int started;
        int ended;

        Snapshots(Network net) {
            this.net = net;
        }

        @Override
        public void trainingStarted(int epochs, int batchSize, int samples) {
            started++;
        }

        @Override
        public void epochEnded(EpochResult r) {
            results.add(r);
            List<double[]> values = new ArrayList<>();
            for (Parameter p : net.parameters()) {
                values.add(p.value().toDoubleArray());
            }
            byEpoch.put(r.epoch(), values);
        }

        @Override
        public void trainingEnded(TrainingHistory history) {
            ended++;
        }
    }

    private static List<double[]> values(Network net) {
        List<double[]> values = new ArrayList<>();
        net.parameters().forEach(p -> values.add(p.value().toDoubleArray()));
        return values;
    }

    @Test
    void stopsAfterPatienceAndRestoresTheBestEpoch() {
        try (Network net = zeroModel()) {
            Snapshots s = new Snapshots(net);
            TrainingHistory h = net.fit(
                    TRAIN,
                    TrainingOptions.builder()
                            .loss(Losses.mse())
                            .optimizer(Optimizers.sgd(0.1))
                            .epochs(50)
                            .validation(OPPOSITE)
                            .earlyStopping(2)
                            .listener(s)
                            .build());
            assertEquals(3, h.epochs(), "epoch 1 is best, epochs 2 and 3 do not improve, then it stops");
            assertEquals(1, h.bestEpoch());
            assertTrue(h.restoredBestWeights());
            assertTrue(h.stopReason().startsWith("early stopping"), h.stopReason());
            assertTrue(h.validationLosses().get(0) < h.validationLosses().get(1));
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(s.byEpoch.get(1).get(i), values(net).get(i), 0.0, "restored exactly");
                assertNotEquals(s.byEpoch.get(3).get(i)[0], values(net).get(i)[0]);
            }
            assertEquals(
                    List.of(true, false, false),
                    s.results.stream().map(EpochResult::improved).toList());
            assertEquals(1, s.started);
            assertEquals(1, s.ended);
        }
    }

    @Test
    void withoutRestoreTheLastWeightsStay() {
        try (Network net = zeroModel()) {
            Snapshots s = new Snapshots(net);
            TrainingHistory h = net.fit(
                    TRAIN,
                    TrainingOptions.builder()
                            .loss(Losses.mse())
                            .optimizer(Optimizers.sgd(0.1))
                            .epochs(50)
                            .validation(OPPOSITE)
                            .earlyStopping(2)
                            .restoreBestWeights(false)
                            .listener(s)
                            .build());
            assertEquals(3, h.epochs());
            assertFalse(h.restoredBestWeights());
            assertArrayEquals(s.byEpoch.get(3).get(0), values(net).get(0), 0.0);
        }
    }

    @Test
    void improvingValidationRunsEveryEpochAndRestoresNothing() {
        try (Network net = zeroModel()) {
            TrainingHistory h = net.fit(
                    TRAIN,
                    TrainingOptions.builder()
                            .loss(Losses.mse())
                            .optimizer(Optimizers.sgd(0.1))
                            .epochs(6)
                            .validation(TRAIN)
                            .earlyStopping(2)
                            .build());
            assertEquals(6, h.epochs());
            assertEquals(6, h.bestEpoch());
            assertFalse(h.restoredBestWeights());
            assertEquals("finished all epochs", h.stopReason());
        }
    }

    @Test
    void earlyStoppingOrAccuracyNeedValidationData() {
        assertThrows(
                IllegalStateException.class,
                () -> TrainingOptions.builder().earlyStopping(3).build());
        assertThrows(
                IllegalStateException.class,
                () -> TrainingOptions.builder().validationAccuracy(true).build());
        assertThrows(
                IllegalArgumentException.class, () -> TrainingOptions.builder().earlyStopping(0));
    }

    @Test
    void validationAccuracyIsTheShareOfArgmaxMatches() {
        // Scores (x0, x1): predicted class is the larger input. Targets agree on 3 of 4 samples.
        try (Network net = Network.builder(backend)
                .input(2)
                .dense(2, "identity", new double[] {1, 0, 0, 1}, new double[] {0, 0})
                .build()) {
            Dataset data = Dataset.of(
                    new float[][] {{1, 0}, {0, 1}, {2, 1}, {1, 3}}, new float[][] {{1, 0}, {0, 1}, {0, 1}, {0, 1}});
            assertEquals(0.75, net.evaluate(data, Losses.mse(), true)[1], 0.0);
            assertTrue(Double.isNaN(net.evaluate(data, Losses.mse(), false)[1]));
            TrainingHistory h = net.fit(
                    data,
                    TrainingOptions.builder()
                            .loss(Losses.mse())
                            .optimizer(Optimizers.sgd(1e-9))
                            .epochs(2)
                            .validation(data)
                            .validationAccuracy(true)
                            .build());
            assertEquals(List.of(0.75, 0.75), h.validationAccuracies());
        }
        try (Network binary = Network.builder(backend)
                .input(1)
                .dense(1, "identity", new double[] {1}, new double[] {0})
                .build()) {
            Dataset data = Dataset.of(new float[][] {{0.9f}, {0.2f}, {0.7f}}, new float[][] {{1}, {0}, {0}});
            assertEquals(2.0 / 3, binary.evaluate(data, Losses.mse(), true)[1], 1e-15);
        }
    }
}
