package dev.glia.backend.ejml.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.Window2D;
import dev.glia.testkit.ReferenceBackend;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The EJML backend's own im2col, col2im, pooling and permute against the float64 reference backend (its host
 * definition), on awkward shapes: odd kernels, strides 2 and 3, uneven padding, dilation 2, one channel, batch
 * 1, and calls large enough to be split over both threads. Outputs start as NaN, so a missed element shows.
 */
class WindowOpsTest {
    private static final double TOLERANCE = 1e-5;

    private final Backend backend = new EjmlBackend(2);
    private final ReferenceBackend reference = new ReferenceBackend();
    private final Random random = new Random(13);

    @AfterEach
    void close() {
        backend.close();
        reference.close();
    }

    private static final List<Object[]> CONVOLUTIONS = List.of(
            new Object[] {Shape.of(1, 1, 5, 5), Window2D.of(3, 3)},
            new Object[] {Shape.of(2, 3, 7, 6), new Window2D(3, 2, 2, 3, 1, 2, 0, 1, 2, 1)},
            new Object[] {Shape.of(1, 2, 6, 7), Window2D.of(5, 5).withPadding(2, 2, 2, 2)},
            new Object[] {Shape.of(3, 1, 9, 8), new Window2D(2, 3, 3, 2, 1, 0, 1, 1, 2, 2)},
            new Object[] {Shape.of(1, 1, 3, 4), Window2D.of(1, 1).withStride(2, 2)},
            new Object[] {
                Shape.of(2, 2, 4, 4), Window2D.of(3, 3).withPadding(3, 3, 3, 3).withStride(3, 3)
            },
            new Object[] {Shape.of(16, 8, 12, 12), Window2D.of(5, 5)},
            new Object[] {
                Shape.of(4, 3, 11, 13),
                Window2D.of(3, 3).withPadding(1, 1, 1, 1).withStride(2, 2)
            });

    private static final List<Object[]> POOLS = List.of(
            new Object[] {Shape.of(1, 1, 4, 4), Window2D.of(2, 2).withStride(2, 2)},
            new Object[] {
                Shape.of(2, 3, 7, 5), Window2D.of(3, 3).withStride(2, 2).withPadding(1, 1, 1, 1)
            },
            new Object[] {Shape.of(1, 2, 5, 6), new Window2D(3, 2, 1, 2, 1, 1, 0, 1, 1, 1)},
            new Object[] {Shape.of(3, 1, 5, 5), Window2D.of(1, 1).withStride(3, 3)},
            new Object[] {Shape.of(2, 2, 9, 7), Window2D.of(3, 3).withStride(3, 3)},
            new Object[] {Shape.of(16, 8, 24, 24), Window2D.of(2, 2).withStride(2, 2)});

    @Test
    void im2colAndCol2imMatchTheReference() {
        for (Object[] c : CONVOLUTIONS) {
            Shape images = (Shape) c[0];
            Window2D w = (Window2D) c[1];
            Shape out = w.outputShape(images);
            Shape columns = Shape.of(images.dim(1) * w.taps(), images.dim(0) * out.dim(2) * out.dim(3));
            double[] x = gaussian(images.size());
            String what = images + " " + w;
            assertClose(
                    what + " im2col",
                    run(reference, x, images, columns, (b, in, o) -> b.im2col(in, w, o)),
                    run(backend, x, images, columns, (b, in, o) -> b.im2col(in, w, o)));
            double[] g = gaussian(columns.size());
            assertClose(
                    what + " col2im",
                    run(reference, g, columns, images, (b, in, o) -> b.col2im(in, w, o)),
                    run(backend, g, columns, images, (b, in, o) -> b.col2im(in, w, o)));
        }
    }

    @Test
    void poolingMatchesTheReferenceWithTiesSignedZerosInfinitiesAndNaN() {
        for (Object[] c : POOLS) {
            Shape images = (Shape) c[0];
            Window2D w = (Window2D) c[1];
            Shape out = w.outputShape(images);
            double[] x = new double[images.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextInt(5) - 2; // many ties
                int odd = random.nextInt(100);
                if (odd < 2) {
                    x[i] = Double.NaN;
                } else if (odd < 12) {
                    x[i] = -0.0; // ties with 0
                } else if (odd < 14) {
                    x[i] = odd == 12 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                }
            }
            String what = images + " " + w;
            int[] refArg = new int[out.size()];
            double[] refMax = maxPool(reference, x, images, w, refArg);
            int[] arg = new int[out.size()];
            double[] max = maxPool(backend, x, images, w, arg);
            assertArrayEquals(refArg, arg, what + " argmax");
            assertClose(what + " maxPool2d", refMax, max);
            double[] g = gaussian(out.size());
            assertClose(
                    what + " maxPool2dBackward",
                    poolBack(reference, g, refArg, images, w),
                    poolBack(backend, g, refArg, images, w));
            double[] y = gaussian(images.size());
            assertClose(
                    what + " avgPool2d",
                    run(reference, y, images, out, (b, in, o) -> b.avgPool2d(in, w, o)),
                    run(backend, y, images, out, (b, in, o) -> b.avgPool2d(in, w, o)));
            assertClose(
                    what + " avgPool2dBackward",
                    run(reference, g, out, images, (b, in, o) -> b.avgPool2dBackward(in, w, o)),
                    run(backend, g, out, images, (b, in, o) -> b.avgPool2dBackward(in, w, o)));
        }
    }

