package dev.glia.testkit;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.ScratchWorkspace;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/** Runs each activation forward and backward on the backend and on the reference, in FLOAT32. */
final class ActivationChecks {
    /** A wide batch, a small one and a single sample. */
    static final Shape[] SHAPES = {Shape.of(17, 129), Shape.of(3, 5), Shape.of(1, 7)};

    private ActivationChecks() {}

    /** Two tests per activation: forward and backward, over every shape. */
    static Stream<DynamicTest> all(Harness h, List<Activation> activations, double tol, long seed) {
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < activations.size(); i++) {
            Activation a = activations.get(i);
            long s = seed + 1000L * i;
            tests.add(DynamicTest.dynamicTest(a.id() + " forward", () -> {
                for (int k = 0; k < SHAPES.length; k++) {
                    check(h, a, SHAPES[k], false, tol, s + k);
                }
            }));
            tests.add(DynamicTest.dynamicTest(a.id() + " backward", () -> {
                for (int k = 0; k < SHAPES.length; k++) {
                    check(h, a, SHAPES[k], true, tol, s + 100 + k);
                }
            }));
        }
        return tests.stream();
    }

    /**
     * Runs {@code y = f(x)} with x uniform in [-3, 3] and, for backward, {@code dx} from dy uniform
     * in [-3, 3], the backward pass receiving each backend's own x and y. Also checks that forward
     * leaves x unchanged.
     */
    static void check(Harness h, Activation a, Shape shape, boolean backward, double tol, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = Harness.round(DType.FLOAT32, Domain.ANY.draw(random, shape.size()));
        double[] dy = Harness.round(DType.FLOAT32, Domain.ANY.draw(random, shape.size()));
        String what = "activation '" + a.id() + "' " + (backward ? "backward (dx)" : "forward (y)") + " on " + shape
                + " FLOAT32 (seed " + seed + ") on " + h.name();
        double[][] r = h.both(b -> run(b, a, shape, x, dy, backward, what));
        Approx.assertClose(what, shape, r[0], r[1], tol);
    }

    private static double[] run(
            Backend b, Activation a, Shape shape, double[] x, double[] dy, boolean backward, String what) {
        try (ScratchWorkspace ws = new ScratchWorkspace(b);
                Tensor tx = Harness.upload(b, x, shape, DType.FLOAT32);
                Tensor ty = b.allocate(shape, DType.FLOAT32)) {
            b.write(ty, Harness.nans(shape.size()));
            a.forward(ws, tx, ty);
            Approx.assertExact(what + ": forward must leave x unchanged", shape, x, tx.toDoubleArray());
            if (!backward) {
                return ty.toDoubleArray();
            }
            try (Tensor tdy = Harness.upload(b, dy, shape, DType.FLOAT32);
                    Tensor tdx = b.allocate(shape, DType.FLOAT32)) {
                b.write(tdx, Harness.nans(shape.size()));
                a.backward(ws, tx, ty, tdy, tdx);
                return tdx.toDoubleArray();
            }
        }
    }
}
