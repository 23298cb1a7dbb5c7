package dev.glia.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

/** Conformance checks of {@link Backend#sum}, {@link Backend#max} and {@link Backend#argmax}. */
final class ReductionChecks {
    /** Awkward input shapes, including single rows and columns, a vector and a rank-3 tensor. */
    static final Shape[] SHAPES = {
        Shape.of(1, 1),
        Shape.of(1, 17),
        Shape.of(17, 1),
        Shape.of(3, 17),
        Shape.of(129, 3),
        Shape.of(17, 129),
        Shape.of(17),
        Shape.of(2, 3, 5)
    };

    /** The three reductions. */
    enum Op {
        SUM,
        MAX,
        ARGMAX;

        void apply(Backend b, Tensor in, int axis, Tensor out) {
            switch (this) {
                case SUM -> b.sum(in, axis, out);
                case MAX -> b.max(in, axis, out);
                case ARGMAX -> b.argmax(in, axis, out);
            }
        }

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private ReductionChecks() {}

    /** One test per operation, axis and data domain, over every shape. */
    static Stream<DynamicTest> all(Harness h, DType dtype, double tol, long seed) {
        List<DynamicTest> tests = new ArrayList<>();
        Op[] ops = Op.values();
        for (int o = 0; o < ops.length; o++) {
            Op op = ops[o];
            for (int axis = 0; axis < 2; axis++) {
                int ax = axis;
                long s = seed + o * 10L + axis;
                tests.add(DynamicTest.dynamicTest(
                        dtype + " " + op.label() + " axis " + axis,
                        () -> checkShapes(h, dtype, tol, op, ax, Domain.ANY, s)));
                if (op != Op.SUM) {
                    tests.add(DynamicTest.dynamicTest(
                            dtype + " " + op.label() + " axis " + axis + " with ties",
                            () -> checkShapes(h, dtype, tol, op, ax, Domain.TIES, s + 5)));
                }
            }
        }
        return tests.stream();
    }

    private static void checkShapes(Harness h, DType dtype, double tol, Op op, int axis, Domain domain, long seed) {
        for (int i = 0; i < SHAPES.length; i++) {
            check(h, dtype, tol, op, axis, SHAPES[i], domain, i, seed * 31 + i);
        }
    }

    /** Compares one reduction with the reference; sums to a tolerance, max and argmax exactly. */
    static void check(
            Harness h, DType dtype, double tol, Op op, int axis, Shape shape, Domain domain, int variant, long seed) {
        double[] data = Harness.round(dtype, domain.draw(new SplittableRandom(seed), shape.size()));
        int count = axis == 0 ? shape.columns() : shape.rows();
        // "out may have any shape of that size": try a vector, a row and a column
        Shape outShape =
                variant % 3 == 0 ? Shape.of(count) : variant % 3 == 1 ? Shape.of(1, count) : Shape.of(count, 1);
        double[][] r = h.both(b -> {
            try (Tensor in = Harness.upload(b, data, shape, dtype);
                    Tensor out = b.allocate(outShape, dtype)) {
                b.write(out, Harness.nans(count));
                op.apply(b, in, axis, out);
                return out.toDoubleArray();
            }
        });
        String what = op.label() + " along axis " + axis + " of " + shape + " " + dtype + " into " + outShape
                + " (seed " + seed + ") on " + h.name();
        if (op == Op.SUM) {
            Approx.assertClose(what, outShape, r[0], r[1], absSums(data, shape, axis), tol);
        } else {
            Approx.assertExact(what, outShape, r[0], r[1]);
        }
    }

    private static double[] absSums(double[] data, Shape shape, int axis) {
        int rows = shape.rows();
        int cols = shape.columns();
        double[] s = new double[axis == 0 ? cols : rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                s[axis == 0 ? c : r] += Math.abs(data[r * cols + c]);
            }
        }
        return s;
    }

    /** A NaN in a column or row makes its max NaN. */
    static void maxPropagatesNaN(Harness h) {
        Shape shape = Shape.of(3, 4);
        float[] data = {1, 2, 3, 4, 5, Float.NaN, 7, 8, -1, -2, -3, -4};
        for (int axis = 0; axis < 2; axis++) {
            int ax = axis;
            int count = axis == 0 ? 4 : 3;
            double[][] r = h.both(b -> {
                try (Tensor in = b.upload(data, shape);
                        Tensor out = b.allocate(Shape.of(count), DType.FLOAT32)) {
                    b.max(in, ax, out);
                    return out.toDoubleArray();
                }
            });
            Approx.assertExact(
                    "max along axis " + axis + " of [[1, 2, 3, 4], [5, NaN, 7, 8], [-1, -2, -3, -4]] on " + h.name(),
                    Shape.of(count),
                    r[0],
                    r[1]);
            assertTrue(Double.isNaN(r[1][1]), "max must propagate NaN");
        }
    }

    /** argmax of a matrix full of ties gives the first index, checked against hand-computed values. */
    static void argmaxTies(Backend b) {
        float[] data = {4, 1, 4, 2, 7, 7, 4, 7, 0, 3, 3, 3};
        try (Tensor in = b.upload(data, Shape.of(4, 3));
                Tensor rows = b.allocate(Shape.of(4), DType.FLOAT32);
                Tensor cols = b.allocate(Shape.of(3), DType.FLOAT32)) {
            b.argmax(in, 1, rows);
            assertArrayEquals(
                    new float[] {0, 1, 1, 0},
                    rows.toFloatArray(),
                    "argmax along axis 1 of [[4, 1, 4], [2, 7, 7], [4, 7, 0], [3, 3, 3]] picks the first maximum");
            b.argmax(in, 0, cols);
            assertArrayEquals(
                    new float[] {0, 1, 1},
                    cols.toFloatArray(),
                    "argmax along axis 0 of [[4, 1, 4], [2, 7, 7], [4, 7, 0], [3, 3, 3]] picks the first maximum");
        }
    }

    /** A wrong output size or an axis other than 0 and 1 fails with IllegalArgumentException. */
    static void badArguments(Backend backend) {
        try (Tensor in = backend.allocate(Shape.of(3, 4), DType.FLOAT32);
                Tensor three = backend.allocate(Shape.of(3), DType.FLOAT32);
                Tensor four = backend.allocate(Shape.of(4), DType.FLOAT32)) {
            for (Op op : Op.values()) {
                assertThrows(
                        IllegalArgumentException.class,
                        () -> op.apply(backend, in, 0, three),
                        () -> op.label() + " along axis 0 of [3, 4] into 3 elements must fail");
                assertThrows(
                        IllegalArgumentException.class,
                        () -> op.apply(backend, in, 1, four),
                        () -> op.label() + " along axis 1 of [3, 4] into 4 elements must fail");
                assertThrows(
                        IllegalArgumentException.class,
                        () -> op.apply(backend, in, 2, four),
                        () -> op.label() + " along axis 2 must fail");
            }
        }
    }
}
