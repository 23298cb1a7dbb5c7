package dev.glia.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
            // after 700 steps m would be 0.05 * 0.9^700 = 4.7e-34: below TINY, still a float (then subnormal)
            for (int step = 0; step < 700; step++) {
                adam.step(List.of(parameter));
            }
            Tensor[] moments = adam.state(parameter);
            assertArrayEquals(new float[] {0f, 0f}, moments[0].toFloatArray());
            float[] v = moments[1].toFloatArray();
            assertEquals(0.5 * 0.5 * 0.001 * Math.pow(0.999, 700), v[0], 1e-9, "v still decays normally");
            assertEquals(0f, v[1]);
        }
    }
}
