package dev.glia.api.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.TensorAllocationException;
import dev.glia.api.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link AbstractBackend} rejects every kind of bad argument before a raw operation runs: the recording
 * backend below fails the test from any raw operation while {@link RecordingBackend#armed} is false, and
 * records the arguments of each raw call otherwise, so that the good calls show what the checks hand over.
 */
class AbstractBackendTest {
    private static final Expr SUM = Expr.input(0).add(Expr.input(1));

    private RecordingBackend backend;
    private RecordingBackend other;
    private Tensor a23;
    private Tensor b34;
    private Tensor c24;
    private Tensor row13;
    private Tensor wide;
    private Tensor d23;
    private Tensor closed;
    private Tensor foreign;

    @BeforeEach
    void setUp() {
        backend = new RecordingBackend(true);
        other = new RecordingBackend(true);
        backend.armed = true;
        a23 = backend.allocate(Shape.matrix(2, 3), DType.FLOAT32);
        b34 = backend.allocate(Shape.matrix(3, 4), DType.FLOAT32);
        c24 = backend.allocate(Shape.matrix(2, 4), DType.FLOAT32);
        row13 = backend.allocate(Shape.matrix(1, 3), DType.FLOAT32);
        wide = backend.allocate(Shape.matrix(2, 5), DType.FLOAT32);
        d23 = backend.allocate(Shape.matrix(2, 3), DType.FLOAT64);
        closed = backend.allocate(Shape.matrix(2, 3), DType.FLOAT32);
        closed.close();
        other.armed = true;
        foreign = other.allocate(Shape.matrix(2, 3), DType.FLOAT32);
        backend.armed = false;
        backend.calls.clear();
    }

    @AfterEach
    void tearDown() {
        backend.armed = true;
        backend.close();
        other.close();
    }

    /** Asserts that {@code call} throws {@code type} with a message containing {@code words}, and reached no raw op. */
    private <X extends Throwable> void rejects(Class<X> type, String words, Executable call) {
        X e = assertThrows(type, call);
        assertTrue(String.valueOf(e.getMessage()).contains(words), () -> "expected '" + words + "' in: " + e.getMessage());
        assertEquals(List.of(), backend.calls, "no raw operation may run for a bad argument");
    }

    @Test
    void allocationArgumentsAreCheckedFirst() {
        rejects(NullPointerException.class, "allocate: shape is null", () -> backend.allocate(null, DType.FLOAT32));
        rejects(NullPointerException.class, "allocate: dtype is null", () -> backend.allocate(Shape.of(2), null));
        rejects(TensorAllocationException.class, "on the recording backend: the largest tensor it can give is",
                () -> backend.allocate(Shape.of(1000), DType.FLOAT32));
        rejects(TensorAllocationException.class, "record more", () -> backend.upload(new double[300], Shape.of(300)));
        rejects(NullPointerException.class, "upload: data is null", () -> backend.upload((float[]) null, Shape.of(2)));
        rejects(NullPointerException.class, "upload: shape is null", () -> backend.upload(new float[2], null));
        rejects(IllegalArgumentException.class, "upload: tensor [3] has 3 elements but the array has 2",
                () -> backend.upload(new double[2], Shape.of(3)));
        RecordingBackend single = new RecordingBackend(false);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> single.allocate(Shape.of(2), DType.FLOAT64));
        assertEquals("allocate: the recording backend does not support FLOAT64 (supports(FLOAT64) is false);"
                + " use FLOAT32 or another backend", e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> single.upload(new double[2], Shape.of(2)));
        single.close();
        rejects(IllegalStateException.class, "allocate: the recording backend was closed; create a new one",
                () -> single.allocate(Shape.of(2), DType.FLOAT32));
        assertEquals(List.of(), single.calls);
    }

    @Test
    void transferArgumentsAreCheckedFirst() {
        rejects(NullPointerException.class, "write: tensor is null", () -> backend.write(null, new float[6]));
        rejects(NullPointerException.class, "write: src is null", () -> backend.write(a23, (double[]) null));
        rejects(IllegalArgumentException.class, "write: tensor [2, 3] has 6 elements but the array has 5",
                () -> backend.write(a23, new float[5]));
        rejects(IllegalArgumentException.class, "write: tensor [2, 3] belongs to another instance of the 'recording'",
                () -> backend.write(foreign, new float[6]));
        rejects(IllegalStateException.class, "used after close()", () -> backend.write(closed, new double[6]));
        rejects(NullPointerException.class, "download: dst is null", () -> backend.download(a23, (float[]) null));
        rejects(IllegalArgumentException.class, "download: tensor [2, 3] has 6 elements but the array has 7",
                () -> backend.download(a23, new double[7]));
        rejects(IllegalStateException.class, "used after close()", () -> backend.download(closed, new float[6]));
        rejects(IllegalArgumentException.class, "download: tensor [2, 3] belongs to another",
                () -> backend.download(foreign, new double[6]));
    }

    @Test
    void gemmArgumentsAreCheckedFirst() {
        backend.armed = true;
        Tensor vector = backend.upload(new float[3], Shape.of(3));
        Tensor square = backend.allocate(Shape.matrix(3, 3), DType.FLOAT32);
        backend.armed = false;
        backend.calls.clear();
        rejects(NullPointerException.class, "gemm: tensor is null", () -> backend.gemm(false, false, 1, a23, null, 0, c24));
        rejects(IllegalArgumentException.class, "gemm: every operand must be rank 2",
                () -> backend.gemm(false, false, 1, vector, b34, 0, c24));
        rejects(IllegalArgumentException.class, "inner sizes equal",
                () -> backend.gemm(false, false, 1, a23, a23, 0, c24));
        rejects(IllegalArgumentException.class, "so c must be [2, 4]",
                () -> backend.gemm(false, false, 1, a23, b34, 0, wide));
        rejects(IllegalArgumentException.class, "op(a) is 3x2 (a=[2, 3] transposed)",
                () -> backend.gemm(true, false, 1, a23, b34, 0, c24));
        rejects(IllegalArgumentException.class, "gemm: c must not be the same tensor as a or b",
                () -> backend.gemm(false, false, 1, square, square, 0, square));
        rejects(IllegalArgumentException.class, "gemm: all tensors must share one dtype",
                () -> backend.gemm(false, false, 1, d23, b34, 0, c24));
        rejects(IllegalStateException.class, "used after close()", () -> backend.gemm(false, false, 1, closed, b34, 0, c24));
        rejects(IllegalArgumentException.class, "gemm: tensor [2, 3] belongs to another",
                () -> backend.gemm(false, false, 1, foreign, b34, 0, c24));
    }

    @Test
    void elementwiseArgumentsAreCheckedFirst() {
        rejects(NullPointerException.class, "elementwise: expr is null", () -> backend.elementwise(null, a23, a23, a23));
        rejects(NullPointerException.class, "elementwise: inputs is null",
                () -> backend.elementwise(SUM, a23, (Tensor[]) null));
        rejects(IllegalArgumentException.class, "reads 2 inputs but 1 were given", () -> backend.elementwise(SUM, a23, a23));
        rejects(IllegalArgumentException.class, "input 1 has shape [2, 4]", () -> backend.elementwise(SUM, a23, a23, c24));
        rejects(IllegalArgumentException.class, "elementwise: all tensors must share one dtype",
                () -> backend.elementwise(SUM, a23, a23, d23));
        rejects(IllegalStateException.class, "used after close()", () -> backend.elementwise(SUM, a23, closed, a23));
        rejects(IllegalArgumentException.class, "elementwise: tensor [2, 3] belongs to another",
                () -> backend.elementwise(SUM, a23, a23, foreign));
        rejects(NullPointerException.class, "elementwise: tensor is null", () -> backend.elementwise(SUM, a23, a23, null));
    }

    @Test
    void reductionArgumentsAreCheckedFirst() {
        backend.armed = true;
        Tensor three = backend.allocate(Shape.of(3), DType.FLOAT32);
        Tensor three64 = backend.allocate(Shape.of(3), DType.FLOAT64);
        Tensor one = backend.allocate(Shape.of(1), DType.FLOAT32);
        backend.armed = false;
        backend.calls.clear();
        rejects(IllegalArgumentException.class, "sum: axis must be 0 (down the columns) or 1 (along the rows), got 2",
                () -> backend.sum(a23, 2, three));
        rejects(IllegalArgumentException.class, "max: axis must be 0", () -> backend.max(a23, -1, three));
        rejects(IllegalArgumentException.class, "argmax along axis 1 of [2, 3] (matrix 2x3) gives 2 values, but the"
                + " output [3] holds 3", () -> backend.argmax(a23, 1, three));
        rejects(IllegalArgumentException.class, "sum: the output must not be the input", () -> backend.sum(one, 0, one));
        rejects(IllegalArgumentException.class, "max: all tensors must share one dtype", () -> backend.max(a23, 0, three64));
        rejects(IllegalStateException.class, "used after close()", () -> backend.argmax(closed, 0, three));
        rejects(IllegalArgumentException.class, "sum: tensor [2, 3] belongs to another", () -> backend.sum(foreign, 0, three));
        rejects(NullPointerException.class, "max: tensor is null", () -> backend.max(a23, 0, null));
    }

    @Test
    void goodCallsReachTheRawOperationsWithWhatTheChecksWorkedOut() {
        backend.armed = true;
        Tensor col21 = backend.allocate(Shape.matrix(2, 1), DType.FLOAT32);
        Tensor two = backend.allocate(Shape.of(2), DType.FLOAT32);
        Tensor up = backend.upload(new float[] {1, 2}, Shape.of(2));
        backend.calls.clear();
        backend.gemm(true, false, 1, b34, b34, 0, backend.allocate(Shape.matrix(4, 4), DType.FLOAT32));
        backend.gemm(false, true, 1, a23, a23, 0, backend.allocate(Shape.matrix(2, 2), DType.FLOAT32));
        backend.elementwise(SUM.add(Expr.input(2)), a23, a23, row13, col21);
        backend.sum(a23, 1, two);
        backend.argmax(a23, 0, row13);
        backend.write(up, new double[] {3, 4});
        float[] back = new float[2];
        backend.download(up, back);
        assertArrayEquals(new float[] {3, 4}, back);
        assertEquals(List.of("allocate [4, 4] FLOAT32", "gemm m=4 n=4 k=3", "allocate [2, 2] FLOAT32",
                "gemm m=2 n=2 k=3", "elementwise [FULL, ROW, COLUMN]", "sum axis 1", "argmax axis 0", "write double",
                "download float"), backend.calls);
        assertSame(backend, up.backend());
        assertEquals(11, backend.liveTensors()); // 6 open from setUp, 5 here
    }

    // ----- multi-output element-wise (issue 12, item 3c)

    @Test
    void multiOutputElementwiseArgumentsAreCheckedFirst() {
        List<Expr> two = List.of(SUM, Expr.input(0));
        rejects(NullPointerException.class, "elementwise: exprs is null",
                () -> backend.elementwise((List<Expr>) null, List.of(a23), a23));
        rejects(NullPointerException.class, "elementwise: outs is null", () -> backend.elementwise(two, null, a23, a23));
        rejects(IllegalArgumentException.class, "no expression was given",
                () -> backend.elementwise(List.of(), List.of(), a23));
        rejects(IllegalArgumentException.class, "2 expressions but 1 outputs were given",
                () -> backend.elementwise(two, List.of(a23), a23, a23));
        rejects(IllegalArgumentException.class, "output 1 has shape [2, 5] but output 0 has [2, 3]",
                () -> backend.elementwise(two, List.of(a23, wide), a23, a23));
        rejects(IllegalArgumentException.class, "outputs 0 and 1 are the same tensor",
                () -> backend.elementwise(two, List.of(a23, a23), a23, a23));
        rejects(IllegalArgumentException.class, "the expressions read 2 inputs but 1 were given",
                () -> backend.elementwise(two, List.of(a23, fresh23()), a23));
        rejects(IllegalArgumentException.class, "input 1 has shape [2, 4]",
                () -> backend.elementwise(two, List.of(a23, fresh23()), a23, c24));
        rejects(IllegalArgumentException.class, "elementwise: all tensors must share one dtype",
                () -> backend.elementwise(two, List.of(a23, d23), a23, a23));
        rejects(IllegalArgumentException.class, "elementwise: all tensors must share one dtype",
                () -> backend.elementwise(two, List.of(a23, fresh23()), a23, d23));
        rejects(IllegalStateException.class, "used after close()",
                () -> backend.elementwise(two, List.of(a23, closed), a23, a23));
        rejects(IllegalArgumentException.class, "elementwise: tensor [2, 3] belongs to another",
                () -> backend.elementwise(two, List.of(a23, foreign), a23, a23));
        rejects(IllegalArgumentException.class, "does not broadcast onto the output [1, 3]",
                () -> backend.elementwise(List.of(Expr.input(0)), List.of(row13), a23));
        backend.armed = true;
        backend.elementwise(two, List.of(a23, fresh23()), a23, row13); // in place: output 0 is input 0
        assertEquals(List.of("allocate [2, 3] FLOAT32", "elementwise 2 outputs [FULL, ROW]"), backend.calls);
    }

    /** A new open 2×3 FLOAT32 tensor, allocated while the backend is armed. */
    private Tensor fresh23() {
        boolean was = backend.armed;
        backend.armed = true;
        Tensor t = backend.allocate(Shape.matrix(2, 3), DType.FLOAT32);
        backend.armed = was;
        if (!was) {
            backend.calls.clear();
        }
        return t;
    }

    /** A backend whose raw operations fail the test unless armed, and record what they were given. */
    private static final class RecordingBackend extends AbstractBackend<RecordingBackend.Fake> {
        final boolean fp64;
        final List<String> calls = new ArrayList<>();
        boolean armed;

        RecordingBackend(boolean fp64) {
            super(Fake.class);
            this.fp64 = fp64;
        }

        private void ran(String call) {
            if (!armed) {
                throw new AssertionError("raw operation ran before the checks rejected its arguments: " + call);
            }
            calls.add(call);
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public String description() {
            return "records raw calls (test)";
        }

        @Override
        public boolean supports(DType dtype) {
            return dtype == DType.FLOAT32 || fp64;
        }

        /** 2 KiB: room for the test's tensors, too small for 1000 floats. */
        @Override
        public long maxTensorBytes() {
            return 2048;
        }

        @Override
        protected String memoryAdvice() {
            return "record more";
        }

        @Override
        protected Fake allocateRaw(Shape shape, DType dtype) {
            ran("allocate " + shape + " " + dtype);
            return new Fake(this, shape, dtype);
        }

        @Override
        protected Fake uploadRaw(float[] data, Shape shape) {
            ran("upload float");
            Fake t = new Fake(this, shape, DType.FLOAT32);
            for (int i = 0; i < data.length; i++) {
                t.data[i] = data[i];
            }
            return t;
        }

        @Override
        protected Fake uploadRaw(double[] data, Shape shape) {
            ran("upload double");
            return new Fake(this, shape, DType.FLOAT64);
        }

        @Override
        protected void writeRaw(Fake dst, float[] src) {
            ran("write float");
        }

        @Override
        protected void writeRaw(Fake dst, double[] src) {
            ran("write double");
            for (int i = 0; i < src.length; i++) {
                dst.data[i] = src[i];
            }
        }

        @Override
        protected void downloadRaw(Fake src, float[] dst) {
            ran("download float");
            for (int i = 0; i < dst.length; i++) {
                dst[i] = (float) src.data[i];
            }
        }

        @Override
        protected void downloadRaw(Fake src, double[] dst) {
            ran("download double");
        }

        @Override
        protected void gemmRaw(boolean transposeA, boolean transposeB, double alpha, Fake a, Fake b, double beta,
                Fake c, int m, int n, int k) {
            ran("gemm m=" + m + " n=" + n + " k=" + k);
        }

        @Override
        protected void elementwiseRaw(Expr expr, Fake out, Tensor[] inputs, Broadcast[] modes) {
            ran("elementwise " + List.of(modes));
        }

        @Override
        protected void sumRaw(Fake in, int axis, Fake out) {
            ran("sum axis " + axis);
        }

        @Override
        protected void maxRaw(Fake in, int axis, Fake out) {
            ran("max axis " + axis);
        }

        @Override
        protected void argmaxRaw(Fake in, int axis, Fake out) {
            ran("argmax axis " + axis);
        }

        @Override
        protected void closeRaw() {
            ledger().closeAll();
        }

        // ----- multi-output element-wise (issue 12, item 3c)

        @Override
        protected void elementwiseRaw(List<Expr> exprs, List<Fake> outs, Tensor[] inputs, Broadcast[] modes) {
            ran("elementwise " + exprs.size() + " outputs " + List.of(modes));
        }

        /** A tensor holding doubles, whatever its dtype. */
        static final class Fake extends AbstractTensor {
            final double[] data;

            Fake(RecordingBackend owner, Shape shape, DType dtype) {
                super(owner, shape, dtype, owner.ledger());
                data = new double[shape.size()];
            }

            @Override
            protected void release() {
                // nothing to free
            }
        }
    }
}
