package dev.glia.core.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.FusedLoss;
import dev.glia.api.ScratchWorkspace;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.testkit.ReferenceBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Softmax cross-entropy at each time step, with class ids and steps without a target, against hand values. */
class StepCrossEntropyTest {
    private final Backend backend = new ReferenceBackend();
    private final ScratchWorkspace ws = new ScratchWorkspace(backend);
    private final FusedLoss loss = (FusedLoss) Losses.softmaxCrossEntropy();

    @AfterEach
    void close() {
        ws.close();
        assertEquals(0, backend.liveTensors(), "a test leaked tensors");
        backend.close();
    }

    /** One sample, two steps, three classes: logits [0, 0, 0] and [0, ln 2, 0]. */
    private static final double[] LOGITS = {0, 0, 0, 0, Math.log(2), 0};

    private static final Shape PREDICTION = Shape.of(1, 2, 3);

    private double valueFromLogits(double[] targets, Shape targetShape) {
        try (Tensor z = backend.upload(LOGITS, PREDICTION);
                Tensor t = backend.upload(targets, targetShape)) {
            return loss.valueFromLogits(ws, z, t);
        }
    }

    @Test
    void theMeanIsOverTheStepsWithATarget() {
        // step 1: p = 1/3 for class 2; step 2: p = 2/4 for class 1
        assertEquals((Math.log(3) + Math.log(2)) / 2, valueFromLogits(new double[] {2, 1}, Shape.of(1, 2)), 1e-12);
        assertEquals(Math.log(3), valueFromLogits(new double[] {2, -1}, Shape.of(1, 2)), 1e-12);
        assertEquals(Math.log(2), valueFromLogits(new double[] {-1, 1}, Shape.of(1, 2)), 1e-12);
        assertEquals(0, valueFromLogits(new double[] {-1, -1}, Shape.of(1, 2)), 0, "no target at all: 0, not NaN");
    }

    @Test
    void oneHotRowsAtEachStepGiveTheSameAsClassIds() {
        assertEquals(
                (Math.log(3) + Math.log(2)) / 2, valueFromLogits(new double[] {0, 0, 1, 0, 1, 0}, PREDICTION), 1e-12);
        // a row of zeros holds no target
        assertEquals(Math.log(3), valueFromLogits(new double[] {0, 0, 1, 0, 0, 0}, PREDICTION), 1e-12);
    }

    @Test
    void theGradientFromLogitsIsSoftmaxMinusOneHotOverTheCountedSteps() {
        try (Tensor z = backend.upload(LOGITS, PREDICTION);
                Tensor t = backend.upload(new double[] {2, -1}, Shape.of(1, 2));
                Tensor y = backend.upload(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0, 0.25, 0.5, 0.25}, PREDICTION);
                Tensor g = backend.allocate(PREDICTION, DType.FLOAT64)) {
            loss.gradientFromLogits(ws, z, y, t, g);
            // one step counted: (y - onehot) / 1; the masked step 0
            assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, -2 / 3.0, 0, 0, 0}, g.toDoubleArray(), 1e-12);
        }
    }

    @Test
    void thePlainGradientIsMinusOneOverPAtTheTargetClass() {
        try (Tensor p = backend.upload(new double[] {0.2, 0.3, 0.5, 0.25, 0.5, 0.25}, PREDICTION);
                Tensor t = backend.upload(new double[] {2, 1}, Shape.of(1, 2));
                Tensor g = backend.allocate(PREDICTION, DType.FLOAT64)) {
            assertEquals((-Math.log(0.5) - Math.log(0.5)) / 2, loss.value(ws, p, t), 1e-12);
            loss.gradient(ws, p, t, g);
            assertArrayEquals(new double[] {0, 0, -1 / 0.5 / 2, 0, -1 / 0.5 / 2, 0}, g.toDoubleArray(), 1e-12);
        }
    }

    @Test
    void classIdsPerSampleForAFlatOutput() {
        // [N, V] predictions with one id per sample, [N, 1]: the sparse form of one-hot rows
        try (Tensor z = backend.upload(LOGITS, Shape.of(2, 3));
                Tensor t = backend.upload(new double[] {2, 1}, Shape.of(2, 1))) {
            assertEquals((Math.log(3) + Math.log(2)) / 2, loss.valueFromLogits(ws, z, t), 1e-12);
        }
    }

    @Test
    void aTargetOfAnotherSizeIsRefused() {
        try (Tensor z = backend.upload(LOGITS, PREDICTION);
                Tensor t = backend.upload(new double[] {1, 2, 0}, Shape.of(1, 3))) {
            String m = assertThrows(IllegalArgumentException.class, () -> loss.valueFromLogits(ws, z, t))
                    .getMessage();
            assertTrue(m.contains("the prediction has shape [1, 2, 3] (2 rows of 3 classes)"), m);
        }
    }

    @Test
    void largeLogitsStayFinite() {
        try (Tensor z = backend.upload(new double[] {1000, 0, -1000, 0, 0, 1000}, PREDICTION);
                Tensor t = backend.upload(new double[] {0, 1}, Shape.of(1, 2))) {
            // step 1: class 0 certain (loss 0); step 2: class 1 at logit 0 against 1000 (loss 1000)
            assertEquals(500, loss.valueFromLogits(ws, z, t), 1e-9);
        }
    }
}
