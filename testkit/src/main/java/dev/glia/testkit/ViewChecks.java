package dev.glia.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * Conformance checks of {@link Backend#reshape}: a view shows its base's elements in the same order, writes
 * through either are seen by both, every operation takes a view as it takes a tensor of that shape, a view is not
 * in the ledger, closing it frees nothing, and it dies with its base.
 */
final class ViewChecks {
    /** Pairs {from, to} of one size: rank up and down, dimensions of 1, primes, more than 128, batch 1, no change. */
    static final Shape[][] PAIRS = {
        {Shape.of(1), Shape.of(1, 1, 1, 1)},
        {Shape.of(17), Shape.of(1, 17)},
        {Shape.of(3, 17), Shape.of(51)},
        {Shape.of(2, 3, 5), Shape.of(5, 6)},
        {Shape.of(1, 2, 3, 4), Shape.of(4, 3, 2, 1)},
        {Shape.of(1, 7, 13), Shape.of(1, 91)},
        {Shape.of(131, 129), Shape.of(129, 131)},
        {Shape.of(6, 4), Shape.of(6, 4)}
    };

    private static final Expr X = Expr.input(0);
    /** What runs through the view: an affine map, so the reference result is known to the last bit in float64. */
    private static final Expr AFFINE = X.mul(2).add(1);

    private ViewChecks() {}

    /** One test per pair: identity of the elements, writes both ways, element-wise, sum and gemm through views. */
    static Stream<DynamicTest> all(Harness h, DType dtype, double tol, long seed) {
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < PAIRS.length; i++) {
            Shape from = PAIRS[i][0];
            Shape to = PAIRS[i][1];
            long s = seed + i;
            tests.add(
                    DynamicTest.dynamicTest(dtype + " " + from + " as " + to, () -> check(h, dtype, tol, from, to, s)));
        }
        return tests.stream();
    }

    private static void check(Harness h, DType dtype, double tol, Shape from, Shape to, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = Harness.round(dtype, Domain.ANY.draw(random, from.size()));
        double[] y = Harness.round(dtype, Domain.ANY.draw(random, from.size()));
        String what = "reshape " + from + " as " + to + " " + dtype + " (seed " + seed + ") on " + h.name();
        double[][] result = h.both(b -> observe(b, dtype, from, to, x, y, what));
        int n = from.size();
        int rows = to.rows();
        int cols = to.columns();
        double[] scale = new double[result[0].length];
        java.util.Arrays.fill(scale, 0, n, 1);
        for (int r = 0; r < rows; r++) { // |sum| terms of the column sums, then of the row sums, then of gemm
            for (int c = 0; c < cols; c++) {
                double v = Math.abs(2 * y[r * cols + c] + 1);
                scale[n + c] += v;
                scale[n + cols + r] += v;
            }
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < rows; j++) {
                double s = 0;
                for (int c = 0; c < cols; c++) {
                    s += Math.abs((2 * y[i * cols + c] + 1) * (2 * y[j * cols + c] + 1));
                }
                scale[n + cols + rows + i * rows + j] = s;
            }
        }
        Approx.assertClose(
                what + ": the base after writes through views, column and row sums and gemm of the view",
                Shape.of(result[0].length),
                result[0],
                result[1],
                scale,
                tol);
    }

    /**
     * On one backend: checks the exact properties of a view, then returns the base after {@code 2 y + 1} was
     * computed through the view, followed by the view's column sums, row sums and {@code view · viewᵀ}.
     */
    @SuppressWarnings("try") // closes views on purpose to check what closing a view does
    private static double[] observe(Backend b, DType dtype, Shape from, Shape to, double[] x, double[] y, String what) {
        long tensors = b.liveTensors();
        long bytes = b.liveBytes();
        int rows = to.rows();
        int cols = to.columns();
        try (Tensor base = Harness.upload(b, x, from, dtype);
                Tensor view = b.reshape(base, to);
                Tensor back = b.reshape(view, from);
                Tensor colSums = b.allocate(Shape.of(cols), dtype);
                Tensor rowSums = b.allocate(Shape.of(rows, 1), dtype);
                Tensor product = b.allocate(Shape.matrix(rows, rows), dtype)) {
            assertEquals(to, view.shape(), what + ": the view's shape");
            assertEquals(dtype, view.dtype(), what + ": the view's dtype");
            assertSame(base.backend(), view.backend(), what + ": the view's backend");
            assertFalse(view.isClosed(), what + ": a new view is open");
            assertEquals(tensors + 4, b.liveTensors(), what + ": views are not in the ledger");
            assertEquals(
                    bytes + (long) dtype.bytes() * (from.size() + cols + rows + rows * rows),
                    b.liveBytes(),
                    what + ": views hold no bytes in the ledger");
            assertArrayEquals(x, view.toDoubleArray(), what + ": the view reads the base's elements in order");
            b.write(view, y);
            assertArrayEquals(y, base.toDoubleArray(), what + ": a write through the view shows in the base");
            assertArrayEquals(y, back.toDoubleArray(), what + ": and in a view of the view");
            b.write(base, x);
            assertArrayEquals(x, view.toDoubleArray(), what + ": a write to the base shows in the view");
            b.write(back, y);
            b.elementwise(AFFINE, view, view);
            b.sum(view, 0, colSums);
            b.sum(view, 1, rowSums);
            Tensor matrix = b.reshape(view, Shape.matrix(rows, cols));
            b.gemm(false, true, 1, matrix, matrix, 0, product);
            matrix.close();
            view.close();
            assertTrue(view.isClosed(), what + ": a closed view");
            assertFalse(base.isClosed(), what + ": closing a view leaves its base open");
            double[] out = new double[from.size() + cols + rows + rows * rows];
            System.arraycopy(back.toDoubleArray(), 0, out, 0, from.size());
            System.arraycopy(colSums.toDoubleArray(), 0, out, from.size(), cols);
            System.arraycopy(rowSums.toDoubleArray(), 0, out, from.size() + cols, rows);
            System.arraycopy(product.toDoubleArray(), 0, out, from.size() + cols + rows, rows * rows);
            return out;
        }
    }

    /** A view owns no memory: not in the ledger, its close frees nothing, and it dies with its base. */
    static void lifetime(Backend b) {
        long tensors = b.liveTensors();
        long bytes = b.liveBytes();
        float[] data = TensorChecks.floats(24, 3);
        Tensor base = b.upload(data, Shape.of(2, 3, 4));
        Tensor other = b.allocate(Shape.of(6, 4), DType.FLOAT32);
        Tensor square = b.allocate(Shape.of(4, 4), DType.FLOAT32);
        try {
            for (int i = 0; i < 50; i++) { // views made and closed many times free nothing, once or twice
                Tensor v = b.reshape(base, Shape.of(6, 4));
                v.close();
                v.close();
                assertTrue(v.isClosed(), "a closed view");
            }
            Tensor view = b.reshape(base, Shape.of(6, 4));
            Tensor flat = b.reshape(view, Shape.of(24));
            Tensor wide = b.reshape(flat, Shape.of(4, 6));
            assertEquals(tensors + 3, b.liveTensors(), "views are not counted by liveTensors()");
            assertEquals(bytes + 4L * (24 + 24 + 16), b.liveBytes(), "views are not counted by liveBytes()");
            view.close();
            assertFalse(base.isClosed() || flat.isClosed(), "closing a view closes neither its base nor other views");
            assertUseFails("a closed view", view::toFloatArray);
            assertArrayEquals(data, base.toFloatArray(), "closing views leaves the base's elements");
            assertArrayEquals(data, flat.toFloatArray(), "and another view of it readable");
            base.close();
            assertEquals(tensors + 2, b.liveTensors(), "closing the base takes it out of the ledger");
            assertEquals(bytes + 4L * (24 + 16), b.liveBytes());
            assertTrue(flat.isClosed() && wide.isClosed(), "a view counts as closed once its base is");
            assertUseFails("toFloatArray", flat::toFloatArray);
            assertUseFails("download", () -> b.download(flat, new double[24]));
            assertUseFails("write", () -> b.write(flat, new float[24]));
            assertUseFails("reshape", () -> b.reshape(flat, Shape.of(4, 6)));
            assertUseFails("elementwise input", () -> b.elementwise(X.neg(), other, other, flat));
            assertUseFails("elementwise output", () -> b.elementwise(X.neg(), flat, flat));
            assertUseFails("gemm", () -> b.gemm(false, false, 1, wide, other, 0, square));
            assertUseFails("gemm into", () -> b.gemm(true, false, 1, other, other, 0, wide));
            assertUseFails("sum", () -> b.sum(flat, 1, square));
            assertUseFails("argmax into", () -> b.argmax(square, 0, wide));
            assertUseFails("copyBlock from", () -> b.copyBlock(flat, 0, 0, other, 0, 0, 1, 4));
            assertUseFails("copyBlock into", () -> b.copyBlock(other, 0, 0, flat, 0, 0, 1, 4));
            assertDoesNotThrow(flat::close, "closing a view after its base");
            assertEquals(tensors + 2, b.liveTensors(), "closing a view after its base changes nothing");
            assertEquals(bytes + 4L * (24 + 16), b.liveBytes());
        } finally {
            base.close();
            other.close();
            square.close();
        }
    }

    /** Closing the backend closes the views of its tensors too. */
    static void closingBackendClosesViews(Backend fresh) {
        Tensor base = fresh.upload(new float[] {1, 2, 3, 4, 5, 6}, Shape.of(2, 3));
        Tensor view = fresh.reshape(base, Shape.of(3, 2));
        fresh.close();
        assertTrue(base.isClosed() && view.isClosed(), "a view is closed with its backend");
        assertUseFails("toFloatArray", view::toFloatArray);
        assertDoesNotThrow(view::close, "closing a view after its backend");
    }

    /** Wrong sizes, foreign and closed tensors, and c of a gemm sharing a's memory are refused with clear messages. */
    static void refusals(Backend b, Backend other, Backend reference) {
        try (Tensor t = b.allocate(Shape.of(3, 4), DType.FLOAT32);
                Tensor theirs = other.allocate(Shape.of(3, 4), DType.FLOAT32);
                Tensor ref = reference.allocate(Shape.of(3, 4), DType.FLOAT32);
                Tensor square = b.allocate(Shape.of(4, 4), DType.FLOAT32)) {
            IllegalArgumentException size = assertThrows(
                    IllegalArgumentException.class,
                    () -> b.reshape(t, Shape.of(5, 2)),
                    "reshape of [3, 4] as [5, 2] must fail");
            assertContains(size, "reshape", "[3, 4]", "12", "[5, 2]", "10");
            assertContains(assertThrows(IllegalArgumentException.class, () -> b.reshape(t, Shape.of(13))), "[13]");
            assertThrows(NullPointerException.class, () -> b.reshape(t, null), "reshape to a null shape");
            assertContains(
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> b.reshape(theirs, Shape.of(12)),
                            "reshape of another backend instance's tensor"),
                    "reshape",
                    "[3, 4]");
            assertThrows(
                    IllegalArgumentException.class,
                    () -> b.reshape(ref, Shape.of(12)),
                    "reshape of the reference's tensor");
            Tensor closed = b.allocate(Shape.of(2), DType.FLOAT32);
            closed.close();
            assertUseFails("reshape of a closed tensor", () -> b.reshape(closed, Shape.of(2, 1)));
            try (Tensor view = b.reshape(square, Shape.of(4, 4))) {
                assertThrows(
                        IllegalArgumentException.class,
                        () -> b.gemm(false, false, 1, view, square, 0, square),
                        "gemm whose c is a view of a");
                assertThrows(
                        IllegalArgumentException.class,
                        () -> b.gemm(false, false, 1, square, square, 0, view),
                        "gemm into a view of a and b");
            }
            assertEquals(0, square.toFloatArray()[0], "nothing ran for a refused gemm");
        }
    }

    private static void assertUseFails(String what, Executable use) {
        assertThrows(IllegalStateException.class, use, what + " of a view whose base (or itself) was closed");
    }

    private static void assertContains(Exception e, String... words) {
        String message = String.valueOf(e.getMessage());
        for (String w : words) {
            assertTrue(message.contains(w), () -> "The message should contain '" + w + "': " + message);
        }
    }
}
