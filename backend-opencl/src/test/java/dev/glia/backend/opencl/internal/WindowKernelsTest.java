package dev.glia.backend.opencl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.Window2D;
import dev.glia.backend.opencl.OpenClTestSupport;
import dev.glia.backend.opencl.RequiresOpenCl;
import dev.glia.testkit.ReferenceBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code windows.cl} against the float64 reference backend on awkward shapes: odd kernels, strides 2 and 3,
 * asymmetric padding, dilation 2, one channel, batch 1. FLOAT64 must agree bit for bit (each sum runs in the
 * reference's order); FLOAT32 within float rounding. Also: every kernel's program is built once per dtype.
 */
@RequiresOpenCl
class WindowKernelsTest {
    /** {N, C, H, W} and a window; dilated windows are for im2col/col2im only. */
    private record Case(int[] dims, Window2D window) {
        Shape shape() {
            return Shape.of(dims);
        }

        @Override
        public String toString() {
            return shape() + " " + window;
        }
    }

    private static final List<Case> CASES = List.of(
            new Case(new int[] {1, 1, 7, 5}, Window2D.of(3, 3).withStride(2, 2).withPadding(1, 1, 1, 1)),
            new Case(new int[] {2, 3, 9, 8}, Window2D.of(3, 2).withStride(3, 2).withPadding(1, 0, 1, 0)),
            new Case(
                    new int[] {1, 2, 6, 7},
                    Window2D.of(5, 5).withPadding(2, 2, 2, 2).withDilation(2, 2)),
            new Case(
                    new int[] {2, 1, 8, 9},
                    Window2D.of(3, 2).withStride(2, 3).withPadding(0, 3, 1, 2).withDilation(2, 3)),
            new Case(new int[] {2, 1, 5, 5}, Window2D.of(1, 1).withStride(2, 2)),
            new Case(new int[] {3, 2, 4, 6}, Window2D.of(2, 2).withStride(2, 2)),
            new Case(new int[] {1, 1, 1, 1}, Window2D.of(1, 1)),
            new Case(new int[] {2, 2, 8, 5}, Window2D.of(4, 3).withStride(2, 3).withPadding(2, 1, 1, 0)),
            new Case(new int[] {1, 3, 5, 4}, Window2D.of(5, 4)));

    private OpenClBackend device;
    private final ReferenceBackend reference = new ReferenceBackend();
    private final Random random = new Random(13);

    @BeforeEach
    void open() {
        device = OpenClTestSupport.newBackend();
    }

    @AfterEach
    void close() {
        device.close();
        reference.close();
    }

    @Test
    void float64AgreesBitForBitWithTheReference() {
        OpenClTestSupport.assumeFloat64(device);
        for (Case c : CASES) {
            compareWindows(c, DType.FLOAT64);
        }
        comparePermutes(DType.FLOAT64);
    }

    @Test
    void float32AgreesWithTheReferenceWithinRounding() {
        for (Case c : CASES) {
            compareWindows(c, DType.FLOAT32);
        }
        comparePermutes(DType.FLOAT32);
    }

    @Test
    void maxPoolingPropagatesTheFirstNanAndBreaksTiesToTheFirst() {
        double nan = Double.NaN;
        double[] plane = {1, 5, 5, 0, nan, 2, 3, nan, -1, 7, 7, 7};
        Window2D w = Window2D.of(2, 2).withStride(1, 2);
        for (DType dtype : dtypes()) {
            double[][] got = run(Shape.of(1, 1, 3, 4), dtype, w, plane, device);
            double[][] want = run(Shape.of(1, 1, 3, 4), dtype, w, plane, reference);
            assertArrayEquals(want[0], got[0], dtype + " maxima");
            assertArrayEquals(want[1], got[1], dtype + " argmax");
            assertTrue(Double.isNaN(got[0][0]) && got[1][0] == 4, "the NaN at 4 wins window 0: " + got[1][0]);
        }
    }

    @Test
    void eachDtypeIsBuiltOnce() {
        Case c = CASES.get(1);
        for (DType dtype : dtypes()) {
            compareWindows(c, dtype);
            compareWindows(c, dtype);
        }
        assertEquals(dtypes().size(), programsOf(device), "one windows.cl program per dtype");
    }

    private List<DType> dtypes() {
        return device.supports(DType.FLOAT64) ? List.of(DType.FLOAT32, DType.FLOAT64) : List.of(DType.FLOAT32);
    }

    private static int programsOf(OpenClBackend backend) {
        try {
            var field = OpenClBackend.class.getDeclaredField("programs");
            field.setAccessible(true);
            return ((ProgramCache) field.get(backend)).programCount();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** maxPool2d's maxima and argmax of {@code values} on {@code backend}. */
    private static double[][] run(Shape shape, DType dtype, Window2D w, double[] values, Backend backend) {
        Shape out = w.outputShape(shape);
        try (Tensor in = upload(backend, values, shape, dtype);
                Tensor o = backend.allocate(out, dtype);
                Tensor a = backend.allocate(out, DType.INT32)) {
            backend.maxPool2d(in, w, o, a);
            int[] positions = new int[out.size()];
            backend.download(a, positions);
            double[] p = new double[positions.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = positions[i];
            }
            return new double[][] {o.toDoubleArray(), p};
        }
    }

    private void compareWindows(Case c, DType dtype) {
        Window2D w = c.window();
        Shape images = c.shape();
        Shape out = w.outputShape(images);
        Shape columns = Shape.of(images.dim(1) * w.taps(), images.dim(0) * out.dim(2) * out.dim(3));
        double[] x = values(images.size());
        double[] cols = values(columns.size());
        double[] g = values(out.size());
        String what = c + " " + dtype;
        compare(what + " im2col", dtype, columns, (b, t) -> b.im2col(t.get(0), w, t.get(1)), x, images, null, columns);
        compare(
                what + " col2im",
                dtype,
                images,
                (b, t) -> b.col2im(t.get(0), w, t.get(1)),
                cols,
                columns,
                null,
                images);
        boolean pooling = w.undilated()
                && 2 * Math.max(w.padTop(), w.padBottom()) <= w.kernelHeight()
                && 2 * Math.max(w.padLeft(), w.padRight()) <= w.kernelWidth();
        if (!pooling) {
            return;
        }
        compare(what + " maxPool2d", dtype, out, (b, t) -> maxPool(b, t.get(0), w, t.get(1)), x, images, null, out);
        compare(
                what + " maxPool2dBackward",
                dtype,
                images,
                (b, t) -> {
                    try (Tensor o = b.allocate(out, dtype);
                            Tensor a = b.allocate(out, DType.INT32)) {
                        b.maxPool2d(t.get(0), w, o, a);
                        b.maxPool2dBackward(t.get(1), a, w, t.get(2));
                    }
                },
                x,
                images,
                g,
                out,
                null,
                images);
        compare(what + " avgPool2d", dtype, out, (b, t) -> b.avgPool2d(t.get(0), w, t.get(1)), x, images, null, out);
        compare(
                what + " avgPool2dBackward",
                dtype,
                images,
                (b, t) -> b.avgPool2dBackward(t.get(0), w, t.get(1)),
                g,
                out,
                null,
                images);
    }

    private static void maxPool(Backend b, Tensor in, Window2D w, Tensor out) {
        try (Tensor a = b.allocate(out.shape(), DType.INT32)) {
            b.maxPool2d(in, w, out, a);
        }
    }

    private void comparePermutes(DType dtype) {
        int[][] shapes = {{7}, {3, 5}, {4, 2, 3}, {2, 3, 1, 5}, {2, 3, 4, 1, 3}, {3, 1, 2, 5, 2}};
        int[][][] axes = {
            {{0}},
            {{1, 0}, {0, 1}},
            {{1, 0, 2}, {2, 0, 1}, {2, 1, 0}},
            {{0, 2, 3, 1}, {3, 1, 0, 2}},
            {{4, 3, 2, 1, 0}, {1, 0, 3, 4, 2}},
            {{0, 2, 1, 4, 3}}
        };
        for (int s = 0; s < shapes.length; s++) {
            Shape shape = Shape.of(shapes[s]);
            for (int[] a : axes[s]) {
                int[] dims = new int[a.length];
                for (int i = 0; i < a.length; i++) {
                    dims[i] = shape.dim(a[i]);
                }
                compare(
                        shape + " permute " + java.util.Arrays.toString(a) + " " + dtype,
                        dtype,
                        Shape.of(dims),
                        (b, t) -> b.permute(t.get(0), a, t.get(1)),
                        values(shape.size()),
                        shape,
                        null,
                        Shape.of(dims));
            }
        }
    }

    private interface Op {
        void run(Backend backend, List<Tensor> tensors);
    }

    /**
     * Runs {@code op} on both backends over tensors given as (values, shape) pairs, or (null, shape) for an output
     * (filled with garbage first, as ops overwrite), and compares the tensor of shape {@code result}, the last.
     */
    private void compare(String what, DType dtype, Shape result, Op op, Object... valuesAndShapes) {
        double[] want = apply(reference, dtype, op, valuesAndShapes);
        double[] got = apply(device, dtype, op, valuesAndShapes);
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            double tolerance = dtype == DType.FLOAT64 ? 0 : 1e-6 * Math.max(1, Math.abs(want[i]));
            if (!(Math.abs(want[i] - got[i]) <= tolerance)
                    && Double.doubleToLongBits(want[i]) != Double.doubleToLongBits(got[i])) {
                throw new AssertionError(what + ": element " + i + " of " + result + " is " + got[i]
                        + ", the reference says " + want[i]);
            }
        }
    }

    private double[] apply(Backend backend, DType dtype, Op op, Object... valuesAndShapes) {
        List<Tensor> tensors = new ArrayList<>();
        try {
            for (int i = 0; i < valuesAndShapes.length; i += 2) {
                Shape shape = (Shape) valuesAndShapes[i + 1];
                double[] v = (double[]) valuesAndShapes[i];
                tensors.add(upload(backend, v != null ? v : garbage(shape.size()), shape, dtype));
            }
            op.run(backend, tensors);
            return tensors.get(tensors.size() - 1).toDoubleArray();
        } finally {
            tensors.forEach(Tensor::close);
        }
    }

    private static Tensor upload(Backend backend, double[] values, Shape shape, DType dtype) {
        if (dtype == DType.FLOAT64) {
            return backend.upload(values, shape);
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return backend.upload(f, shape);
    }

    /** Values with repeats (ties for max pooling) and both signs. */
    private double[] values(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextInt(5) == 0 ? random.nextInt(3) - 1 : random.nextGaussian();
        }
        return v;
    }

    private static double[] garbage(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, 1e30);
        return v;
    }
}
