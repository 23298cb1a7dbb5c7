package dev.glia.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.Window2D;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * Conformance checks of the convolution-window operations ({@link Backend#im2col}, {@link Backend#col2im}, max
 * and average pooling with their gradients) and of {@link Backend#permute}, against the reference, over awkward
 * geometries: odd kernels, strides above 1, uneven padding, dilation, one channel, batch 1 and the shapes of the
 * Fashion-MNIST CNN. Outputs are prefilled with NaN, so an element left unwritten (an operation that accumulates
 * where it should overwrite) shows.
 */
final class ConvolutionWindowChecks {
    /** A convolution case: the input and the window. */
    private record Case(Shape input, Window2D window) {
        @Override
        public String toString() {
            return input + " under a " + window;
        }
    }

    private static final Case[] CONVOLUTIONS = {
        new Case(Shape.of(2, 3, 7, 9), Window2D.of(3, 3)),
        new Case(Shape.of(1, 1, 5, 5), Window2D.of(5, 5)),
        new Case(Shape.of(3, 2, 8, 11), Window2D.of(3, 5).withStride(2, 3).withPadding(1, 2, 0, 1)),
        new Case(
                Shape.of(2, 4, 9, 10), Window2D.of(3, 3).withPadding(2, 2, 2, 2).withDilation(2, 2)),
        new Case(
                Shape.of(1, 2, 6, 7),
                Window2D.of(2, 3).withStride(3, 1).withDilation(1, 3).withPadding(0, 1, 3, 0)),
        new Case(Shape.of(2, 3, 6, 6), Window2D.of(1, 1).withStride(2, 2)),
        new Case(Shape.of(1, 1, 28, 28), Window2D.of(5, 5)),
        new Case(Shape.of(3, 32, 12, 12), Window2D.of(5, 5)),
        new Case(Shape.of(2, 3, 5, 5), Window2D.of(3, 3).withPadding(1, 1, 1, 1)),
        new Case(Shape.of(2, 2, 4, 4), Window2D.of(3, 3).withPadding(3, 3, 3, 3).withStride(3, 3)),
        new Case(Shape.of(16, 8, 12, 12), Window2D.of(5, 5)),
        new Case(
                Shape.of(4, 3, 11, 13),
                Window2D.of(3, 3).withPadding(1, 1, 1, 1).withStride(2, 2))
    };

    private static final Case[] POOLS = {
        new Case(Shape.of(2, 3, 8, 8), Window2D.of(2, 2).withStride(2, 2)),
        new Case(Shape.of(1, 1, 7, 7), Window2D.of(3, 3).withStride(2, 2).withPadding(1, 1, 1, 1)),
        new Case(Shape.of(3, 2, 9, 6), Window2D.of(3, 2)),
        new Case(Shape.of(2, 5, 5, 5), Window2D.of(2, 2).withStride(2, 2)),
        new Case(Shape.of(1, 2, 6, 9), Window2D.of(4, 3).withStride(1, 3).withPadding(2, 1, 0, 1)),
        new Case(Shape.of(4, 32, 24, 24), Window2D.of(2, 2).withStride(2, 2)),
        new Case(Shape.of(2, 64, 8, 8), Window2D.of(2, 2).withStride(2, 2)),
        new Case(Shape.of(3, 1, 5, 5), Window2D.of(1, 1).withStride(3, 3))
    };

    private static final Shape[] PERMUTED = {
        Shape.of(3, 4, 5),
        Shape.of(2, 3, 4, 5),
        Shape.of(2, 3, 2, 3, 2),
        Shape.of(64, 2, 9),
        Shape.of(5, 7),
        Shape.of(1, 1, 3),
        Shape.of(7, 3, 1, 2),
        Shape.of(2, 3, 4, 5, 2),
        Shape.of(32, 64, 64)
    };

    private static final int[][] AXES = {
        {1, 0, 2}, {0, 2, 3, 1}, {4, 3, 2, 1, 0}, {1, 0, 2}, {1, 0}, {2, 0, 1}, {3, 1, 0, 2}, {3, 0, 4, 2, 1}, {1, 0, 2}
    };

    private ConvolutionWindowChecks() {}

    /** im2col exactly, and col2im within rounding, for every convolution case. */
    static Stream<DynamicTest> columns(Harness h, DType dtype, double tol, long seed) {
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < CONVOLUTIONS.length; i++) {
            Case c = CONVOLUTIONS[i];
            long s = seed + i;
            tests.add(DynamicTest.dynamicTest(
                    dtype + " im2col and col2im of " + c, () -> checkColumns(h, dtype, tol, c, s)));
        }
        return tests.stream();
    }

    private static Shape columnsShape(Case c) {
        Shape out = c.window().outputShape(c.input());
        return Shape.of(c.input().dim(1) * c.window().taps(), c.input().dim(0) * out.dim(2) * out.dim(3));
    }

    private static void checkColumns(Harness h, DType dtype, double tol, Case c, long seed) {
        Shape cols = columnsShape(c);
        double[] image = Harness.round(
                dtype, Domain.ANY.draw(new SplittableRandom(seed), c.input().size()));
        double[][] unfolded = h.both(b -> {
            try (Tensor x = Harness.upload(b, image, c.input(), dtype);
                    Tensor y = b.allocate(cols, dtype)) {
                b.write(y, Harness.nans(cols.size()));
                b.im2col(x, c.window(), y);
                return y.toDoubleArray();
            }
        });
        Approx.assertExact("im2col of " + c + " " + dtype + " on " + h.name(), cols, unfolded[0], unfolded[1]);

        double[] columns = Harness.round(dtype, Domain.ANY.draw(new SplittableRandom(seed + 1), cols.size()));
        double[][] folded = h.both(b -> fold(b, columns, c, dtype));
        Approx.assertExact(
                "col2im of " + c + " " + dtype + " run again on " + h.name() + " (the same bits)",
                c.input(),
                folded[1],
                fold(h.backend, columns, c, dtype));
        double[] scale = fold(h.reference, Harness.abs(columns), c, DType.FLOAT64);
        Approx.assertClose(
                "col2im of " + c + " " + dtype + " on " + h.name(), c.input(), folded[0], folded[1], scale, tol);
    }

    private static double[] fold(Backend b, double[] columns, Case c, DType dtype) {
        try (Tensor y = Harness.upload(b, columns, columnsShape(c), dtype);
                Tensor x = b.allocate(c.input(), dtype)) {
            b.write(x, Harness.nans(c.input().size()));
            b.col2im(y, c.window(), x);
            return x.toDoubleArray();
        }
    }

    /** Max pooling (values and argmax exactly, with ties) and its gradient, for every pooling case. */
    static Stream<DynamicTest> maxPooling(Harness h, DType dtype, double tol, long seed) {
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < POOLS.length; i++) {
            Case c = POOLS[i];
            long s = seed + i;
            tests.add(DynamicTest.dynamicTest(dtype + " maxPool2d and its gradient over " + c, () -> {
                checkMaxPool(
                        h,
                        dtype,
                        tol,
                        c,
                        Domain.ANY.draw(new SplittableRandom(s), c.input().size()),
                        "ANY",
                        s);
                checkMaxPool(
                        h,
                        dtype,
                        tol,
                        c,
                        Domain.TIES.draw(
                                new SplittableRandom(s + 1000), c.input().size()),
                        "TIES",
                        s + 1000);
                checkMaxPool(
                        h,
                        dtype,
                        tol,
                        c,
                        special(new SplittableRandom(s + 2000), c.input().size()),
                        "ties, signed zeros, infinities and NaN",
                        s + 2000);
            }));
        }
        return tests.stream();
    }

    /** Small integers (many ties), with 10 % negative zeros, 2 % infinities of either sign and 2 % NaN. */
    private static double[] special(SplittableRandom random, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            int odd = random.nextInt(100);
            x[i] = odd < 2
                    ? Double.NaN
                    : odd < 12
                            ? -0.0
                            : odd < 14
                                    ? (odd == 12 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY)
                                    : random.nextInt(5) - 2;
        }
        return x;
    }

    private static void checkMaxPool(
            Harness h, DType dtype, double tol, Case c, double[] values, String domain, long seed) {
        Shape out = c.window().outputShape(c.input());
        double[] image = Harness.round(dtype, values);
        int[][] positions = new int[2][];
        double[][] pooled = h.both(b -> {
            try (Tensor x = Harness.upload(b, image, c.input(), dtype);
                    Tensor y = b.allocate(out, dtype);
                    Tensor arg = b.allocate(out, DType.INT32)) {
                b.write(y, Harness.nans(out.size()));
                b.write(arg, new int[out.size()]);
                b.maxPool2d(x, c.window(), y, arg);
                int[] p = new int[out.size()];
                b.download(arg, p);
                positions[b == h.reference ? 0 : 1] = p;
                return y.toDoubleArray();
            }
        });
        String what = "maxPool2d of " + c + " " + dtype + " (" + domain + " values) on " + h.name();
        Approx.assertExact(what, out, pooled[0], pooled[1]);
        assertArrayEquals(positions[0], positions[1], what + ": argmax (the first maximum of each window)");

        double[] grad = Harness.round(dtype, Domain.ANY.draw(new SplittableRandom(seed + 1), out.size()));
        double[][] back = h.both(b -> {
            try (Tensor g = Harness.upload(b, grad, out, dtype);
                    Tensor arg = b.upload(positions[0], out);
                    Tensor dx = b.allocate(c.input(), dtype)) {
                b.write(dx, Harness.nans(c.input().size()));
                b.maxPool2dBackward(g, arg, c.window(), dx);
                return dx.toDoubleArray();
            }
        });
        Approx.assertClose(
                "maxPool2dBackward of " + c + " " + dtype + " on " + h.name(), c.input(), back[0], back[1], tol);
    }

    /** Average pooling and its gradient for every pooling case. */
    static Stream<DynamicTest> avgPooling(Harness h, DType dtype, double tol, long seed) {
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < POOLS.length; i++) {
            Case c = POOLS[i];
            long s = seed + i;
            tests.add(DynamicTest.dynamicTest(dtype + " avgPool2d and its gradient over " + c, () -> {
                Shape out = c.window().outputShape(c.input());
                double[] image = Harness.round(
                        dtype,
                        Domain.ANY.draw(new SplittableRandom(s), c.input().size()));
                double[][] pooled = h.both(b -> {
                    try (Tensor x = Harness.upload(b, image, c.input(), dtype);
                            Tensor y = b.allocate(out, dtype)) {
                        b.write(y, Harness.nans(out.size()));
                        b.avgPool2d(x, c.window(), y);
                        return y.toDoubleArray();
                    }
                });
                Approx.assertClose(
                        "avgPool2d of " + c + " " + dtype + " on " + h.name(), out, pooled[0], pooled[1], tol);
                double[] grad = Harness.round(dtype, Domain.ANY.draw(new SplittableRandom(s + 1), out.size()));
                double[][] back = h.both(b -> {
                    try (Tensor g = Harness.upload(b, grad, out, dtype);
                            Tensor dx = b.allocate(c.input(), dtype)) {
                        b.write(dx, Harness.nans(c.input().size()));
                        b.avgPool2dBackward(g, c.window(), dx);
                        return dx.toDoubleArray();
                    }
                });
                Approx.assertClose(
                        "avgPool2dBackward of " + c + " " + dtype + " on " + h.name(),
                        c.input(),
                        back[0],
                        back[1],
                        tol);
            }));
        }
        return tests.stream();
    }

    /** permute, exactly, over ranks 2 to 5. */
    static Stream<DynamicTest> permutations(Harness h, DType dtype, long seed) {
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < PERMUTED.length; i++) {
            Shape in = PERMUTED[i];
            int[] axes = AXES[i];
            long s = seed + i;
            tests.add(DynamicTest.dynamicTest(
                    dtype + " permute " + in + " by " + java.util.Arrays.toString(axes), () -> {
                        int[] dims = new int[axes.length];
                        for (int a = 0; a < axes.length; a++) {
                            dims[a] = in.dim(axes[a]);
                        }
                        Shape out = Shape.of(dims);
                        double[] data = Harness.round(dtype, Domain.ANY.draw(new SplittableRandom(s), in.size()));
                        double[][] r = h.both(b -> {
                            try (Tensor x = Harness.upload(b, data, in, dtype);
                                    Tensor y = b.allocate(out, dtype)) {
                                b.write(y, Harness.nans(out.size()));
                                b.permute(x, axes, y);
                                return y.toDoubleArray();
                            }
                        });
                        Approx.assertExact("permute of " + in + " " + dtype + " on " + h.name(), out, r[0], r[1]);
                    }));
        }
        return tests.stream();
    }

    /** Hand-computed values: im2col of 1 … 9 under a 2×2 kernel, pooling with a NaN and with ties. */
    static void handComputed(Backend b) {
        try (Tensor x = b.upload(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, Shape.of(1, 1, 3, 3));
                Tensor cols = b.allocate(Shape.of(4, 4), DType.FLOAT32);
                Tensor back = b.allocate(Shape.of(1, 1, 3, 3), DType.FLOAT32)) {
            b.im2col(x, Window2D.of(2, 2), cols);
            assertArrayEquals(
                    new float[] {1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9},
                    cols.toFloatArray(),
                    "im2col of 1 … 9 ([1, 1, 3, 3]) under a 2×2 kernel on backend '" + b.name() + "'");
            b.col2im(cols, Window2D.of(2, 2), back);
            assertArrayEquals(
                    new float[] {1, 4, 3, 8, 20, 12, 7, 16, 9},
                    back.toFloatArray(),
                    "col2im multiplies each element by the number of patches holding it, on backend '" + b.name()
                            + "'");
        }
        Window2D pool = Window2D.of(2, 2).withStride(2, 2);
        try (Tensor x = b.upload(
                        new float[] {1, Float.NaN, 3, 3, 2, 0, 3, 1, 5, 5, 0, 0, 5, 5, 0, -1}, Shape.of(1, 1, 4, 4));
                Tensor y = b.allocate(Shape.of(1, 1, 2, 2), DType.FLOAT32);
                Tensor arg = b.allocate(Shape.of(1, 1, 2, 2), DType.INT32);
                Tensor g = b.upload(new float[] {1, 2, 3, 4}, Shape.of(1, 1, 2, 2));
                Tensor dx = b.allocate(Shape.of(1, 1, 4, 4), DType.FLOAT32)) {
            b.maxPool2d(x, pool, y, arg);
            assertArrayEquals(new float[] {Float.NaN, 3, 5, 0}, y.toFloatArray(), "max pooling, NaN propagating");
            int[] p = new int[4];
            b.download(arg, p);
            assertArrayEquals(
                    new int[] {1, 2, 8, 10},
                    p,
                    "argmax: the NaN, then the first of each tie, on backend '" + b.name() + "'");
            b.maxPool2dBackward(g, arg, pool, dx);
            assertArrayEquals(
                    new float[] {0, 1, 2, 0, 0, 0, 0, 0, 3, 0, 4, 0, 0, 0, 0, 0},
                    dx.toFloatArray(),
                    "max pooling's gradient goes to the argmax only");
            b.avgPool2d(b.reshape(dx, Shape.of(1, 1, 4, 4)), pool, y);
            assertArrayEquals(new float[] {0.25f, 0.5f, 0.75f, 1}, y.toFloatArray(), "average pooling");
        }
    }

    /** Wrong shapes, dtypes, windows and aliasing are refused with both sides named. */
    static void refusals(Backend b) {
        try (Tensor x = b.allocate(Shape.of(2, 3, 8, 8), DType.FLOAT32);
                Tensor cols = b.allocate(Shape.of(27, 2 * 36), DType.FLOAT32);
                Tensor wrong = b.allocate(Shape.of(27, 2 * 35), DType.FLOAT32);
                Tensor flat = b.allocate(Shape.of(6, 64), DType.FLOAT32);
                Tensor pooled = b.allocate(Shape.of(2, 3, 4, 4), DType.FLOAT32);
                Tensor arg = b.allocate(Shape.of(2, 3, 4, 4), DType.INT32);
                Tensor floatArg = b.allocate(Shape.of(2, 3, 4, 4), DType.FLOAT32);
                Tensor permuted = b.allocate(Shape.of(3, 2, 8, 8), DType.FLOAT32)) {
            Window2D k3 = Window2D.of(3, 3);
            Window2D p2 = Window2D.of(2, 2).withStride(2, 2);
            b.im2col(x, k3, cols);
            refused(() -> b.im2col(x, k3, wrong), "[27, 72]", "[27, 70]");
            refused(() -> b.col2im(wrong, k3, x), "[27, 72]", "[27, 70]");
            refused(() -> b.im2col(flat, k3, cols), "[N, C, H, W]", "[6, 64]");
            refused(() -> b.im2col(x, Window2D.of(9, 1), cols), "spans 9", "8");
            refused(() -> b.maxPool2d(x, p2, pooled, floatArg), "INT32");
            refused(() -> b.maxPool2d(x, p2.withDilation(2, 2), pooled, arg), "dilation");
            refused(() -> b.avgPool2d(x, Window2D.of(2, 2).withPadding(2, 0, 0, 0), pooled), "half its kernel");
            refused(() -> b.avgPool2d(x, Window2D.of(2, 2), pooled), "[2, 3, 7, 7]", "[2, 3, 4, 4]");
            try (Tensor outside = b.upload(new int[pooled.shape().size()], pooled.shape())) {
                int[] bad = new int[pooled.shape().size()];
                bad[5] = 64;
                b.write(outside, bad);
                refused(() -> b.maxPool2dBackward(pooled, outside, p2, x), "64", "[0, 64)");
            }
            refused(() -> b.permute(x, new int[] {1, 0, 2}, permuted), "rank 4");
            refused(() -> b.permute(x, new int[] {1, 1, 2, 3}, permuted), "permutation");
            refused(() -> b.permute(x, new int[] {0, 1, 3, 2}, permuted), "[2, 3, 8, 8]", "[3, 2, 8, 8]");
            refused(() -> b.permute(x, new int[] {0, 1, 2, 3}, b.reshape(x, x.shape())), "share memory");
        }
    }

    private static void refused(Executable call, String... mentions) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), "the message should mention '" + m + "': " + e.getMessage());
        }
    }
}
