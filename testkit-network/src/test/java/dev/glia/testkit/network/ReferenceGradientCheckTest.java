package dev.glia.testkit.network;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.glia.api.Backend;
import dev.glia.testkit.GradientChecker;
import dev.glia.testkit.ReferenceBackend;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The gradient checks on the float64 reference backend. */
class ReferenceGradientCheckTest extends GradientCheckSuite {
    @Override
    protected Backend createBackend() {
        return new ReferenceBackend();
    }

    @Test
    void checkerCatchesAWrongGradient() {
        double[] x0 = {0.5, -0.3};
        ToDoubleFunction<double[]> f = x -> x[0] * x[0] + 3 * x[1];
        GradientChecker.assertGradient(f, x0, new double[] {1.0, 3.0});
        assertThrows(AssertionError.class, () -> GradientChecker.assertGradient(f, x0, new double[] {1.0, 2.9}));
    }
}
