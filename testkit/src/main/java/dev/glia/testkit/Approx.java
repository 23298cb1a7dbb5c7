package dev.glia.testkit;

import dev.glia.api.Shape;
import org.junit.jupiter.api.AssertionFailureBuilder;

/**
 * Element-by-element comparison of a backend's result with the reference's, reporting the first
 * mismatch with its index, row and column in the matrix view, both values and the shape.
 *
 * <p>Element {@code i} matches when both are NaN, when they are equal (this covers infinities), or
 * when {@code |actual - expected| <= tol * max(|expected|, scale_i)}. The scale is 1 for element-wise
 * results (so values below 1 are compared absolutely) and the sum of the absolute values of the terms
 * for gemm and sums, the size that rounding errors are proportional to.
 */
final class Approx {
    private Approx() {}

    /** Compares with scale 1 for every element. */
    static void assertClose(String what, Shape shape, double[] expected, double[] actual, double tol) {
        assertClose(what, shape, expected, actual, null, tol);
    }

    /** Requires every element to be equal (or both NaN). */
    static void assertExact(String what, Shape shape, double[] expected, double[] actual) {
        double[] zero = new double[expected.length];
        assertClose(what, shape, expected, actual, zero, 0);
    }

    /** Compares with a scale per element ({@code null}: 1 everywhere). */
    static void assertClose(String what, Shape shape, double[] expected, double[] actual, double[] scale, double tol) {
        if (expected.length != actual.length) {
            throw AssertionFailureBuilder.assertionFailure()
                    .message(what + ": expected " + expected.length + " values for " + shape + " but got "
                            + actual.length)
                    .build();
        }
        int first = -1;
        int mismatches = 0;
        for (int i = 0; i < expected.length; i++) {
            if (!matches(expected[i], actual[i], scale == null ? 1 : scale[i], tol)) {
                mismatches++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (first >= 0) {
            double e = expected[first];
            double a = actual[first];
            double allowed = tol * Math.max(Math.abs(e), scale == null ? 1 : scale[first]);
            int cols = shape.columns();
            throw AssertionFailureBuilder.assertionFailure()
                    .message(what + ": first mismatch at index " + first + " (row " + first / cols + ", column "
                            + first % cols + " of the " + shape.rows() + "x" + cols + " matrix view of shape " + shape
                            + "): expected " + e + " (reference) but was " + a + "; |difference| "
                            + Math.abs(a - e) + " > allowed " + allowed + "; " + mismatches + " of "
                            + expected.length + " elements differ")
                    .expected(e)
                    .actual(a)
                    .build();
        }
    }

    static boolean matches(double expected, double actual, double scale, double tol) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (expected == actual) {
            return true;
        }
        return Math.abs(actual - expected) <= tol * Math.max(Math.abs(expected), scale);
    }
}
