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
        assertTrue(
                String.valueOf(e.getMessage()).contains(words), () -> "expected '" + words + "' in: " + e.getMessage());
        assertEquals(List.of(), backend.calls, "no raw operation may run for a bad argument");
    }

    @Test
    void allocationArgumentsAreCheckedFirst() {
        rejects(NullPointerException.class, "allocate: shape is null", () -> backend.allocate(null, DType.FLOAT32));
        rejects(NullPointerException.class, "allocate: dtype is null", () -> backend.allocate(Shape.of(2), null));
        rejects(
                TensorAllocationException.class,
                "on the recording backend: the largest tensor it can give is",
                () -> backend.allocate(Shape.of(1000), DType.FLOAT32));
        rejects(TensorAllocationException.class, "record more", () -> backend.upload(new double[300], Shape.of(300)));
        rejects(NullPointerException.class, "upload: data is null", () -> backend.upload((float[]) null, Shape.of(2)));
        rejects(NullPointerException.class, "upload: shape is null", () -> backend.upload(new float[2], null));
        rejects(
                IllegalArgumentException.class,
                "upload: tensor [3] has 3 elements but the array has 2",
                () -> backend.upload(new double[2], Shape.of(3)));
        RecordingBackend single = new RecordingBackend(false);
        UnsupportedOperationException e =
                assertThrows(UnsupportedOperationException.class, () -> single.allocate(Shape.of(2), DType.FLOAT64));
        assertEquals(
                "allocate: the recording backend does not support FLOAT64 (supports(FLOAT64) is false);"
                        + " use FLOAT32 or another backend",
                e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> single.upload(new double[2], Shape.of(2)));
        single.close();
        rejects(
                IllegalStateException.class,
                "allocate: the recording backend was closed; create a new one",
                () -> single.allocate(Shape.of(2), DType.FLOAT32));
        assertEquals(List.of(), single.calls);
    }

    @Test
    void transferArgumentsAreCheckedFirst() {
        rejects(NullPointerException.class, "write: tensor is null", () -> backend.write(null, new float[6]));
        rejects(NullPointerException.class, "write: src is null", () -> backend.write(a23, (double[]) null));
        rejects(
                IllegalArgumentException.class,
                "write: tensor [2, 3] has 6 elements but the array has 5",
                () -> backend.write(a23, new float[5]));
        rejects(
                IllegalArgumentException.class,
                "write: tensor [2, 3] belongs to another instance of the 'recording'",
                () -> backend.write(foreign, new float[6]));
        rejects(IllegalStateException.class, "used after close()", () -> backend.write(closed, new double[6]));
        rejects(NullPointerException.class, "download: dst is null", () -> backend.download(a23, (float[]) null));
        rejects(
                IllegalArgumentException.class,
                "download: tensor [2, 3] has 6 elements but the array has 7",
                () -> backend.download(a23, new double[7]));
        rejects(IllegalStateException.class, "used after close()", () -> backend.download(closed, new float[6]));
        rejects(
                IllegalArgumentException.class,
                "download: tensor [2, 3] belongs to another",
                () -> backend.download(foreign, new double[6]));
    }

    @Test
    void gemmArgumentsAreCheckedFirst() {
        backend.armed = true;
        Tensor vector = backend.upload(new float[3], Shape.of(3));
        Tensor square = backend.allocate(Shape.matrix(3, 3), DType.FLOAT32);
        backend.armed = false;
        backend.calls.clear();
        rejects(
                NullPointerException.class,
                "gemm: tensor is null",
                () -> backend.gemm(false, false, 1, a23, null, 0, c24));
        rejects(
                IllegalArgumentException.class,
                "gemm: every operand must be rank 2",
                () -> backend.gemm(false, false, 1, vector, b34, 0, c24));
        rejects(
                IllegalArgumentException.class,
                "inner sizes equal",
                () -> backend.gemm(false, false, 1, a23, a23, 0, c24));
        rejects(
                IllegalArgumentException.class,
                "so c must be [2, 4]",
                () -> backend.gemm(false, false, 1, a23, b34, 0, wide));
        rejects(
                IllegalArgumentException.class,
                "op(a) is 3x2 (a=[2, 3] transposed)",
                () -> backend.gemm(true, false, 1, a23, b34, 0, c24));
        rejects(
                IllegalArgumentException.class,
                "gemm: c must not be the same tensor as a or b",
                () -> backend.gemm(false, false, 1, square, square, 0, square));
        rejects(
                IllegalArgumentException.class,
                "gemm: all tensors must share one dtype",
                () -> backend.gemm(false, false, 1, d23, b34, 0, c24));
        rejects(
                IllegalStateException.class,
                "used after close()",
                () -> backend.gemm(false, false, 1, closed, b34, 0, c24));
        rejects(
                IllegalArgumentException.class,
                "gemm: tensor [2, 3] belongs to another",
                () -> backend.gemm(false, false, 1, foreign, b34, 0, c24));
    }

    @Test
    void elementwiseArgumentsAreCheckedFirst() {
        rejects(
                NullPointerException.class,
                "elementwise: expr is null",
                () -> backend.elementwise(null, a23, a23, a23));
        rejects(
                NullPointerException.class,
                "elementwise: inputs is null",
                () -> backend.elementwise(SUM, a23, (Tensor[]) null));
        rejects(
                IllegalArgumentException.class,
                "reads 2 inputs but 1 were given",
                () -> backend.elementwise(SUM, a23, a23));
        rejects(
                IllegalArgumentException.class,
                "input 1 has shape [2, 4]",
                () -> backend.elementwise(SUM, a23, a23, c24));
        rejects(
                IllegalArgumentException.class,
                "elementwise: all tensors must share one dtype",
                () -> backend.elementwise(SUM, a23, a23, d23));
        rejects(IllegalStateException.class, "used after close()", () -> backend.elementwise(SUM, a23, closed, a23));
        rejects(
                IllegalArgumentException.class,
                "elementwise: tensor [2, 3] belongs to another",
                () -> backend.elementwise(SUM, a23, a23, foreign));
        rejects(
                NullPointerException.class,
                "elementwise: tensor is null",
                () -> backend.elementwise(SUM, a23, a23, null));
    }

    @Test
    void reductionArgumentsAreCheckedFirst() {
        backend.armed = true;
        Tensor three = backend.allocate(Shape.of(3), DType.FLOAT32);
        Tensor three64 = backend.allocate(Shape.of(3), DType.FLOAT64);
        Tensor one = backend.allocate(Shape.of(1), DType.FLOAT32);
        backend.armed = false;
        backend.calls.clear();
        rejects(
                IllegalArgumentException.class,
                "sum: axis must be 0 (down the columns) or 1 (along the rows), got 2",
                () -> backend.sum(a23, 2, three));
        rejects(IllegalArgumentException.class, "max: axis must be 0", () -> backend.max(a23, -1, three));
        rejects(
                IllegalArgumentException.class,
                "argmax along axis 1 of [2, 3] (matrix 2x3) gives 2 values, but the" + " output [3] holds 3",
                () -> backend.argmax(a23, 1, three));
        rejects(
                IllegalArgumentException.class,
                "sum: the output must not be the input",
                () -> backend.sum(one, 0, one));
        rejects(
                IllegalArgumentException.class,
                "max: all tensors must share one dtype",
                () -> backend.max(a23, 0, three64));
        rejects(IllegalStateException.class, "used after close()", () -> backend.argmax(closed, 0, three));
        rejects(
                IllegalArgumentException.class,
                "sum: tensor [2, 3] belongs to another",
                () -> backend.sum(foreign, 0, three));
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
        assertEquals(
                List.of(
                        "allocate [4, 4] FLOAT32",
                        "gemm m=4 n=4 k=3",
                        "allocate [2, 2] FLOAT32",
                        "gemm m=2 n=2 k=3",
                        "elementwise [FULL, ROW, COLUMN]",
                        "sum axis 1",
                        "argmax axis 0",
                        "write double",
                        "download float"),
                backend.calls);
        assertSame(backend, up.backend());
        assertEquals(11, backend.liveTensors()); // 6 open from setUp, 5 here
    }

    // ----- views and block copies

    @Test
    void reshapeAndCopyBlockArgumentsAreCheckedFirst() {
        rejects(
                IllegalArgumentException.class,
                "reshape: a tensor [2, 3] of 6 elements cannot be viewed as [5] of 5",
                () -> backend.reshape(a23, Shape.of(5)));
        rejects(NullPointerException.class, "reshape: shape is null", () -> backend.reshape(a23, null));
        rejects(IllegalStateException.class, "used after close()", () -> backend.reshape(closed, Shape.of(6)));
        rejects(
                IllegalArgumentException.class,
                "reshape: tensor [2, 3] belongs to another",
                () -> backend.reshape(foreign, Shape.of(6)));
        rejects(
                IllegalArgumentException.class,
                "copyBlock: the block must have at least 1 row and 1 column, got 0x2",
                () -> backend.copyBlock(a23, 0, 0, c24, 0, 0, 0, 2));
        rejects(
                IllegalArgumentException.class,
                "copyBlock: the 1x2 block at row -1, column 0 does not fit in src [2, 3]",
                () -> backend.copyBlock(a23, -1, 0, c24, 0, 0, 1, 2));
        rejects(
                IllegalArgumentException.class,
                "the 2x3 block at row 0, column 2 does not fit in dst [2, 4] (matrix"
                        + " 2x4): it spans rows 0..1 and columns 2..4",
                () -> backend.copyBlock(a23, 0, 0, c24, 0, 2, 2, 3));
        rejects(
                IllegalArgumentException.class,
                "does not fit in src [2, 3]",
                () -> backend.copyBlock(a23, 1, Integer.MAX_VALUE, c24, 0, 0, 1, 2));
        rejects(
                IllegalArgumentException.class,
                "copyBlock: all tensors must share one dtype",
                () -> backend.copyBlock(a23, 0, 0, d23, 0, 0, 1, 1));
        rejects(
                IllegalArgumentException.class,
                "overlaps its destination at row 0, column 1 of dst [2, 3], and both" + " are one memory",
                () -> backend.copyBlock(a23, 0, 0, a23, 0, 1, 2, 2));
        rejects(
                IllegalStateException.class,
                "used after close()",
                () -> backend.copyBlock(a23, 0, 0, closed, 0, 0, 1, 1));
        rejects(
                IllegalArgumentException.class,
                "copyBlock: tensor [2, 3] belongs to another",
                () -> backend.copyBlock(foreign, 0, 0, a23, 0, 0, 1, 1));
        backend.armed = true;
        Tensor flat = backend.reshape(a23, Shape.of(6)); // element (0, 4) of [6] is element (1, 1) of [2, 3]
        Tensor same = backend.reshape(a23, Shape.of(2, 3));
        Tensor column = backend.reshape(a23, Shape.of(6, 1));
        Tensor b33 = backend.allocate(Shape.of(3, 3), DType.FLOAT32);
        backend.calls.clear();
        backend.armed = false;
        rejects(
                IllegalArgumentException.class,
                "and both are one memory",
                () -> backend.copyBlock(a23, 1, 1, flat, 0, 3, 1, 2));
        rejects(
                IllegalArgumentException.class,
                "gemm: c must not be the same tensor as a or b, nor a view",
                () -> backend.gemm(false, false, 1, same, b33, 0, a23));
        rejects(
                IllegalArgumentException.class,
                "sum: the output must not be the input, nor a view",
                () -> backend.sum(column, 1, flat));
        backend.armed = true;
        backend.copyBlock(a23, 0, 0, a23, 1, 0, 1, 3); // the same tensor, blocks apart
        backend.copyBlock(a23, 1, 0, flat, 0, 0, 1, 3); // views of one base, blocks apart
        assertEquals(List.of("copyBlock 1x3 (0, 0) to (1, 0)", "copyBlock 1x3 (1, 0) to (0, 0)"), backend.calls);
    }

    @Test
    void aViewSharesItsBaseMemoryOwnsNoneAndDiesWithItsBase() {
        backend.armed = true;
        RecordingBackend.Fake base = (RecordingBackend.Fake) backend.allocate(Shape.of(2, 3, 2), DType.FLOAT64);
        long tensors = backend.liveTensors();
        long bytes = backend.liveBytes();
        int releases = backend.releases; // the setUp's closed tensor
        RecordingBackend.Fake view = (RecordingBackend.Fake) backend.reshape(base, Shape.of(12));
        RecordingBackend.Fake viewOfView = (RecordingBackend.Fake) backend.reshape(view, Shape.of(4, 3));
        assertEquals(Shape.of(4, 3), viewOfView.shape());
        assertEquals(DType.FLOAT64, viewOfView.dtype());
        assertSame(base, viewOfView.memoryOwner(), "a view of a view has the original base");
        assertSame(base.data, viewOfView.data);
        assertTrue(view.isView() && !base.isView());
        assertEquals(tensors, backend.liveTensors(), "a view is not in the ledger");
        assertEquals(bytes, backend.liveBytes());
        view.close();
        view.close();
        assertTrue(view.isClosed() && !base.isClosed() && !viewOfView.isClosed());
        assertEquals(releases, backend.releases, "closing a view frees nothing");
        assertThrows(IllegalStateException.class, () -> backend.reshape(view, Shape.of(12)));
        backend.reshape(viewOfView, Shape.of(12)).close();
        base.close();
        assertEquals(releases + 1, backend.releases);
        assertTrue(viewOfView.isClosed(), "a view counts as closed once its base is");
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> backend.download(viewOfView, new double[12]));
        assertTrue(e.getMessage().contains("is a view of the tensor [2, 3, 2], which was closed"), e.getMessage());
        viewOfView.close();
        assertEquals(releases + 1, backend.releases, "closing a view after its base frees nothing again");
        assertEquals(tensors - 1, backend.liveTensors());
    }

    // ----- counter-based random numbers

    @Test
    void randomArgumentsAreCheckedFirst() {
        rejects(
                NullPointerException.class,
                "randomUniform: tensor is null",
                () -> backend.randomUniform(null, 1, 0, 0, 1));
        rejects(IllegalStateException.class, "used after close()", () -> backend.randomNormal(closed, 1, 0, 0, 1));
        rejects(
                IllegalArgumentException.class,
                "randomUniform: tensor [2, 3] belongs to another",
                () -> backend.randomUniform(foreign, 1, 0, 0, 1));
        rejects(
                IllegalArgumentException.class,
                "randomUniform: low and high must be finite with low < high, got"
                        + " low=1.0, high=1.0 for tensor [2, 3]",
                () -> backend.randomUniform(a23, 1, 0, 1, 1));
        rejects(IllegalArgumentException.class, "low=2.0, high=1.0", () -> backend.randomUniform(a23, 1, 0, 2, 1));
        rejects(IllegalArgumentException.class, "high=NaN", () -> backend.randomUniform(a23, 1, 0, 0, Double.NaN));
        rejects(
                IllegalArgumentException.class,
                "low=-Infinity",
                () -> backend.randomUniform(a23, 1, 0, Double.NEGATIVE_INFINITY, 0));
        rejects(
                IllegalArgumentException.class,
                "overflows a double",
                () -> backend.randomUniform(d23, 1, 0, -Double.MAX_VALUE, Double.MAX_VALUE));
        rejects(
                IllegalArgumentException.class,
                "randomUniform: high=1.0E39 does not fit the FLOAT32 tensor [2, 3]",
                () -> backend.randomUniform(a23, 1, 0, 0, 1e39));
        rejects(
                IllegalArgumentException.class,
                "randomNormal: mean must be finite and stddev finite and >= 0, got" + " mean=0.0, stddev=-1.0",
                () -> backend.randomNormal(a23, 1, 0, 0, -1));
        rejects(IllegalArgumentException.class, "stddev=NaN", () -> backend.randomNormal(a23, 1, 0, 0, Double.NaN));
        rejects(
                IllegalArgumentException.class,
                "mean=Infinity",
                () -> backend.randomNormal(d23, 1, 0, Double.POSITIVE_INFINITY, 1));
        rejects(
                IllegalArgumentException.class,
                "randomNormal: mean=-1.0E300 does not fit the FLOAT32 tensor",
                () -> backend.randomNormal(a23, 1, 0, -1e300, 1));
        rejects(
                IllegalArgumentException.class,
                "randomNormal: offset must be >= 0, got -1 for tensor [2, 3]",
                () -> backend.randomNormal(a23, 1, -1, 0, 1));
        rejects(
                IllegalArgumentException.class,
                "randomUniform: offset 9223372036854775806 plus the 2 counters tensor"
                        + " [2, 3] uses passes Long.MAX_VALUE",
                () -> backend.randomUniform(a23, 1, Long.MAX_VALUE - 1, 0, 1));
        backend.armed = true;
        backend.randomUniform(a23, -5, Long.MAX_VALUE - 2, -1, 1); // the last range that fits
        backend.randomNormal(d23, 9, 0, 1e300, 0);
        assertEquals(
                List.of(
                        "randomUniform seed -5 offset 9223372036854775805 [-1.0, 1.0]",
                        "randomNormal seed 9 offset 0 N(1.0E300, 0.0)"),
                backend.calls);
    }

    // ----- INT32 tensors, gather and scatterAdd

    @Test
    void int32IsRefusedByEveryArithmeticOperation() {
        backend.armed = true;
        Tensor i23 = backend.upload(new int[6], Shape.matrix(2, 3));
        Tensor i33 = backend.allocate(Shape.matrix(3, 3), DType.INT32);
        Tensor i22 = backend.allocate(Shape.matrix(2, 2), DType.INT32);
        Tensor i3 = backend.allocate(Shape.of(3), DType.INT32);
        backend.armed = false;
        backend.calls.clear();
        rejects(
                IllegalArgumentException.class,
                "gemm: tensor [2, 2] is INT32, but gemm takes FLOAT32 or FLOAT64",
                () -> backend.gemm(false, false, 1, i23, i23, 0, i22));
        rejects(
                IllegalArgumentException.class,
                "elementwise: tensor [2, 3] is INT32, but elementwise takes FLOAT32",
                () -> backend.elementwise(SUM, i23, i23, i23));
        rejects(
                IllegalArgumentException.class,
                "sum: tensor [3, 3] is INT32, but sum takes FLOAT32 or FLOAT64",
                () -> backend.sum(i33, 0, i3));
        rejects(IllegalArgumentException.class, "max: tensor [3, 3] is INT32", () -> backend.max(i33, 1, i3));
        rejects(IllegalArgumentException.class, "argmax: tensor [3, 3] is INT32", () -> backend.argmax(i33, 0, i3));
    }

    @Test
    void int32TransfersConvertExactlyOrRefuse() {
        backend.armed = true;
        Tensor ints = backend.upload(new int[] {7, -3, Integer.MIN_VALUE}, Shape.of(3));
        assertEquals(DType.INT32, ints.dtype());
        backend.write(ints, new double[] {1, -2, Integer.MAX_VALUE});
        int[] back = new int[3];
        backend.download(ints, back);
        assertArrayEquals(new int[] {1, -2, Integer.MAX_VALUE}, back);
        double[] wide = new double[3];
        backend.download(ints, wide);
        assertArrayEquals(new double[] {1, -2, Integer.MAX_VALUE}, wide);
        backend.write(a23, new int[] {1, 2, 3, 4, 5, 16_777_217});
        float[] floats = a23.toFloatArray();
        assertEquals(16_777_216f, floats[5], "rounded to the nearest float");
        backend.armed = false;
        backend.calls.clear();
        rejects(
                IllegalArgumentException.class,
                "write: element [1] of the INT32 transfer for tensor [3] is 2.5, which"
                        + " is not a whole number in the int range",
                () -> backend.write(ints, new double[] {0, 2.5, 1}));
        rejects(IllegalArgumentException.class, "is NaN", () -> backend.write(ints, new float[] {Float.NaN, 0, 0}));
        rejects(
                IllegalArgumentException.class,
                "is 2.147483648E9",
                () -> backend.write(ints, new double[] {0, 0, 0x1p31}));
        rejects(
                IllegalArgumentException.class,
                "is 2.14748365E9",
                () -> backend.write(ints, new float[] {0, 0, 0x1p31f}));
        rejects(NullPointerException.class, "write: src is null", () -> backend.write(ints, (int[]) null));
        rejects(
                IllegalArgumentException.class,
                "upload: tensor [2] has 2 elements but the array has 3",
                () -> backend.upload(new int[3], Shape.of(2)));
        rejects(
                IllegalArgumentException.class,
                "download: tensor [3] has 3 elements but the array has 2",
                () -> backend.download(ints, new int[2]));
        RecordingBackend single = new RecordingBackend(false);
        assertThrows(UnsupportedOperationException.class, () -> single.upload(new int[2], Shape.of(2)));
        single.close();
    }

    @Test
    void gatherAndScatterAddArgumentsAreCheckedFirst() {
        backend.armed = true;
        Tensor table = backend.allocate(Shape.matrix(5, 3), DType.FLOAT32);
        Tensor idx = backend.upload(new int[] {0, 4, 4, 1, 2, 3}, Shape.matrix(2, 3));
        Tensor bad = backend.upload(new int[] {0, 4, 4, 1, 5, 3}, Shape.matrix(2, 3));
        Tensor negative = backend.upload(new int[] {-1}, Shape.of(1));
        Tensor out = backend.allocate(Shape.matrix(6, 3), DType.FLOAT32);
        Tensor out3 = backend.allocate(Shape.of(2, 3, 3), DType.FLOAT32);
        Tensor out64 = backend.allocate(Shape.matrix(6, 3), DType.FLOAT64);
        Tensor floatIdx = backend.allocate(Shape.of(6), DType.FLOAT32);
        Tensor intTable = backend.allocate(Shape.matrix(5, 3), DType.INT32);
        backend.calls.clear();
        backend.gather(table, idx, out);
        backend.gather(table, idx, out3);
        backend.scatterAdd(out3, idx, table);
        assertEquals(
                List.of("download int", "gather", "download int", "gather", "download int", "scatterAdd"),
                backend.calls,
                "the default range check downloads the indices");
        backend.calls.clear();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> backend.gather(table, bad, out));
        assertEquals(
                "gather: indices[1, 1] (element 4) is 5, outside [0, 5): the table [5, 3] has V = 5 rows;"
                        + " nothing was written",
                e.getMessage());
        assertEquals(List.of("download int", "download int"), backend.calls, "no raw gather ran");
        backend.calls.clear();
        e = assertThrows(IllegalArgumentException.class, () -> backend.scatterAdd(out, negative, table));
        assertTrue(e.getMessage().contains("src must be [1, 3]"), e.getMessage());
        Tensor one = backend.allocate(Shape.matrix(1, 3), DType.FLOAT32);
        backend.calls.clear();
        e = assertThrows(IllegalArgumentException.class, () -> backend.scatterAdd(one, negative, table));
        assertEquals(
                "scatterAdd: indices[0] is -1, outside [0, 5): the table [5, 3] has V = 5 rows; nothing was"
                        + " written",
                e.getMessage());
        assertEquals(List.of("download int", "download int"), backend.calls, "no raw gather or scatterAdd ran");
        backend.armed = false;
        backend.calls.clear();
        rejects(
                IllegalArgumentException.class,
                "gather: indices [6] are FLOAT32 but must be INT32",
                () -> backend.gather(table, floatIdx, out));
        rejects(
                IllegalArgumentException.class,
                "gather: the table [5, 3] is INT32, but gather takes FLOAT32 or FLOAT64",
                () -> backend.gather(intTable, idx, out));
        rejects(
                IllegalArgumentException.class,
                "scatterAdd: src [6, 3] is FLOAT64 but the table [5, 3] is FLOAT32",
                () -> backend.scatterAdd(out64, idx, table));
        rejects(
                IllegalArgumentException.class,
                "gather: the table [5, 3] has rows of D = 3 and indices [2, 3] hold"
                        + " n = 6, so out must be [6, 3] or the indices' shape followed by 3; got out [2, 3]",
                () -> backend.gather(table, idx, a23));
        rejects(
                IllegalArgumentException.class,
                "gather: out must not be the table",
                () -> backend.gather(out, idx, out));
        rejects(IllegalStateException.class, "used after close()", () -> backend.gather(closed, idx, out));
        rejects(
                IllegalArgumentException.class,
                "scatterAdd: tensor [2, 3] belongs to another",
                () -> backend.scatterAdd(out, idx, foreign));
        rejects(NullPointerException.class, "gather: tensor is null", () -> backend.gather(table, null, out));
    }

    // ----- axis reductions and per-axis broadcast

    @Test
    void axisBroadcastIsTheLastModeTried() {
        backend.armed = true;
        Tensor out = backend.allocate(Shape.of(2, 3, 5, 7), DType.FLOAT32);
        Tensor channel = backend.allocate(Shape.of(1, 3, 1, 1), DType.FLOAT32);
        Tensor samples = backend.allocate(Shape.of(2, 1, 1, 1), DType.FLOAT32);
        Tensor inner = backend.allocate(Shape.of(1, 1, 5, 7), DType.FLOAT32);
        Tensor gap = backend.allocate(Shape.of(1, 3, 1, 7), DType.FLOAT32);
        Tensor wrong = backend.allocate(Shape.of(1, 4, 1, 1), DType.FLOAT32);
        backend.calls.clear();
        backend.elementwise(SUM.add(Expr.input(2)), out, channel, samples, inner);
        assertEquals(List.of("elementwise [AXIS, COLUMN, AXIS]"), backend.calls);
        assertEquals(35, Broadcast.axisStride(channel.shape(), out.shape()));
        assertEquals(1, Broadcast.axisStride(inner.shape(), out.shape()));
        assertEquals(Broadcast.axisIndex(2 * 105 + 35 * 2 + 4, 35, 3), 2);
        backend.calls.clear();
        rejects(IllegalArgumentException.class, "are not adjacent", () -> backend.elementwise(SUM, out, out, gap));
        rejects(
                IllegalArgumentException.class,
                "axis 1 is 4 where the output has 3",
                () -> backend.elementwise(SUM, out, out, wrong));
    }

    @Test
    void sumToShapeArgumentsAreCheckedFirst() {
        backend.armed = true;
        Tensor in = backend.allocate(Shape.of(2, 3, 5), DType.FLOAT32);
        Tensor perChannel = backend.allocate(Shape.of(1, 3, 1), DType.FLOAT32);
        Tensor wrong = backend.allocate(Shape.of(1, 4, 1), DType.FLOAT32);
        Tensor flat = backend.allocate(Shape.of(3), DType.FLOAT32);
        Tensor wide = backend.allocate(Shape.of(1, 3, 1), DType.FLOAT64);
        backend.calls.clear();
        rejects(
                IllegalArgumentException.class,
                "sumToShape: axis 1 of the output [1, 4, 1] is 4 but must be the input"
                        + " [2, 3, 5]'s 3 (kept) or 1 (summed)",
                () -> backend.sumToShape(in, wrong));
        rejects(
                IllegalArgumentException.class,
                "sumToShape: the output [3] must have the input [2, 3, 5]'s rank 3",
                () -> backend.sumToShape(in, flat));
        rejects(
                IllegalArgumentException.class,
                "sumToShape: the output must not be the input",
                () -> backend.sumToShape(in, in));
        rejects(
                IllegalArgumentException.class,
                "sumToShape: all tensors must share one dtype",
                () -> backend.sumToShape(in, wide));
        rejects(IllegalStateException.class, "used after close()", () -> backend.sumToShape(closed, closed));
        rejects(
                IllegalArgumentException.class,
                "sumToShape: tensor [2, 3] belongs to another",
                () -> backend.sumToShape(foreign, perChannel));
        rejects(NullPointerException.class, "sumToShape: tensor is null", () -> backend.sumToShape(in, null));
        backend.sumToShape(in, perChannel);
        assertEquals(List.of("sumToShape [2, 3, 5] -> [1, 3, 1]"), backend.calls);
    }

    // ----- multi-output element-wise

    @Test
    void multiOutputElementwiseArgumentsAreCheckedFirst() {
        List<Expr> two = List.of(SUM, Expr.input(0));
        rejects(
                NullPointerException.class,
                "elementwise: exprs is null",
                () -> backend.elementwise((List<Expr>) null, List.of(a23), a23));
        rejects(
                NullPointerException.class,
                "elementwise: outs is null",
                () -> backend.elementwise(two, null, a23, a23));
        rejects(
                IllegalArgumentException.class,
                "no expression was given",
                () -> backend.elementwise(List.of(), List.of(), a23));
        rejects(
                IllegalArgumentException.class,
                "2 expressions but 1 outputs were given",
                () -> backend.elementwise(two, List.of(a23), a23, a23));
        rejects(
                IllegalArgumentException.class,
                "output 1 has shape [2, 5] but output 0 has [2, 3]",
                () -> backend.elementwise(two, List.of(a23, wide), a23, a23));
        rejects(
                IllegalArgumentException.class,
                "outputs 0 and 1 are the same tensor",
                () -> backend.elementwise(two, List.of(a23, a23), a23, a23));
        rejects(
                IllegalArgumentException.class,
                "the expressions read 2 inputs but 1 were given",
                () -> backend.elementwise(two, List.of(a23, fresh23()), a23));
        rejects(
                IllegalArgumentException.class,
                "input 1 has shape [2, 4]",
                () -> backend.elementwise(two, List.of(a23, fresh23()), a23, c24));
        rejects(
                IllegalArgumentException.class,
                "elementwise: all tensors must share one dtype",
                () -> backend.elementwise(two, List.of(a23, d23), a23, a23));
        rejects(
                IllegalArgumentException.class,
                "elementwise: all tensors must share one dtype",
                () -> backend.elementwise(two, List.of(a23, fresh23()), a23, d23));
        rejects(
                IllegalStateException.class,
                "used after close()",
                () -> backend.elementwise(two, List.of(a23, closed), a23, a23));
        rejects(
                IllegalArgumentException.class,
                "elementwise: tensor [2, 3] belongs to another",
                () -> backend.elementwise(two, List.of(a23, foreign), a23, a23));
        rejects(
                IllegalArgumentException.class,
                "does not broadcast onto the output [1, 3]",
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
        int releases;

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
        protected void gemmRaw(
                boolean transposeA,
                boolean transposeB,
                double alpha,
                Fake a,
                Fake b,
                double beta,
                Fake c,
                int m,
                int n,
                int k) {
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

        // ----- counter-based random numbers

        @Override
        protected void randomUniformRaw(Fake out, long seed, long offset, double low, double high) {
            ran("randomUniform seed " + seed + " offset " + offset + " [" + low + ", " + high + "]");
        }

        @Override
        protected void randomNormalRaw(Fake out, long seed, long offset, double mean, double stddev) {
            ran("randomNormal seed " + seed + " offset " + offset + " N(" + mean + ", " + stddev + ")");
        }

        @Override
        protected void closeRaw() {
            ledger().closeAll();
        }

        @Override
        protected Fake reshapeRaw(Fake tensor, Shape shape) {
            ran("reshape " + tensor.shape() + " as " + shape);
            return new Fake(tensor, shape);
        }

        @Override
        protected void copyBlockRaw(
                Fake src, int srcRow, int srcColumn, Fake dst, int dstRow, int dstColumn, int rows, int columns) {
            ran("copyBlock " + rows + "x" + columns + " (" + srcRow + ", " + srcColumn + ") to (" + dstRow + ", "
                    + dstColumn + ")");
        }

        /** A tensor holding doubles, whatever its dtype; counts the releases of its backend's tensors. */

        // ----- INT32 tensors, gather and scatterAdd

        @Override
        protected void writeRaw(Fake dst, int[] src) {
            ran("write int");
            for (int i = 0; i < src.length; i++) {
                dst.data[i] = src[i];
            }
        }

        @Override
        protected void downloadRaw(Fake src, int[] dst) {
            ran("download int");
            for (int i = 0; i < dst.length; i++) {
                dst[i] = (int) src.data[i];
            }
        }

        @Override
        protected void gatherRaw(Fake table, Fake indices, Fake out) {
            ran("gather");
        }

        @Override
        protected void scatterAddRaw(Fake src, Fake indices, Fake table) {
            ran("scatterAdd");
        }

        // ----- axis reductions and per-axis broadcast

        @Override
        protected void sumToShapeRaw(Fake in, Fake out) {
            ran("sumToShape " + in.shape() + " -> " + out.shape());
        }

        // ----- multi-output element-wise

        @Override
        protected void elementwiseRaw(List<Expr> exprs, List<Fake> outs, Tensor[] inputs, Broadcast[] modes) {
            ran("elementwise " + exprs.size() + " outputs " + List.of(modes));
        }

        /** A tensor holding doubles, whatever its dtype. */
        static final class Fake extends AbstractTensor {
            final double[] data;
            private final RecordingBackend owner;

            Fake(RecordingBackend owner, Shape shape, DType dtype) {
                super(owner, shape, dtype, owner.ledger());
                this.owner = owner;
                data = new double[shape.size()];
            }

            /** A view of {@code base}, sharing its array. */
            Fake(Fake base, Shape shape) {
                super(base, shape);
                this.owner = base.owner;
                data = base.data;
            }

            @Override
            protected void release() {
                owner.releases++; // nothing to free
            }
        }
    }
}
