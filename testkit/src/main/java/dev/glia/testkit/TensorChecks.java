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
import dev.glia.api.TensorAllocationException;
import dev.glia.api.expr.Expr;
import java.util.SplittableRandom;
import org.junit.jupiter.api.function.Executable;

/** Conformance checks of allocation, transfer, closing and ownership. */
final class TensorChecks {
    static final Shape[] SHAPES = {
        Shape.of(1), Shape.of(17), Shape.of(3, 17), Shape.of(2, 3, 5), Shape.of(1, 2, 3, 4), Shape.of(129, 129)
    };
    private static final float[] SPECIAL = {
        0f,
        -0f,
        1f,
        -1f,
        0.1f,
        Float.MIN_VALUE,
        Float.MIN_NORMAL,
        Float.MAX_VALUE,
        -Float.MAX_VALUE,
        Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY,
        Float.NaN,
        3.1415927f
    };
    private static final Expr X = Expr.input(0);

    private TensorChecks() {}

    /** Values with specials first, then random ones. */
    static float[] floats(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i < SPECIAL.length ? SPECIAL[i] : (float) random.nextDouble(-1e3, 1e3);
        }
        return v;
    }

    static void allocateIsZeroFilled(Backend b, DType dtype) {
        for (Shape s : SHAPES) {
            try (Tensor t = b.allocate(s, dtype)) {
                assertEquals(s, t.shape(), "shape of allocate(" + s + ")");
                assertEquals(dtype, t.dtype(), "dtype of allocate(" + s + ", " + dtype + ")");
                assertSame(b, t.backend(), "a new tensor's backend()");
                assertFalse(t.isClosed(), "a new tensor is open");
                assertArrayEquals(new double[s.size()], t.toDoubleArray(), "allocate(" + s + ", " + dtype + ")");
                assertArrayEquals(new float[s.size()], t.toFloatArray(), "allocate(" + s + ", " + dtype + ")");
                b.write(t, floats(s.size(), 7));
            }
            // memory given back and handed out again must be zeroed again
            try (Tensor t = b.allocate(s, dtype)) {
                assertArrayEquals(
                        new double[s.size()],
                        t.toDoubleArray(),
                        "allocate(" + s + ", " + dtype + ") after a tensor of that shape was written and closed");
            }
        }
    }

    static void floatRoundTrip(Backend b) {
        for (Shape s : SHAPES) {
            float[] data = floats(s.size(), s.size());
            try (Tensor t = b.upload(data, s)) {
                assertEquals(DType.FLOAT32, t.dtype(), "upload(float[]) gives FLOAT32");
                assertEquals(s, t.shape(), "shape of upload(float[], " + s + ")");
                assertArrayEquals(data, t.toFloatArray(), "upload(float[], " + s + ") then toFloatArray()");
                double[] widened = new double[data.length];
                for (int i = 0; i < data.length; i++) {
                    widened[i] = data[i];
                }
                assertArrayEquals(widened, t.toDoubleArray(), "upload(float[], " + s + ") then toDoubleArray()");
                float[] other = floats(s.size(), s.size() + 1L);
                for (int i = 0; i < other.length; i++) {
                    other[i] = -other[i];
                }
                b.write(t, other);
                float[] into = new float[s.size()];
                b.download(t, into);
                assertArrayEquals(other, into, "write(float[]) then download(float[]) on " + s);
                double[] doubles = new double[s.size()];
                float[] rounded = new float[s.size()];
                SplittableRandom random = new SplittableRandom(s.size());
                for (int i = 0; i < doubles.length; i++) {
                    doubles[i] = random.nextDouble(-10, 10);
                    rounded[i] = (float) doubles[i];
                }
                b.write(t, doubles);
                assertArrayEquals(rounded, t.toFloatArray(), "write(double[]) into FLOAT32 rounds to float on " + s);
            }
        }
    }

    static void doubleRoundTrip(Backend b) {
        for (Shape s : SHAPES) {
            SplittableRandom random = new SplittableRandom(s.size());
            double[] data = new double[s.size()];
            float[] narrowed = new float[s.size()];
            for (int i = 0; i < data.length; i++) {
                data[i] = i == 0 ? Math.PI : i == 1 ? 1e-300 : random.nextDouble(-1e6, 1e6);
                narrowed[i] = (float) data[i];
            }
            try (Tensor t = b.upload(data, s)) {
                assertEquals(DType.FLOAT64, t.dtype(), "upload(double[]) gives FLOAT64");
                assertArrayEquals(data, t.toDoubleArray(), "upload(double[], " + s + ") then toDoubleArray()");
                assertArrayEquals(narrowed, t.toFloatArray(), "upload(double[], " + s + ") then toFloatArray()");
                float[] f = floats(s.size(), 3);
                double[] widened = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    widened[i] = f[i];
                }
                b.write(t, f);
                double[] into = new double[s.size()];
                b.download(t, into);
                assertArrayEquals(widened, into, "write(float[]) into FLOAT64 then download(double[]) on " + s);
            }
        }
    }

    static void hostLengthMismatch(Backend b) {
        Shape s = Shape.of(2, 3);
        assertThrows(IllegalArgumentException.class, () -> b.upload(new float[5], s), "upload 5 floats as [2, 3]");
        try (Tensor t = b.allocate(s, DType.FLOAT32)) {
            assertThrows(IllegalArgumentException.class, () -> b.write(t, new float[7]), "write 7 floats into [2, 3]");
            assertThrows(
                    IllegalArgumentException.class, () -> b.write(t, new double[5]), "write 5 doubles into [2, 3]");
            assertThrows(IllegalArgumentException.class, () -> b.download(t, new float[5]), "download [2, 3] into 5");
            assertThrows(IllegalArgumentException.class, () -> b.download(t, new double[7]), "download [2, 3] into 7");
        }
    }

    static void useAfterClose(Backend b) {
        Shape s = Shape.of(3, 3);
        try (Tensor open = b.allocate(s, DType.FLOAT32);
                Tensor open2 = b.allocate(s, DType.FLOAT32);
                Tensor out = b.allocate(Shape.of(3), DType.FLOAT32)) {
            Tensor t = b.upload(new float[9], s);
            Tensor tv = b.allocate(Shape.of(3), DType.FLOAT32);
            t.close();
            tv.close();
            assertTrue(t.isClosed(), "isClosed() after close()");
            assertDoesNotThrow(t::close, "close() is idempotent");
            assertTrue(t.isClosed(), "isClosed() after a second close()");
            assertUseFails("toFloatArray", t::toFloatArray);
            assertUseFails("toDoubleArray", t::toDoubleArray);
            assertUseFails("download", () -> b.download(t, new float[9]));
            assertUseFails("write", () -> b.write(t, new double[9]));
            assertUseFails("elementwise input", () -> b.elementwise(X.exp(), open, t));
            assertUseFails("elementwise output", () -> b.elementwise(X.exp(), t, open));
            assertUseFails("gemm a", () -> b.gemm(false, false, 1, t, open, 0, open2));
            assertUseFails("gemm c", () -> b.gemm(false, false, 1, open, open, 0, t));
            assertUseFails("sum", () -> b.sum(t, 0, out));
            assertUseFails("max", () -> b.max(t, 1, out));
            assertUseFails("argmax", () -> b.argmax(open, 1, tv));
        }
    }

    private static void assertUseFails(String what, Executable use) {
        assertThrows(IllegalStateException.class, use, what + " of a closed tensor must throw IllegalStateException");
    }

    static void ledger(Backend b) {
        long tensors = b.liveTensors();
        long bytes = b.liveBytes();
        Tensor t1 = b.allocate(Shape.of(3, 5), DType.FLOAT32);
        assertEquals(tensors + 1, b.liveTensors(), "liveTensors() after allocate");
        assertTrue(
                b.liveBytes() >= bytes + 60,
                "liveBytes() grows by at least 60 for a [3, 5] FLOAT32 tensor, was " + bytes + " now " + b.liveBytes());
        Tensor t2 = b.upload(new float[129], Shape.of(129));
        assertEquals(tensors + 2, b.liveTensors(), "liveTensors() after upload");
        assertTrue(b.liveBytes() >= bytes + 60 + 516, "liveBytes() after upload of 129 floats");
        t1.close();
        assertEquals(tensors + 1, b.liveTensors(), "liveTensors() after closing one of two");
        t1.close();
        assertEquals(tensors + 1, b.liveTensors(), "a second close() must not count twice");
        t2.close();
        assertEquals(tensors, b.liveTensors(), "liveTensors() back to where it started");
        assertEquals(bytes, b.liveBytes(), "liveBytes() back to where it started");
        if (b.supports(DType.FLOAT64)) {
            Tensor t = b.allocate(Shape.of(4, 4), DType.FLOAT64);
            assertTrue(b.liveBytes() >= bytes + 128, "liveBytes() grows by at least 128 for [4, 4] FLOAT64");
            t.close();
            assertEquals(bytes, b.liveBytes(), "liveBytes() back after closing a FLOAT64 tensor");
        }
    }

    static void closingBackendClosesTensors(Backend fresh) {
        Tensor t1 = fresh.allocate(Shape.of(3, 5), DType.FLOAT32);
        Tensor t2 = fresh.upload(new float[] {1, 2, 3}, Shape.of(3));
        fresh.close();
        assertTrue(t1.isClosed() && t2.isClosed(), "closing the backend closes the tensors it still holds");
        assertEquals(0, fresh.liveTensors(), "liveTensors() after the backend is closed");
        assertEquals(0, fresh.liveBytes(), "liveBytes() after the backend is closed");
        assertDoesNotThrow(fresh::close, "Backend.close() is idempotent");
        assertDoesNotThrow(t1::close, "closing a tensor after its backend is closed is a no-op");
        assertUseFails("toFloatArray after the backend was closed", t2::toFloatArray);
    }

    static void foreignTensorsRejected(Backend b, Backend other, Backend reference) {
        Shape s = Shape.of(3, 3);
        Shape v = Shape.of(3);
        try (Tensor mine = b.allocate(s, DType.FLOAT32);
                Tensor mine2 = b.allocate(s, DType.FLOAT32);
                Tensor vec = b.allocate(v, DType.FLOAT32);
                Tensor theirs = other.allocate(s, DType.FLOAT32);
                Tensor theirsVec = other.allocate(v, DType.FLOAT32);
                Tensor ref = reference.allocate(s, DType.FLOAT32);
                Tensor refVec = reference.allocate(v, DType.FLOAT32)) {
            Tensor[][] pairs = {{theirs, theirsVec}, {ref, refVec}};
            for (Tensor[] pair : pairs) {
                Tensor foreign = pair[0];
                Tensor foreignVec = pair[1];
                String from = " a tensor of another backend instance ("
                        + foreign.backend().name() + ")";
                assertRejects("download of" + from, () -> b.download(foreign, new float[9]));
                assertRejects("write into" + from, () -> b.write(foreign, new float[9]));
                assertRejects("elementwise reading" + from, () -> b.elementwise(X.neg(), mine, foreign));
                assertRejects("elementwise writing" + from, () -> b.elementwise(X.neg(), foreign, mine));
                assertRejects("gemm with" + from, () -> b.gemm(false, false, 1, mine, foreign, 0, mine2));
                assertRejects("gemm into" + from, () -> b.gemm(false, false, 1, mine, mine2, 0, foreign));
                assertRejects("sum of" + from, () -> b.sum(foreign, 0, vec));
                assertRejects("argmax into" + from, () -> b.argmax(mine, 1, foreignVec));
            }
        }
    }

    private static void assertRejects(String what, Executable call) {
        assertThrows(IllegalArgumentException.class, call, what + " must throw IllegalArgumentException");
    }

    static void mixedDTypesRejected(Backend b) {
        try (Tensor f = b.allocate(Shape.of(3, 3), DType.FLOAT32);
                Tensor d = b.allocate(Shape.of(3, 3), DType.FLOAT64);
                Tensor f2 = b.allocate(Shape.of(3, 3), DType.FLOAT32);
                Tensor v = b.allocate(Shape.of(3), DType.FLOAT64)) {
            assertRejects("elementwise with FLOAT32 out and FLOAT64 input", () -> b.elementwise(X.neg(), f, d));
            assertRejects("gemm mixing FLOAT32 and FLOAT64", () -> b.gemm(false, false, 1, f, d, 0, f2));
            assertRejects("sum of FLOAT32 into FLOAT64", () -> b.sum(f, 0, v));
        }
    }

    static void describesItself(Backend b) {
        assertTrue(
                b.name() != null && b.name().matches("[a-z0-9][a-z0-9_-]*"),
                "name() is a short lower-case identifier, was '" + b.name() + "'");
        String d = b.description();
        assertTrue(
                d != null && !d.isBlank() && !d.contains("\n"), "description() is one non-blank line, was '" + d + "'");
        assertTrue(b.supports(DType.FLOAT32), "every backend supports FLOAT32");
    }

    /**
     * A tensor over {@link Backend#maxTensorBytes()} is refused at once with a {@link TensorAllocationException}
     * naming the shape, dtype, bytes and limit, before any memory is touched; the backend stays usable. Returns
     * false when no expressible shape exceeds the limit (nothing to check).
     */
    static boolean refusesTensorsOverItsLimit(Backend b) {
        long limit = b.maxTensorBytes();
        assertTrue(limit > 0, "maxTensorBytes() of backend '" + b.name() + "' must be positive, got " + limit);
        DType dtype = null;
        long elements = 0;
        for (DType d : DType.values()) {
            long n = limit / d.bytes() + 1;
            if (b.supports(d) && n <= Integer.MAX_VALUE - 8) {
                dtype = d;
                elements = n;
                break;
            }
        }
        if (dtype == null) {
            return false;
        }
        long before = b.liveTensors();
        Shape shape = Shape.of((int) elements);
        DType type = dtype;
        TensorAllocationException e = assertThrows(
                TensorAllocationException.class,
                () -> b.allocate(shape, type),
                "allocate(" + shape + ", " + type + ") over maxTensorBytes() = " + limit);
        assertEquals(shape, e.shape(), "the exception's shape");
        assertEquals(type, e.dtype(), "the exception's dtype");
        assertEquals(elements * type.bytes(), e.bytes(), "the exception's bytes");
        assertEquals(limit, e.limit(), "the exception's limit");
        for (String part : new String[] {
            shape.toString(), type.toString(), Long.toString(e.bytes()), Long.toString(limit), b.name()
        }) {
            assertTrue(e.getMessage().contains(part), "the message names " + part + ": " + e.getMessage());
        }
        assertFalse(e.getMessage().contains("\n"), "the message is one line: " + e.getMessage());
        assertTrue(e.getCause() == null, "refused before allocating (no OutOfMemoryError behind it): " + e);
        if (type == DType.FLOAT32 && elements <= Runtime.getRuntime().maxMemory() / 16) {
            float[] data = new float[(int) elements];
            assertThrows(
                    TensorAllocationException.class,
                    () -> b.upload(data, shape).close(),
                    "upload of " + shape + " over maxTensorBytes() = " + limit);
        }
        assertEquals(before, b.liveTensors(), "live tensors after a refused allocation");
        try (Tensor t = b.upload(new float[] {1, 2}, Shape.of(2))) {
            assertArrayEquals(new float[] {1, 2}, t.toFloatArray(), "the backend is usable after a refusal");
        }
        return true;
    }
}
