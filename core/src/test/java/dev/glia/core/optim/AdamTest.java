package dev.glia.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Parameter;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.testkit.ReferenceBackend;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamTest {
    @Test
    void momentsOfAStoppedGradientAreFlushedToZeroInsteadOfTurningSubnormal() {
        try (ReferenceBackend backend = new ReferenceBackend();
                Adam adam = new Adam(1e-3, 0.9, 0.999, 1e-8);
                Tensor p = backend.upload(new float[] {1f, 1f}, Shape.of(1, 2));
                Tensor g = backend.upload(new float[] {0.5f, 0f}, Shape.of(1, 2))) {
            Parameter parameter = new Parameter("p", p, g);
            adam.step(List.of(parameter));
            backend.write(g, new float[] {0f, 0f});
            // m = 0.05 * 0.9^t would pass TINY (1e-30) at t = 627 and Float.MIN_NORMAL (1.2e-38) at t = 800,
            // and be subnormal from there to t = 950. Flushed, every moment is 0 or a normal float at every
            // step, and m is 0 at the end.
            for (int step = 0; step < 900; step++) {
                adam.step(List.of(parameter));
                for (Tensor moment : adam.state(parameter)) {
                    for (float x : moment.toFloatArray()) {
                        assertTrue(
                                x == 0 || Math.abs(x) >= Float.MIN_NORMAL,
                                "subnormal moment " + x + " at step " + step);
                    }
                }
            }
            Tensor[] moments = adam.state(parameter);
            assertArrayEquals(new float[] {0f, 0f}, moments[0].toFloatArray());
            float[] v = moments[1].toFloatArray();
            assertEquals(0.5 * 0.5 * 0.001 * Math.pow(0.999, 900), v[0], 1e-9, "v still decays normally");
            assertEquals(0f, v[1]);
        }
    }

    @Test
    void oneFusedPassUpdatesMomentsAndParameterAsTheFormulasSay() {
        try (ReferenceBackend backend = new ReferenceBackend();
                Adam adam = new Adam(0.1, 0.9, 0.999, 1e-8);
                Tensor p = backend.upload(new double[] {1, -2}, Shape.of(1, 2));
                Tensor g = backend.upload(new double[] {0.5, 0}, Shape.of(1, 2))) {
            Parameter parameter = new Parameter("p", p, g);
            adam.step(List.of(parameter));
            // t = 1: m = 0.1 g, v = 0.001 g^2, lr_t = 0.1 / 0.1, c2 = 1 / 0.001; sqrt(v c2) = |g|
            assertArrayEquals(new double[] {1 - 0.05 / (0.5 + 1e-8), -2}, p.toDoubleArray(), 1e-15);
            assertArrayEquals(new double[] {0.05, 0}, adam.state(parameter)[0].toDoubleArray(), 1e-15);
            assertArrayEquals(new double[] {0.00025, 0}, adam.state(parameter)[1].toDoubleArray(), 1e-15);
            backend.write(g, new double[] {-0.2, 3});
            adam.step(List.of(parameter));
            double[] m = {0.9 * 0.05 + 0.1 * -0.2, 0.1 * 3};
            double[] v = {0.999 * 0.00025 + 0.001 * 0.04, 0.001 * 9};
            double lrT = 0.1 / (1 - 0.9 * 0.9);
            double c2 = 1 / (1 - 0.999 * 0.999);
            double[] expected = new double[2];
            double[] before = {1 - 0.05 / (0.5 + 1e-8), -2};
            for (int i = 0; i < 2; i++) {
                expected[i] = before[i] - lrT * m[i] / (Math.sqrt(v[i] * c2) + 1e-8);
            }
            assertArrayEquals(m, adam.state(parameter)[0].toDoubleArray(), 1e-15);
            assertArrayEquals(v, adam.state(parameter)[1].toDoubleArray(), 1e-15);
            assertArrayEquals(expected, p.toDoubleArray(), 1e-12);
        }
    }
}
