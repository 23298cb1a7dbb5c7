package dev.glia.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/** Conformance checks of {@link Backend#gemm}. */
final class GemmChecks {
    /** The awkward sizes m, k and n are drawn from: all combinations, square and not. */
    static final int[] SIZES = {1, 3, 17, 129};

    /** One alpha/beta combination; {@code nanC} prefills c with NaN, which beta 0 must ignore. */
    private record Variant(double alpha, double beta, boolean nanC) {}

    private static final Variant[] VARIANTS = {
        new Variant(1, 0, true), new Variant(-0.5, 1, false), new Variant(2, 0.5, false)
    };

    private GemmChecks() {}

    /** One dynamic test per (m, k, n) and transpose combination, each running every alpha/beta variant. */
    static Stream<DynamicTest> all(Harness h, DType dtype, double tol, long seed) {
        List<DynamicTest> tests = new ArrayList<>();
        int index = 0;
        for (int m : SIZES) {
            for (int k : SIZES) {
                for (int n : SIZES) {
                    for (int t = 0; t < 4; t++) {
                        boolean ta = (t & 1) != 0;
                        boolean tb = (t & 2) != 0;
                        long caseSeed = seed + index++;
                        String name = dtype + " " + (ta ? "aT" : "a") + "*" + (tb ? "bT" : "b") + " m=" + m + " k=" + k
                                + " n=" + n;
                        tests.add(DynamicTest.dynamicTest(name, () -> check(h, dtype, tol, m, k, n, ta, tb, caseSeed)));
                    }
                }
            }
        }
        return tests.stream();
    }

    /** Compares every variant of {@code c = alpha op(a) op(b) + beta c} with the reference. */
    static void check(Harness h, DType dtype, double tol, int m, int k, int n, boolean ta, boolean tb, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Shape sa = ta ? Shape.matrix(k, m) : Shape.matrix(m, k);
        Shape sb = tb ? Shape.matrix(n, k) : Shape.matrix(k, n);
        Shape sc = Shape.matrix(m, n);
        double[] a = Harness.round(dtype, Domain.ANY.draw(random, sa.size()));
        double[] b = Harness.round(dtype, Domain.ANY.draw(random, sb.size()));
        for (Variant v : VARIANTS) {
            double[] c = v.nanC() ? Harness.nans(sc.size()) : Harness.round(dtype, Domain.ANY.draw(random, sc.size()));
            double[][] result = h.both(backend -> {
                try (Tensor ta1 = Harness.upload(backend, a, sa, dtype);
                        Tensor tb1 = Harness.upload(backend, b, sb, dtype);
                        Tensor tc1 = Harness.upload(backend, c, sc, dtype)) {
                    backend.gemm(ta, tb, v.alpha(), ta1, tb1, v.beta(), tc1);
                    return tc1.toDoubleArray();
                }
            });
            double[] scale = magnitude(a, b, c, m, k, n, ta, tb, v);
            String what = "gemm(transA=" + ta + ", transB=" + tb + ", alpha=" + v.alpha() + ", beta=" + v.beta()
                    + (v.nanC() ? ", c prefilled with NaN" : "") + ") " + dtype + " a=" + sa + " b=" + sb + " c=" + sc
                    + " (seed " + seed + ") on " + h.name();
            Approx.assertClose(what, sc, result[0], result[1], scale, tol);
        }
    }

    /** |alpha| |op(a)| |op(b)| + |beta| |c|: the size rounding errors are proportional to. */
    private static double[] magnitude(
            double[] a, double[] b, double[] c, int m, int k, int n, boolean ta, boolean tb, Variant v) {
        double[] mag = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double av = ta ? a[p * m + i] : a[i * k + p];
                    double bv = tb ? b[j * k + p] : b[p * n + j];
                    s += Math.abs(av * bv);
                }
                mag[i * n + j] = Math.abs(v.alpha()) * s + (v.beta() == 0 ? 0 : Math.abs(v.beta() * c[i * n + j]));
            }
        }
        return mag;
    }

    /** Inner sizes that differ, a wrong c, rank-1 operands and c aliasing a all fail with clear messages. */
    static void shapeMismatch(Backend backend) {
        try (Tensor a = backend.allocate(Shape.matrix(3, 4), DType.FLOAT32);
                Tensor b = backend.allocate(Shape.matrix(5, 6), DType.FLOAT32);
                Tensor c = backend.allocate(Shape.matrix(3, 6), DType.FLOAT32);
                Tensor b2 = backend.allocate(Shape.matrix(4, 6), DType.FLOAT32);
                Tensor c2 = backend.allocate(Shape.matrix(6, 3), DType.FLOAT32);
                Tensor v = backend.allocate(Shape.of(4), DType.FLOAT32);
                Tensor sq = backend.allocate(Shape.matrix(4, 4), DType.FLOAT32)) {
            IllegalArgumentException inner = assertThrows(
                    IllegalArgumentException.class,
                    () -> backend.gemm(false, false, 1, a, b, 0, c),
                    "gemm of [3, 4] by [5, 6] must fail");
            assertNames(inner, "[3, 4]", "[5, 6]");
            IllegalArgumentException out = assertThrows(
                    IllegalArgumentException.class,
                    () -> backend.gemm(false, false, 1, a, b2, 0, c2),
                    "gemm of [3, 4] by [4, 6] into [6, 3] must fail");
            assertNames(out, "[3, 4]", "[6, 3]");
            IllegalArgumentException trans = assertThrows(
                    IllegalArgumentException.class,
                    () -> backend.gemm(true, false, 1, a, b2, 0, c),
                    "gemm of [3, 4]^T by [4, 6] must fail");
            assertNames(trans, "[3, 4]", "[4, 6]");
            assertThrows(
                    IllegalArgumentException.class,
                    () -> backend.gemm(false, false, 1, v, b2, 0, c),
                    "gemm with a rank-1 operand must fail");
            assertThrows(
                    IllegalArgumentException.class,
                    () -> backend.gemm(false, false, 1, sq, sq, 0, sq),
                    "gemm with c aliasing a must fail");
        }
    }

    private static void assertNames(IllegalArgumentException e, String... shapes) {
        String message = String.valueOf(e.getMessage());
        for (String s : shapes) {
            assertTrue(message.contains(s), () -> "The message should name the shape " + s + ": " + message);
        }
    }
}
