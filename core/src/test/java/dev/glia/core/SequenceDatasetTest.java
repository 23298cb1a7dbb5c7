package dev.glia.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.glia.api.Backend;
import dev.glia.api.Parameter;
import dev.glia.api.Shape;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import dev.glia.testkit.ReferenceBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Datasets of sequences: class ids per step, masks, and a network trained on them. */
class SequenceDatasetTest {
    private static final int STEPS = 4;
    private static final int SAMPLES = 6;

    private final Backend backend = new ReferenceBackend();

    @AfterEach
    void close() {
        assertEquals(0, backend.liveTensors(), "a test leaked tensors");
        backend.close();
    }

    private static float[] features() {
        float[] f = new float[SAMPLES * STEPS * 2];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) Math.sin(i * 0.7);
        }
        return f;
    }

    /** Each sample padded after {@code 1 + i % 4} steps. */
    private static float[] mask() {
        float[] m = new float[SAMPLES * STEPS];
        for (int i = 0; i < SAMPLES; i++) {
            for (int t = 0; t <= i % STEPS; t++) {
                m[i * STEPS + t] = 1;
            }
        }
        return m;
    }

    /** Class ids per step; at padded steps {@code padding}, which a mask must make irrelevant. */
    private static float[] ids(float padding) {
        float[] mask = mask();
        float[] ids = new float[SAMPLES * STEPS];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = mask[i] != 0 ? i % 3 : padding;
        }
        return ids;
    }

    private Network network() {
        return Network.builder(backend)
                .seed(3)
                .input(Shape.of(STEPS, 2))
                .dense(6, "tanh")
                .dense(3, "softmax")
                .build();
    }

    private TrainingOptions.Builder options() {
        return TrainingOptions.builder()
                .loss(Losses.softmaxCrossEntropy())
                .optimizer(Optimizers.adam(0.05))
                .epochs(3)
                .batchSize(4)
                .seed(9);
    }

    private static List<float[]> weights(Network net) {
        List<float[]> w = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            w.add(p.value().toFloatArray());
        }
        return w;
    }

    @Test
    void maskedStepsTargetsDoNotMatterThroughShufflingAndValidation() {
        Dataset a = Dataset.of(features(), Shape.of(STEPS, 2), ids(0), STEPS).withMask(mask());
        Dataset b = Dataset.of(features(), Shape.of(STEPS, 2), ids(2), STEPS).withMask(mask());
        try (Network netA = network();
                Network netB = network()) {
            TrainingHistory ha =
                    netA.fit(a, options().validation(a).validationAccuracy(true).build());
            TrainingHistory hb =
                    netB.fit(b, options().validation(b).validationAccuracy(true).build());
            List<float[]> wa = weights(netA);
            List<float[]> wb = weights(netB);
            for (int i = 0; i < wa.size(); i++) {
                assertArrayEquals(wa.get(i), wb.get(i), 0f, "parameter " + i);
            }
            assertEquals(ha.finalLoss(), hb.finalLoss(), 0);
            assertEquals(
                    netA.evaluateLoss(a, Losses.softmaxCrossEntropy()),
                    netB.evaluateLoss(b, Losses.softmaxCrossEntropy()),
                    0);
        }
        // without the mask, the padded steps' targets do change training
        try (Network netA = network();
                Network netB = network()) {
            netA.fit(
                    Dataset.of(features(), Shape.of(STEPS, 2), ids(0), STEPS),
                    options().build());
            netB.fit(
                    Dataset.of(features(), Shape.of(STEPS, 2), ids(2), STEPS),
                    options().build());
            assertNotEquals(weights(netA).get(0)[0], weights(netB).get(0)[0]);
        }
    }

    @Test
    void theEvaluatedLossIsTheMeanOverUnmaskedSteps() {
        Dataset data = Dataset.of(features(), Shape.of(STEPS, 2), ids(0), STEPS).withMask(mask());
        try (Network net = network()) {
            float[] p = net.predict(data);
            float[] mask = mask();
            float[] ids = ids(0);
            double sum = 0;
            int kept = 0;
            for (int i = 0; i < mask.length; i++) {
                if (mask[i] != 0) {
                    sum -= Math.log(p[i * 3 + (int) ids[i]]);
                    kept++;
                }
            }
            assertEquals(sum / kept, net.evaluateLoss(data, Losses.softmaxCrossEntropy()), 1e-5);
            int correct = 0;
            for (int i = 0; i < mask.length; i++) {
                int best = 0;
                for (int c = 1; c < 3; c++) {
                    best = p[i * 3 + c] > p[i * 3 + best] ? c : best;
                }
                correct += mask[i] != 0 && best == (int) ids[i] ? 1 : 0;
            }
            double[] v = net.evaluate(data, Losses.softmaxCrossEntropy(), true);
            assertEquals((double) correct / kept, v[1], 1e-12, "per-step accuracy over unmasked steps");
        }
    }

    @Test
    void hostileMasksAreRefusedWithTheirPlace() {
        Dataset data = Dataset.of(features(), Shape.of(STEPS, 2), ids(0), STEPS);
        float[] half = mask();
        half[9] = 0.5f;
        assertEquals(
                "The mask holds 0.5 for sample 2, step 1; a mask holds 0 (padding) or 1",
                assertThrows(IllegalArgumentException.class, () -> data.withMask(half))
                        .getMessage());
        float[] nan = mask();
        nan[0] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> data.withMask(nan));
        assertThrows(IllegalArgumentException.class, () -> data.withMask(new float[SAMPLES * STEPS + 1]));
        assertThrows(IllegalArgumentException.class, () -> data.withMask(new float[0]));
        assertEquals(
                "The mask has 3 steps per sample but the targets have 4 values per sample, which do not divide among"
                        + " the steps; give one mask value per time step",
                assertThrows(IllegalArgumentException.class, () -> data.withMask(new float[SAMPLES * 3]))
                        .getMessage());
        assertThrows(NullPointerException.class, () -> data.withMask(null));
    }

    @Test
    void aMaskNeedsALossThatLeavesStepsOut() {
        Dataset data = Dataset.of(features(), Shape.of(STEPS, 2), ids(0), STEPS).withMask(mask());
        try (Network net = network()) {
            String m = assertThrows(
                            IllegalArgumentException.class,
                            () -> net.fit(data, options().loss(Losses.mse()).build()))
                    .getMessage();
            assertEquals(
                    "The data has a mask but loss mse cannot leave masked steps out; use Losses.softmaxCrossEntropy()"
                            + " or data without a mask",
                    m);
        }
    }

    @Test
    void classIdsOutsideTheClassesAreNamed() {
        float[] ids = ids(0);
        ids[13] = 3;
        Dataset data = Dataset.of(features(), Shape.of(STEPS, 2), ids, STEPS);
        try (Network net = network()) {
            String m = assertThrows(
                            IllegalArgumentException.class, () -> net.evaluateLoss(data, Losses.softmaxCrossEntropy()))
                    .getMessage();
            assertEquals(
                    "The targets are class ids (4 per sample for [4, 3] outputs), but sample 3 holds 3.0 at position"
                            + " 1; a class id is a whole number in [0, 3), or -1 for no target",
                    m);
        }
    }

    @Test
    void theMaskTravelsWithItsSamples() {
        Dataset data = Dataset.of(features(), Shape.of(STEPS, 2), ids(0), STEPS).withMask(mask());
        float[] batch = new float[2 * STEPS];
        data.copyMask(new int[] {5, 0}, 0, 2, batch);
        assertArrayEquals(new float[] {1, 1, 0, 0, 1, 0, 0, 0}, batch);
        assertEquals(STEPS, data.maskWidth());
        Dataset seen = data.withSampleShape(Shape.of(STEPS * 2));
        assertEquals(STEPS, seen.maskWidth());
        assertEquals(3, seen.weight(new int[] {5, 0}, 0, 2));
    }
}
