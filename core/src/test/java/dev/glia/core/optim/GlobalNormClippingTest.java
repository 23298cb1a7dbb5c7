package dev.glia.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Optimizer;
import dev.glia.api.Parameter;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.testkit.ReferenceBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Clipping by the global gradient norm against hand-computed steps. */
class GlobalNormClippingTest {
    private final Backend backend = new ReferenceBackend();
    private final List<Tensor> owned = new ArrayList<>();

    @AfterEach
    void close() {
        owned.forEach(Tensor::close);
        assertEquals(0, backend.liveTensors(), "a test leaked tensors");
        backend.close();
    }

    /** Two parameters at 0 whose gradients [3, 4] and [[12]] have the global norm 13. */
    private List<Parameter> parameters(DType dtype) {
        return List.of(
                parameter(new double[] {3, 4}, Shape.of(2), dtype),
                parameter(new double[] {12}, Shape.of(1, 1), dtype));
    }

    private Parameter parameter(double[] gradient, Shape shape, DType dtype) {
        Tensor value = backend.allocate(shape, dtype);
        backend.write(value, new double[gradient.length]);
        Tensor g = backend.allocate(shape, dtype);
        backend.write(g, gradient);
        owned.add(value);
        owned.add(g);
        return new Parameter("p" + owned.size(), value, g);
    }

    private static double[] values(List<Parameter> parameters) {
        double[] a = parameters.get(0).value().toDoubleArray();
        double[] b = parameters.get(1).value().toDoubleArray();
        return new double[] {a[0], a[1], b[0]};
    }

    @Test
    void aLongGradientIsScaledToTheLargestNorm() {
        List<Parameter> ps = parameters(DType.FLOAT32);
        try (Optimizer sgd = Optimizers.clipGlobalNorm(Optimizers.sgd(1), 6.5)) {
            sgd.step(ps);
        }
        // factor 6.5 / 13 = 0.5; p = 0 - 1 * 0.5 g
        assertArrayEquals(new double[] {-1.5, -2, -6}, values(ps), 1e-6);
        assertArrayEquals(new float[] {1.5f, 2}, ps.get(0).gradient().toFloatArray(), 1e-6f, "clipped in place");
    }

    @Test
    void atOrBelowTheLargestNormNothingChanges() {
        for (double maxNorm : new double[] {13, 20, 1e9}) {
            List<Parameter> clipped = parameters(DType.FLOAT32);
            List<Parameter> plain = parameters(DType.FLOAT32);
            try (Optimizer a = Optimizers.clipGlobalNorm(Optimizers.momentum(0.1, 0.9), maxNorm);
                    Optimizer b = Optimizers.momentum(0.1, 0.9)) {
                for (int i = 0; i < 3; i++) {
                    a.step(clipped);
                    b.step(plain);
                }
            }
            assertArrayEquals(values(plain), values(clipped), 0, "maxNorm " + maxNorm);
        }
    }

    @Test
    void adamStepsFromTheClippedGradient() {
        // Adam's first step moves by lr * sign(g) whatever the scale, so clip to a tiny norm against eps
        List<Parameter> clipped = parameters(DType.FLOAT64);
        try (Optimizer adam = Optimizers.clipGlobalNorm(Optimizers.adam(1, 0.9, 0.999, 1), 1.3)) {
            adam.step(clipped);
        }
        // g' = g / 10; m^ = g', v^ = g'^2; step = g' / (|g'| + 1)
        assertArrayEquals(new double[] {-0.3 / 1.3, -0.4 / 1.4, -1.2 / 2.2}, values(clipped), 1e-12);
    }

    @Test
    void aZeroGradientStaysZero() {
        List<Parameter> ps = List.of(parameter(new double[] {0, 0}, Shape.of(2), DType.FLOAT64));
        try (Optimizer sgd = Optimizers.clipGlobalNorm(Optimizers.sgd(1), 1)) {
            sgd.step(ps);
        }
        assertArrayEquals(new double[] {0, 0}, ps.get(0).value().toDoubleArray(), 0);
    }

    @Test
    void theLargestNormMustBePositiveAndFinite() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> Optimizers.clipGlobalNorm(Optimizers.sgd(1), bad));
        }
        try (Optimizer o = Optimizers.clipGlobalNorm(Optimizers.sgd(0.5), 5)) {
            assertEquals("clipGlobalNorm(5.0, sgd(lr=0.5))", o.id());
        }
    }
}