    @Test
    void permuteMatchesTheReference() {
        Object[][] cases = {
            {Shape.of(3, 4, 5), new int[] {1, 0, 2}},
            {Shape.of(3, 4, 5), new int[] {2, 1, 0}},
            {Shape.of(3, 4, 5), new int[] {0, 2, 1}},
            {Shape.of(7, 9), new int[] {1, 0}},
            {Shape.of(7, 9), new int[] {0, 1}},
            {Shape.of(2, 3, 4, 5, 2), new int[] {3, 0, 4, 2, 1}},
            {Shape.of(2, 3, 4, 5, 2), new int[] {1, 0, 2, 3, 4}},
            {Shape.of(64, 32, 20), new int[] {1, 0, 2}},
            {Shape.of(32, 64, 64), new int[] {1, 0, 2}},
        };
        for (Object[] c : cases) {
            Shape in = (Shape) c[0];
            int[] axes = (int[]) c[1];
            int[] dims = new int[axes.length];
            for (int i = 0; i < axes.length; i++) {
                dims[i] = in.dim(axes[i]);
            }
            double[] x = gaussian(in.size());
            double[] expected = run(reference, x, in, Shape.of(dims), (b, t, o) -> b.permute(t, axes, o));
            double[] actual = run(backend, x, in, Shape.of(dims), (b, t, o) -> b.permute(t, axes, o));
            assertClose(in + " " + Arrays.toString(axes), expected, actual);
        }
    }

    @Test
    void repeatedCallsGiveTheSameBits() {
        Shape images = Shape.of(16, 8, 12, 12);
        Window2D w = Window2D.of(5, 5);
        Shape columns = Shape.of(8 * 25, 16 * 64);
        double[] g = gaussian(columns.size());
        double[] first = run(backend, g, columns, images, (b, in, o) -> b.col2im(in, w, o));
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(first, run(backend, g, columns, images, (b, in, o) -> b.col2im(in, w, o)));
        }
    }

    private interface Op {
        void apply(Backend b, Tensor in, Tensor out);
    }

    private static double[] run(Backend b, double[] x, Shape in, Shape out, Op op) {
        try (Tensor input = upload(b, x, in);
                Tensor output = upload(b, nan(out.size()), out)) {
            op.apply(b, input, output);
            double[] result = new double[out.size()];
            b.download(output, result);
            return result;
        }
    }

    private static double[] maxPool(Backend b, double[] x, Shape in, Window2D w, int[] argmax) {
        Shape out = w.outputShape(in);
        int[] junk = new int[out.size()];
        Arrays.fill(junk, -7);
        try (Tensor input = upload(b, x, in);
                Tensor output = upload(b, nan(out.size()), out);
                Tensor arg = b.upload(junk, out)) {
            b.maxPool2d(input, w, output, arg);
            b.download(arg, argmax);
            double[] result = new double[out.size()];
            b.download(output, result);
            return result;
        }
    }

    private static double[] poolBack(Backend b, double[] g, int[] argmax, Shape in, Window2D w) {
        Shape out = w.outputShape(in);
        try (Tensor grad = upload(b, g, out);
                Tensor arg = b.upload(argmax, out);
                Tensor gradIn = upload(b, nan(in.size()), in)) {
            b.maxPool2dBackward(grad, arg, w, gradIn);
            double[] result = new double[in.size()];
            b.download(gradIn, result);
            return result;
        }
    }

    private static Tensor upload(Backend b, double[] x, Shape shape) {
        if (b instanceof ReferenceBackend || !b.supports(DType.FLOAT64)) {
            float[] f = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                f[i] = (float) x[i];
            }
            return b.upload(f, shape); // the reference computes in double on the same float inputs
        }
        return b.upload(x, shape);
    }

    private static double[] nan(int n) {
        double[] x = new double[n];
        Arrays.fill(x, Double.NaN);
        return x;
    }

    private double[] gaussian(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextGaussian();
        }
        return x;
    }

    private static void assertClose(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (Double.isNaN(e) || Double.isNaN(a)) {
                assertEquals(Double.isNaN(e), Double.isNaN(a), what + " element " + i + ": " + e + " vs " + a);
                continue;
            }
            double tol = TOLERANCE * Math.max(1, Math.abs(e));
            if (Math.abs(e - a) > tol) {
                throw new AssertionError(what + " element " + i + ": expected " + e + ", got " + a);
            }
        }
    }
}
