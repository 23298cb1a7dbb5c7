package dev.glia.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import dev.glia.api.spi.Broadcast;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * Conformance checks of {@link Backend#sumToShape} and of the per-axis broadcast of element-wise inputs
 * ({@link Broadcast#AXIS}): every subset of the axes of awkward rank-3, 4 and 5 shapes, against the reference.
 */
final class AxisChecks {
    /** Awkward shapes: prime sides, sides of 1 in between, a side over 128, rank 5, over one staging chunk. */
    static final Shape[] SHAPES = {
        Shape.of(2, 3, 5, 7),
        Shape.of(1, 17, 1, 3, 2),
        Shape.of(3, 131, 2),
        Shape.of(2, 3, 4, 5, 2),
        Shape.of(1, 1, 1),
        Shape.of(5, 1, 229)
    };

    private static final Expr X = Expr.input(0);
    private static final Expr Y = Expr.input(1);

    private AxisChecks() {}

    /** {@code shape} with the dimensions of the axes outside {@code keep} (a bit mask) set to 1. */
    static Shape keep(Shape shape, int keep) {
        int[] d = shape.dims();
        for (int a = 0; a < d.length; a++) {
            if ((keep & (1 << a)) == 0) {
                d[a] = 1;
            }
        }
        return Shape.of(d);
    }

    // ----- sumToShape

    /** sumToShape over every subset of the axes of every shape. */
    static Stream<DynamicTest> sums(Harness h, DType dtype, double tol, long seed) {
        List<DynamicTest> tests = new ArrayList<>();
        for (int s = 0; s < SHAPES.length; s++) {
            Shape in = SHAPES[s];
            long base = seed + 100L * s;
            tests.add(DynamicTest.dynamicTest(dtype + " sumToShape of " + in + " over every subset of its axes", () -> {
                for (int kept = 0; kept < 1 << in.rank(); kept++) {
                    checkSum(h, dtype, tol, in, keep(in, kept), base + kept);
                }
            }));
        }
        tests.add(DynamicTest.dynamicTest(
                dtype + " sumToShape per channel of [4, 64, 23, 23]",
                () -> checkSum(h, dtype, tol, Shape.of(4, 64, 23, 23), Shape.of(1, 64, 1, 1), seed + 7)));
        return tests.stream();
    }

    private static void checkSum(Harness h, DType dtype, double tol, Shape in, Shape out, long seed) {
        double[] data = Harness.round(dtype, Domain.ANY.draw(new SplittableRandom(seed), in.size()));
        double[][] r = h.both(b -> {
            try (Tensor x = Harness.upload(b, data, in, dtype);
                    Tensor y = b.allocate(out, dtype)) {
                b.write(y, Harness.nans(out.size()));
                b.sumToShape(x, y);
                return y.toDoubleArray();
            }
        });
        Approx.assertClose(
                "sumToShape of " + in + " into " + out + " " + dtype + " (seed " + seed + ") on " + h.name(),
                out,
                r[0],
                r[1],
                absSums(data, in, out),
                tol);
    }

    /** The sum of the absolute values of the terms of each output element: the scale of its rounding error. */
    private static double[] absSums(double[] data, Shape in, Shape out) {
        double[] s = new double[out.size()];
        int[] at = new int[in.rank()];
        for (double v : data) {
            int o = 0;
            for (int a = 0; a < in.rank(); a++) {
                o = o * out.dim(a) + (out.dim(a) == 1 ? 0 : at[a]);
            }
            s[o] += Math.abs(v);
            for (int a = in.rank() - 1; a >= 0 && ++at[a] == in.dim(a); a--) {
                at[a] = 0;
            }
        }
        return s;
    }

    /** Hand-computed sums of a [2, 3, 2] tensor holding 0 … 11. */
    static void handComputedSums(Backend b) {
        float[] data = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        try (Tensor in = b.upload(data, Shape.of(2, 3, 2));
                Tensor channels = b.allocate(Shape.of(1, 3, 1), DType.FLOAT32);
                Tensor ends = b.allocate(Shape.of(2, 1, 2), DType.FLOAT32);
                Tensor all = b.allocate(Shape.of(1, 1, 1), DType.FLOAT32);
                Tensor same = b.allocate(Shape.of(2, 3, 2), DType.FLOAT32)) {
            b.sumToShape(in, channels);
            assertArrayEquals(
                    new float[] {0 + 1 + 6 + 7, 2 + 3 + 8 + 9, 4 + 5 + 10 + 11},
                    channels.toFloatArray(),
                    "sumToShape of [2, 3, 2] (0 … 11) into [1, 3, 1] on backend '" + b.name() + "'");
            b.sumToShape(in, ends);
            assertArrayEquals(
                    new float[] {0 + 2 + 4, 1 + 3 + 5, 6 + 8 + 10, 7 + 9 + 11},
                    ends.toFloatArray(),
                    "sumToShape of [2, 3, 2] (0 … 11) into [2, 1, 2] (axis 1 only) on backend '" + b.name() + "'");
            b.sumToShape(in, all);
            assertArrayEquals(new float[] {66}, all.toFloatArray(), "sumToShape of 0 … 11 into [1, 1, 1]");
            b.sumToShape(in, same);
            assertArrayEquals(data, same.toFloatArray(), "sumToShape into the input's own shape copies it");
        }
    }

    /** Per-channel [1, 3, 1], last-axis [1, 1, 2] and [1, 3, 2] inputs onto [2, 3, 2], against hand-computed values. */
    static void handComputedBroadcast(Backend b) {
        try (Tensor out = b.allocate(Shape.of(2, 3, 2), DType.FLOAT32);
                Tensor channel = b.upload(new float[] {10, 20, 30}, Shape.of(1, 3, 1));
                Tensor inner = b.upload(new float[] {1, 2, 3, 4, 5, 6}, Shape.of(1, 3, 2));
                Tensor last = b.upload(new float[] {100, 200}, Shape.of(1, 1, 2))) {
            b.elementwise(X.add(Y.mul(Expr.input(2))), out, channel, last, channel);
            assertArrayEquals(
                    new float[] {1010, 2010, 2020, 4020, 3030, 6030, 1010, 2010, 2020, 4020, 3030, 6030},
                    out.toFloatArray(),
                    "channel + last * channel onto [2, 3, 2] on backend '" + b.name() + "'");
            b.elementwise(X.sub(Y), out, out, inner);
            assertArrayEquals(
                    new float[] {1009, 2008, 2017, 4016, 3025, 6024, 1009, 2008, 2017, 4016, 3025, 6024},
                    out.toFloatArray(),
                    "out - [1, 3, 2] in place onto [2, 3, 2] on backend '" + b.name() + "'");
        }
    }

    // ----- per-axis broadcast

    /**
     * {@code in0 + in1} and {@code in1 * in0 - in1} with in1 of every subset of in0's axes: those the backend
     * accepts match the reference, the others are refused by both.
     */
    static Stream<DynamicTest> broadcasts(Harness h, DType dtype, double tol, long seed) {
        List<DynamicTest> tests = new ArrayList<>();
        for (int s = 0; s < SHAPES.length; s++) {
            Shape out = SHAPES[s];
            long base = seed + 100L * s;
            tests.add(DynamicTest.dynamicTest(
                    dtype + " in0 + in1 onto " + out + " with in1 over every subset of its axes", () -> {
                        for (int kept = 0; kept < 1 << out.rank(); kept++) {
                            Shape in = keep(out, kept);
                            if (broadcasts(in, out)) {
                                check(h, dtype, tol, X.add(Y), out, new Shape[] {out, in}, -1, base + kept);
                                check(h, dtype, tol, Y.mul(X).sub(Y), out, new Shape[] {in, out}, -1, base + kept);
                            } else {
                                refused(h.backend, out, in);
                            }
                        }
                    }));
        }
        return tests.stream();
    }

    /** Whether {@code in} broadcasts onto {@code out} by the rules of {@link Backend#elementwise}. */
    private static boolean broadcasts(Shape in, Shape out) {
        return in.size() == 1
                || (in.rows() == out.rows() && (in.columns() == out.columns() || in.columns() == 1))
                || (in.rows() == 1 && in.columns() == out.columns())
                || Broadcast.alongAxes(in, out);
    }

    /**
     * Normalisation as BatchNorm runs it: {@code (x - mean) * scale + shift} with three per-channel inputs, on
     * its own, mixed with a row and a scalar, and in place.
     */
    static Stream<DynamicTest> fused(Harness h, DType dtype, double tol, long seed) {
        Expr norm = X.sub(Y).mul(Expr.input(2)).add(Expr.input(3));
        Shape[] outs = {Shape.of(2, 3, 5, 7), Shape.of(1, 17, 1, 3, 2), Shape.of(4, 64, 23, 23), Shape.of(3, 131, 2)};
        List<DynamicTest> tests = new ArrayList<>();
        for (int s = 0; s < outs.length; s++) {
            Shape out = outs[s];
            Shape channel = keep(out, 2);
            Shape last = keep(out, 1 << (out.rank() - 1));
            Shape inner = keep(out, ~1);
            long base = seed + 10L * s;
            tests.add(DynamicTest.dynamicTest(dtype + " (x - mean) * scale + shift per channel onto " + out, () -> {
                check(h, dtype, tol, norm, out, new Shape[] {out, channel, channel, channel}, -1, base);
                check(h, dtype, tol, norm, out, new Shape[] {out, channel, inner, Shape.of(1)}, -1, base + 1);
                check(
                        h,
                        dtype,
                        tol,
                        norm.mul(Expr.input(4)),
                        out,
                        new Shape[] {out, channel, last, channel, keep(out, 1)},
                        -1,
                        base + 2);
            }));
            tests.add(DynamicTest.dynamicTest(
                    dtype + " x = (x - mean) * scale + shift in place onto " + out,
                    () -> check(h, dtype, tol, norm, out, new Shape[] {out, channel, channel, channel}, 0, base + 3)));
        }
        return tests.stream();
    }

    private static void check(
            Harness h, DType dtype, double tol, Expr expr, Shape out, Shape[] shapes, int alias, long seed) {
        Domain[] domains = new Domain[shapes.length];
        int[] use = new int[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            domains[i] = Domain.ANY;
            use[i] = i;
        }
        new ElementwiseCase(expr, out, shapes, domains, use, alias).check(h, dtype, tol, seed);
    }

    // ----- refusals

    private static void refused(Backend b, Shape out, Shape in) {
        try (Tensor o = b.allocate(out, DType.FLOAT32);
                Tensor i = b.allocate(in, DType.FLOAT32)) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> b.elementwise(X.add(Y), o, o, i),
                    () -> "elementwise onto " + out + " with an input " + in + " must fail on backend '" + b.name()
                            + "'");
            assertTrue(
                    e.getMessage().contains(in.toString()) && e.getMessage().contains(out.toString()),
                    () -> "the message must name both shapes " + in + " and " + out + ": " + e.getMessage());
        }
    }

    /**
     * Refusals with their messages: sumToShape into a wrong dimension, another rank or the input itself, of a
     * closed or foreign tensor, across dtypes; a per-axis input whose axes are not adjacent or disagree.
     */
    static void refusals(Backend b, Backend other) {
        try (Tensor in = b.allocate(Shape.of(2, 3, 5, 7), DType.FLOAT32);
                Tensor wrong = b.allocate(Shape.of(1, 4, 1, 1), DType.FLOAT32);
                Tensor flat = b.allocate(Shape.of(3), DType.FLOAT32);
                Tensor channel = b.allocate(Shape.of(1, 3, 1, 1), DType.FLOAT32);
                Tensor gap = b.allocate(Shape.of(2, 1, 5, 1), DType.FLOAT32);
                Tensor foreign = other.allocate(Shape.of(2, 3, 5, 7), DType.FLOAT32)) {
            rejects(
                    IllegalArgumentException.class,
                    "axis 1 of the output [1, 4, 1, 1] is 4 but must be the input" + " [2, 3, 5, 7]'s 3",
                    () -> b.sumToShape(in, wrong));
            rejects(IllegalArgumentException.class, "rank", () -> b.sumToShape(in, flat));
            rejects(IllegalArgumentException.class, "must not be the input", () -> b.sumToShape(in, in));
            rejects(IllegalArgumentException.class, "belongs to", () -> b.sumToShape(foreign, channel));
            rejects(IllegalArgumentException.class, "not adjacent", () -> b.elementwise(X.add(Y), in, in, gap));
            rejects(
                    IllegalArgumentException.class,
                    "axis 1 is 4 where the output has 3",
                    () -> b.elementwise(X.add(Y), in, in, wrong));
            if (b.supports(DType.FLOAT64)) {
                try (Tensor wide = b.allocate(Shape.of(1, 3, 1, 1), DType.FLOAT64)) {
                    rejects(IllegalArgumentException.class, "dtype", () -> b.sumToShape(in, wide));
                }
            }
            Tensor closed = b.allocate(Shape.of(2, 3, 5, 7), DType.FLOAT32);
            closed.close();
            assertThrows(
                    IllegalStateException.class,
                    () -> b.sumToShape(closed, channel),
                    "sumToShape of a closed tensor must throw IllegalStateException");
            assertThrows(
                    IllegalStateException.class,
                    () -> b.sumToShape(in, closed),
                    "sumToShape into a closed tensor must throw IllegalStateException");
        }
    }

    private static void rejects(Class<? extends Throwable> type, String words, Executable call) {
        Throwable e = assertThrows(type, call);
        assertTrue(
                String.valueOf(e.getMessage()).contains(words), () -> "expected '" + words + "' in: " + e.getMessage());
    }
}
