package dev.glia.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The backend conformance kit (TCK): every {@link Backend} module runs this suite against itself by
 * subclassing it in its tests. Each check runs the same operation on the backend under test and on the
 * {@link ReferenceBackend}, over the same seeded random data ({@link java.util.SplittableRandom}, fixed
 * seeds, so a failure reproduces), and reports the first mismatching element with its index, both
 * values and the shapes.
 *
 * <pre>{@code
 * class EjmlConformanceTest extends BackendConformanceTest {
 *     protected Backend createBackend() { return new EjmlBackend(); }
 *     protected List<Activation> activations() { return Activations.builtIns(); }
 * }
 * }</pre>
 *
 * <p>What is checked: allocation (zero-filled), upload/download/write round trips, closing and
 * use-after-close, the live-memory ledger, ownership and dtype checks, the refusal of a tensor over
 * {@link Backend#maxTensorBytes()}; {@code gemm} for every
 * transpose combination over all (m, k, n) drawn from {1, 3, 17, 129} with several alpha/beta
 * (beta 0 ignoring a NaN-filled c); every element-wise primitive with row, column and scalar
 * broadcasting, fused expressions and in-place outputs; {@code sum}, {@code max} and {@code argmax}
 * along both axes of awkward shapes, with ties and NaN; every activation of {@link #activations()}, forward
 * and backward; reshape views and their lifetime, strided block copies; element-wise calls with several
 * outputs; Philox random fills (uniform bit for bit); {@code sumToShape} over every subset of axes and the
 * per-axis broadcast; INT32 transfers, {@code gather} and {@code scatterAdd} with repeated and out-of-range
 * indices; and the refusal of every bad argument. FLOAT64 variants run when the backend supports it and
 * are skipped (as assumptions) otherwise. After each test the backend must hold no more tensors than
 * before it: every check closes what it allocates, so anything left is a leak in the backend.
 *
 * <p><b>Tolerances.</b> An element matches when both are NaN, when they are equal, or when
 * {@code |actual - expected| <= tol * max(|expected|, scale)}. The scale is 1 for element-wise results
 * and activations (values below 1 are compared absolutely) and, for {@code gemm} and {@code sum}, the
 * sum of the absolute values of the terms ({@code |alpha| |op(a)| |op(b)| + |beta| |c|}), because
 * rounding errors of a float32 dot product grow with that and not with the result, which may cancel
 * to near zero. {@code max} and {@code argmax} must match exactly.
 *
 * <p>Each backend is created by {@link #createBackend()} once per test and closed after it; a new
 * {@link ReferenceBackend} likewise. A subclass may skip a check it deliberately does not support by
 * overriding the method without an annotation, which should be rare and commented.
 */
public abstract class BackendConformanceTest {
    /** The base of every random seed. */
    protected static final long SEED = 0x611A_2024L;

    private Backend backend;
    private ReferenceBackend reference;
    private Harness harness;
    private long baselineTensors;

    /** Subclasses supply their backend through {@link #createBackend()}. */
    protected BackendConformanceTest() {}

    /** A new instance of the backend under test; called once per test (and again where a test needs two). */
    protected abstract Backend createBackend();

    /** The activations to check forward and backward, e.g. the core's built-ins. None by default. */
    protected List<Activation> activations() {
        return List.of();
    }

    /**
     * The FLOAT32 tolerance of {@code gemm}, element-wise primitives and {@code sum}, relative to
     * {@code max(|expected|, scale)} (see the class description). Default {@code 1e-5}: about 80
     * float32 ulps, well above a correct kernel's rounding (a few ulps per primitive, and
     * {@code k * 2^-24 = 7.7e-6} worst case for a k = 129 dot product) and far below any real mistake.
     */
    protected double tolerance() {
        return 1e-5;
    }

    /** The FLOAT64 tolerance of the same checks. Default {@code 1e-10}. */
    protected double tolerance64() {
        return 1e-10;
    }

    /**
     * The FLOAT32 tolerance of activations, relative to {@code max(|expected|, 1)}. Default
     * {@code 10 * tolerance()} ({@code 1e-4}): an activation chains several float32 primitives and
     * its backward pass receives each backend's own {@code y}, so errors compound a little. Inputs
     * are uniform in [-3, 3], where every usual activation is well conditioned.
     */
    protected double activationTolerance() {
        return 10 * tolerance();
    }

    /** The backend under test, open during each test. */
    protected final Backend backend() {
        return backend;
    }

    /** The reference backend every result is compared with, open during each test. */
    protected final ReferenceBackend reference() {
        return reference;
    }

    /** Creates the backend under test and the reference. */
    @BeforeEach
    protected final void openBackends() {
        backend = createBackend();
        reference = new ReferenceBackend();
        harness = new Harness(backend, reference);
        baselineTensors = backend.liveTensors();
    }

    /** Checks that the test left no tensors behind, then closes both backends. */
    @AfterEach
    protected final void closeBackends() {
        try {
            assertEquals(
                    baselineTensors,
                    backend.liveTensors(),
                    "backend '" + backend.name() + "' holds more live tensors after the test than before it: a leak");
        } finally {
            backend.close();
            reference.close();
        }
    }

    private boolean supports64() {
        return backend.supports(DType.FLOAT64);
    }

    private void assume64() {
        Assumptions.assumeTrue(supports64(), () -> "backend '" + backend.name() + "' does not support FLOAT64");
    }

    // ----- tensors

    /** {@code name()}, {@code description()} and FLOAT32 support. */
    @Test
    public void describesItself() {
        TensorChecks.describesItself(backend);
    }

    /** A new tensor is all zeros, also when its memory was used before; shape, dtype and owner are right. */
    @Test
    public void allocateIsZeroFilled() {
        TensorChecks.allocateIsZeroFilled(backend, DType.FLOAT32);
        if (supports64()) {
            TensorChecks.allocateIsZeroFilled(backend, DType.FLOAT64);
        }
    }

    /** upload(float[]), write, download and toFloatArray/toDoubleArray give back exactly what went in. */
    @Test
    public void floatRoundTrip() {
        TensorChecks.floatRoundTrip(backend);
    }

    /** The same for FLOAT64 tensors and double arrays. */
    @Test
    public void doubleRoundTrip() {
        assume64();
        TensorChecks.doubleRoundTrip(backend);
    }

    /** Host arrays of the wrong length are rejected. */
    @Test
    public void hostArrayLengthMismatchThrows() {
        TensorChecks.hostLengthMismatch(backend);
    }

    /** Every use of a closed tensor throws IllegalStateException; close() is idempotent. */
    @Test
    public void useAfterCloseThrowsAndCloseIsIdempotent() {
        TensorChecks.useAfterClose(backend);
    }

    /** liveTensors() and liveBytes() rise on allocate and upload and fall back on close. */
    @Test
    public void liveTensorsAndBytesFollowAllocateAndClose() {
        TensorChecks.ledger(backend);
    }

    /**
     * A tensor over {@link Backend#maxTensorBytes()} fails at once with a {@link dev.glia.api.TensorAllocationException}
     * naming its shape, dtype, bytes and the limit, never an {@link OutOfMemoryError}; the backend stays usable.
     */
    @Test
    public void tensorsOverMaxTensorBytesAreRefused() {
        Assumptions.assumeTrue(
                TensorChecks.refusesTensorsOverItsLimit(backend),
                () -> "backend '" + backend.name() + "' caps tensors at " + backend.maxTensorBytes()
                        + " bytes, more than any shape holds");
    }

    /** Closing a backend closes every tensor it still holds; closing it again is harmless. */
    @Test
    public void closingTheBackendClosesItsTensors() {
        Backend fresh = createBackend();
        try {
            TensorChecks.closingBackendClosesTensors(fresh);
        } finally {
            fresh.close();
        }
    }

    /** A tensor of another backend instance, or of the reference, is rejected by every operation. */
    @Test
    public void tensorsOfAnotherBackendAreRejected() {
        Backend other = createBackend();
        try {
            TensorChecks.foreignTensorsRejected(backend, other, reference);
        } finally {
            other.close();
        }
    }

    /** Mixing FLOAT32 and FLOAT64 in one operation is rejected. */
    @Test
    public void mixedDTypesAreRejected() {
        assume64();
        TensorChecks.mixedDTypesRejected(backend);
    }

    // ----- gemm

    /** gemm in FLOAT32 over every (m, k, n) from {1, 3, 17, 129}, every transpose and alpha/beta variant. */
    @TestFactory
    public Stream<DynamicTest> gemm() {
        return GemmChecks.all(harness, DType.FLOAT32, tolerance(), SEED);
    }

    /** gemm in FLOAT64, where supported. */
    @TestFactory
    public Stream<DynamicTest> gemmFloat64() {
        assume64();
        return GemmChecks.all(harness, DType.FLOAT64, tolerance64(), SEED + 1_000_000);
    }

    /** Mismatched shapes fail with IllegalArgumentException naming the shapes; so do rank-1 operands and c aliasing a. */
    @Test
    public void gemmShapeMismatchNamesBothShapes() {
        GemmChecks.shapeMismatch(backend);
    }

    // ----- elementwise

    /** Every unary primitive on valid inputs, over several output shapes. */
    @TestFactory
    public Stream<DynamicTest> elementwiseUnary() {
        return ElementwiseChecks.unary(harness, DType.FLOAT32, tolerance(), SEED + 10_000);
    }

    /** Every binary primitive with full, row ([1, c] and [c]), column ([r, 1]) and scalar inputs on either side. */
    @TestFactory
    public Stream<DynamicTest> elementwiseBinary() {
        return ElementwiseChecks.binary(harness, DType.FLOAT32, tolerance(), SEED + 20_000);
    }

    /** {@code where} with full and broadcast operands. */
    @TestFactory
    public Stream<DynamicTest> elementwiseWhere() {
        return ElementwiseChecks.where(harness, DType.FLOAT32, tolerance(), SEED + 30_000);
    }

    /** Fused expressions: swish, gelu and its symbolic derivative, bias + relu, an Adam step, constants. */
    @TestFactory
    public Stream<DynamicTest> elementwiseComposite() {
        return ElementwiseChecks.composite(harness, DType.FLOAT32, tolerance(), SEED + 40_000);
    }

    /** The output being one of the inputs, and one tensor passed as two inputs. */
    @TestFactory
    public Stream<DynamicTest> elementwiseInPlace() {
        return ElementwiseChecks.inPlace(harness, DType.FLOAT32, tolerance(), SEED + 50_000);
    }

    /** All of the element-wise checks in FLOAT64, where supported. */
    @TestFactory
    public Stream<DynamicTest> elementwiseFloat64() {
        assume64();
        double tol = tolerance64();
        long seed = SEED + 2_000_000;
        return Stream.of(
                        ElementwiseChecks.unary(harness, DType.FLOAT64, tol, seed),
                        ElementwiseChecks.binary(harness, DType.FLOAT64, tol, seed + 10_000),
                        ElementwiseChecks.where(harness, DType.FLOAT64, tol, seed + 20_000),
                        ElementwiseChecks.composite(harness, DType.FLOAT64, tol, seed + 30_000),
                        ElementwiseChecks.inPlace(harness, DType.FLOAT64, tol, seed + 40_000))
                .flatMap(s -> s);
    }

    /** max/min propagate NaN, comparisons with NaN give 0, a NaN condition selects the true branch. */
    @Test
    public void elementwiseNaNSemantics() {
        ElementwiseChecks.nanSemantics(harness);
    }

    /** Inputs that do not broadcast onto the output, and too few inputs, are rejected. */
    @Test
    public void elementwiseBadBroadcastThrows() {
        ElementwiseChecks.badBroadcast(backend);
    }

    // ----- reductions

    /** sum, max and argmax along both axes of awkward shapes, into vector, row and column outputs. */
    @TestFactory
    public Stream<DynamicTest> reductions() {
        return ReductionChecks.all(harness, DType.FLOAT32, tolerance(), SEED + 60_000);
    }

    /** The same in FLOAT64, where supported. */
    @TestFactory
    public Stream<DynamicTest> reductionsFloat64() {
        assume64();
        return ReductionChecks.all(harness, DType.FLOAT64, tolerance64(), SEED + 3_000_000);
    }

    /** argmax picks the first of equal maxima, against hand-computed indices. */
    @Test
    public void argmaxPicksTheFirstOfTies() {
        ReductionChecks.argmaxTies(backend);
    }

    /** A NaN makes the max of its row or column NaN. */
    @Test
    public void maxPropagatesNaN() {
        ReductionChecks.maxPropagatesNaN(harness);
    }

    /** A wrong output size or axis is rejected. */
    @Test
    public void reductionBadArgumentsThrow() {
        ReductionChecks.badArguments(backend);
    }

    // ----- activations

    /** Every activation of {@link #activations()}, forward and backward, against the same activation on the reference. */
    @TestFactory
    public Stream<DynamicTest> activationsMatchReference() {
        List<Activation> all = activations();
        Assumptions.assumeFalse(all.isEmpty(), "no activations to check: override activations()");
        return ActivationChecks.all(harness, all, activationTolerance(), SEED + 70_000);
    }

    // ----- views and block copies

    /**
     * reshape over awkward shape pairs in FLOAT32: a view reads the base's elements in order, writes through either
     * show in both, and element-wise, sum and gemm take a view like a tensor of its shape.
     */
    @TestFactory
    public Stream<DynamicTest> reshapeViews() {
        return ViewChecks.all(harness, DType.FLOAT32, tolerance(), SEED + 80_000);
    }

    /** The same in FLOAT64, where supported. */
    @TestFactory
    public Stream<DynamicTest> reshapeViewsFloat64() {
        assume64();
        return ViewChecks.all(harness, DType.FLOAT64, tolerance64(), SEED + 4_000_000);
    }

    /** A view is not in the ledger, closing it frees nothing, and every use fails once its base is closed. */
    @Test
    public void viewsOwnNoMemoryAndDieWithTheirBase() {
        ViewChecks.lifetime(backend);
    }

    /** Closing the backend closes the views of its tensors. */
    @Test
    public void closingTheBackendClosesItsViews() {
        Backend fresh = createBackend();
        try {
            ViewChecks.closingBackendClosesViews(fresh);
        } finally {
            fresh.close();
        }
    }

    /** reshape to another size, of a foreign or closed tensor, and gemm into a view of an operand are refused. */
    @Test
    public void reshapeRefusals() {
        Backend other = createBackend();
        try {
            ViewChecks.refusals(backend, other, reference);
        } finally {
            other.close();
        }
    }

    /**
     * copyBlock in FLOAT32, exact against a host loop: single elements, rows, columns, whole rows, blocks wider than
     * 128, time steps, blocks of one tensor and of views of one base, concatenation and split.
     */
    @TestFactory
    public Stream<DynamicTest> copyBlock() {
        return BlockCopyChecks.all(harness, DType.FLOAT32, SEED + 90_000);
    }

    /** The same in FLOAT64, where supported. */
    @TestFactory
    public Stream<DynamicTest> copyBlockFloat64() {
        assume64();
        return BlockCopyChecks.all(harness, DType.FLOAT64, SEED + 5_000_000);
    }

    /** Blocks outside a matrix, overlapping blocks of one memory, mixed dtypes, foreign and closed tensors. */
    @Test
    public void copyBlockRefusals() {
        Backend other = createBackend();
        try {
            BlockCopyChecks.refusals(backend, other, reference);
        } finally {
            other.close();
        }
    }

    // ----- counter-based random numbers

    /** randomUniform equals the reference's bit for bit in FLOAT32, over awkward shapes, seeds and offsets. */
    @TestFactory
    public Stream<DynamicTest> randomUniform() {
        return RandomChecks.uniform(harness, DType.FLOAT32);
    }

    /** randomUniform in FLOAT64, where supported: bit-identical too. */
    @TestFactory
    public Stream<DynamicTest> randomUniformFloat64() {
        assume64();
        return RandomChecks.uniform(harness, DType.FLOAT64);
    }

    /** randomNormal agrees with the reference within {@link #tolerance()}, odd sizes cutting a Box–Muller pair. */
    @TestFactory
    public Stream<DynamicTest> randomNormal() {
        return RandomChecks.normal(harness, DType.FLOAT32, tolerance());
    }

    /** randomNormal in FLOAT64, where supported, within {@link #tolerance64()}. */
    @TestFactory
    public Stream<DynamicTest> randomNormalFloat64() {
        assume64();
        return RandomChecks.normal(harness, DType.FLOAT64, tolerance64());
    }

    /** Filling n (a multiple of 4) and then m elements from offset + n / 4 equals one fill of n + m. */
    @Test
    public void randomFillsContinue() {
        RandomChecks.continuation(backend, DType.FLOAT32);
        if (supports64()) {
            RandomChecks.continuation(backend, DType.FLOAT64);
        }
    }

    /** Mean, variance and a Kolmogorov–Smirnov test of the backend's own uniform and normal numbers, seeded. */
    @Test
    public void randomStatistics() {
        RandomChecks.statistics(backend, DType.FLOAT32);
        if (supports64()) {
            RandomChecks.statistics(backend, DType.FLOAT64);
        }
    }

    /** Bad parameters, offsets, closed and foreign tensors are refused with messages that name them. */
    @Test
    public void randomBadArgumentsThrow() {
        RandomChecks.badArguments(backend, reference);
    }

    // ----- INT32 tensors, gather and scatterAdd

    /** INT32 tensors: zero-filled allocation and exact round trips of ints, negative and large ones included. */
    @Test
    public void int32RoundTrip() {
        IndexChecks.roundTrip(backend);
    }

    /** Transfers between ints and float tensors convert exactly or refuse, naming the value; nothing is written. */
    @Test
    public void int32Conversions() {
        IndexChecks.conversions(backend);
    }

    /** liveTensors() and liveBytes() count INT32 tensors. */
    @Test
    public void int32TensorsAreCounted() {
        IndexChecks.ledger(backend);
    }

    /** gemm, elementwise and the reductions refuse INT32, naming the dtypes they take. */
    @Test
    public void arithmeticRefusesInt32() {
        IndexChecks.arithmeticRefusesInt32(backend);
    }

    /** gather and scatterAdd on a hand-computed example, repeated index included. */
    @Test
    public void gatherAndScatterAddByHand() {
        IndexChecks.handComputed(backend, DType.FLOAT32);
        if (supports64()) {
            IndexChecks.handComputed(backend, DType.FLOAT64);
        }
    }

    /** gather and scatterAdd in FLOAT32 against the reference: awkward sizes, indices of rank 1 to 3, repeats. */
    @TestFactory
    public Stream<DynamicTest> gatherAndScatterAdd() {
        return IndexChecks.all(harness, DType.FLOAT32, tolerance(), SEED + 80_000);
    }

    /** The same in FLOAT64, where supported. */
    @TestFactory
    public Stream<DynamicTest> gatherAndScatterAddFloat64() {
        assume64();
        return IndexChecks.all(harness, DType.FLOAT64, tolerance64(), SEED + 4_000_000);
    }

    /** An index outside [0, V) fails naming the position, the index and V, and nothing is written. */
    @Test
    public void gatherAndScatterAddRefuseIndicesOutOfRange() {
        IndexChecks.outOfRange(backend, DType.FLOAT32);
        if (supports64()) {
            IndexChecks.outOfRange(backend, DType.FLOAT64);
        }
    }

    /** Float indices, an INT32 table, wrong shapes, out being the table, mixed and closed tensors are refused. */
    @Test
    public void gatherAndScatterAddBadArgumentsThrow() {
        IndexChecks.badArguments(backend);
    }

    /** gather and scatterAdd refuse tensors of another backend instance and of the reference. */
    @Test
    public void gatherAndScatterAddRejectForeignTensors() {
        Backend other = createBackend();
        try {
            IndexChecks.foreignTensorsRejected(backend, other);
            IndexChecks.foreignTensorsRejected(backend, reference);
        } finally {
            other.close();
        }
    }

    // ----- axis reductions and per-axis broadcast

    /** sumToShape over every subset of the axes of rank-3, 4 and 5 shapes, in FLOAT32. */
    @TestFactory
    public Stream<DynamicTest> sumToShape() {
        return AxisChecks.sums(harness, DType.FLOAT32, tolerance(), SEED + 80_000);
    }

    /** The same in FLOAT64, where supported. */
    @TestFactory
    public Stream<DynamicTest> sumToShapeFloat64() {
        assume64();
        return AxisChecks.sums(harness, DType.FLOAT64, tolerance64(), SEED + 4_000_000);
    }

    /** sumToShape and per-axis broadcasts of small tensors against hand-computed values. */
    @Test
    public void axesHandComputed() {
        AxisChecks.handComputedSums(backend);
        AxisChecks.handComputedBroadcast(backend);
    }

    /** Binary element-wise with one input over every subset of the other's axes: accepted ones match, others refused. */
    @TestFactory
    public Stream<DynamicTest> elementwiseAlongAxes() {
        return AxisChecks.broadcasts(harness, DType.FLOAT32, tolerance(), SEED + 90_000);
    }

    /** Per-channel normalisation expressions, mixed with row, column and scalar inputs, and in place, in FLOAT32. */
    @TestFactory
    public Stream<DynamicTest> elementwiseAlongAxesFused() {
        return AxisChecks.fused(harness, DType.FLOAT32, tolerance(), SEED + 95_000);
    }

    /** The per-axis element-wise checks in FLOAT64, where supported. */
    @TestFactory
    public Stream<DynamicTest> elementwiseAlongAxesFloat64() {
        assume64();
        return Stream.concat(
                AxisChecks.broadcasts(harness, DType.FLOAT64, tolerance64(), SEED + 5_000_000),
                AxisChecks.fused(harness, DType.FLOAT64, tolerance64(), SEED + 5_500_000));
    }

    /** Wrong output shapes, foreign and closed tensors, and per-axis inputs that do not fit are refused with their reason. */
    @Test
    public void axisRefusals() {
        Backend other = createBackend();
        try {
            AxisChecks.refusals(backend, other);
        } finally {
            other.close();
        }
    }

    // ----- multi-output element-wise

    /**
     * Several expressions in one pass: shared subexpressions, row/column/scalar inputs, outputs that are
     * inputs (swapped and crossed), and an in-place Adam step, over awkward shapes, in FLOAT32.
     */
    @TestFactory
    public Stream<DynamicTest> elementwiseMultiOutput() {
        return MultiOutputChecks.all(harness, DType.FLOAT32, tolerance(), SEED + 80_000);
    }

    /** The same in FLOAT64, where supported. */
    @TestFactory
    public Stream<DynamicTest> elementwiseMultiOutputFloat64() {
        assume64();
        return MultiOutputChecks.all(harness, DType.FLOAT64, tolerance64(), SEED + 4_000_000);
    }

    /** Several outputs with inputs broadcast along axes (BatchNorm's forward pass), rank 3 to 5, in FLOAT32. */
    @TestFactory
    public Stream<DynamicTest> elementwiseMultiOutputAlongAxes() {
        return MultiOutputChecks.alongAxes(harness, DType.FLOAT32, tolerance(), SEED + 85_000);
    }

    /** The same in FLOAT64, where supported. */
    @TestFactory
    public Stream<DynamicTest> elementwiseMultiOutputAlongAxesFloat64() {
        assume64();
        return MultiOutputChecks.alongAxes(harness, DType.FLOAT64, tolerance64(), SEED + 4_500_000);
    }

    /** Wrong counts, unequal or repeated outputs, bad broadcasts, mixed dtypes, foreign and closed tensors. */
    @Test
    public void elementwiseMultiOutputRefusals() {
        Backend other = createBackend();
        try {
            MultiOutputChecks.refusals(backend, other);
        } finally {
            other.close();
        }
    }

    /**
     * elementwiseColumns in FLOAT32: an LSTM cell's gates read out of blocks of one product and written into a time
     * step, in place, through views, one-row inputs broadcast, blocks wider than a staging chunk, a batch of one and
     * calls split over threads, every tensor compared whole against the reference.
     */
    @TestFactory
    public Stream<DynamicTest> elementwiseColumns() {
        return ColumnElementwiseChecks.all(harness, DType.FLOAT32, tolerance(), SEED + 87_000);
    }

    /** The same in FLOAT64, where supported. */
    @TestFactory
    public Stream<DynamicTest> elementwiseColumnsFloat64() {
        assume64();
        return ColumnElementwiseChecks.all(harness, DType.FLOAT64, tolerance64(), SEED + 4_700_000);
    }

    /** Wrong counts and sizes, overlapping blocks, mixed dtypes, INT32, foreign and closed tensors; nothing written. */
    @Test
    public void elementwiseColumnsRefusals() {
        Backend other = createBackend();
        try {
            ColumnElementwiseChecks.refusals(backend, other);
        } finally {
            other.close();
        }
    }

    /** A view of an INT32 tensor reads and writes its ints, and gather takes a view of indices. */
    @Test
    public void int32Views() {
        try (Tensor ids = backend.upload(new int[] {3, 0, 2, 2, 1, 3}, Shape.of(2, 3));
                Tensor table = backend.upload(new float[] {0, 1, 10, 11, 20, 21, 30, 31}, Shape.of(4, 2));
                Tensor out = backend.allocate(Shape.of(6, 2), DType.FLOAT32)) {
            Tensor flat = backend.reshape(ids, Shape.of(6));
            int[] back = new int[6];
            backend.download(flat, back);
            assertArrayEquals(new int[] {3, 0, 2, 2, 1, 3}, back, "a view of INT32 reads its base's ints");
            backend.write(flat, new int[] {1, 1, 0, 3, 2, 0});
            backend.download(ids, back);
            assertArrayEquals(new int[] {1, 1, 0, 3, 2, 0}, back, "a write through the view shows in the base");
            backend.gather(table, flat, out);
            assertArrayEquals(
                    new float[] {10, 11, 10, 11, 0, 1, 30, 31, 20, 21, 0, 1},
                    out.toFloatArray(),
                    "gather takes a view of indices");
            flat.close();
        }
    }

    // ----- convolution windows and axis permutation

    /**
     * im2col (exactly) and col2im, max pooling (values and argmax exactly, ties included) and average pooling with
     * their gradients, and permute, over awkward geometries, in FLOAT32.
     */
    @TestFactory
    public Stream<DynamicTest> convolutionWindows() {
        return windowChecks(DType.FLOAT32, tolerance(), SEED + 90_000);
    }

    /** The same in FLOAT64, where supported. */
    @TestFactory
    public Stream<DynamicTest> convolutionWindowsFloat64() {
        assume64();
        return windowChecks(DType.FLOAT64, tolerance64(), SEED + 6_000_000);
    }

    private Stream<DynamicTest> windowChecks(DType dtype, double tol, long seed) {
        return Stream.of(
                        ConvolutionWindowChecks.columns(harness, dtype, tol, seed),
                        ConvolutionWindowChecks.maxPooling(harness, dtype, tol, seed + 100),
                        ConvolutionWindowChecks.avgPooling(harness, dtype, tol, seed + 200),
                        ConvolutionWindowChecks.permutations(harness, dtype, seed + 300))
                .flatMap(s -> s);
    }

    /** im2col, col2im and pooling (a NaN, ties) against values computed by hand. */
    @Test
    public void convolutionWindowsByHand() {
        ConvolutionWindowChecks.handComputed(backend);
    }

    /** Wrong shapes, dtypes, windows, argmax indices and aliasing are refused, naming both sides. */
    @Test
    public void convolutionWindowRefusals() {
        ConvolutionWindowChecks.refusals(backend);
    }

    // ----- fused convolution

    /**
     * conv2d (the output) and conv2dBackward (weight and bias gradients added, the input gradient overwritten, also
     * after the columns were refilled by im2col) against the reference over awkward geometries, in FLOAT32.
     */
    @TestFactory
    public Stream<DynamicTest> fusedConvolution() {
        return ConvolutionChecks.fused(harness, DType.FLOAT32, tolerance(), SEED + 95_000);
    }

    /** NaN and ±∞ reach exactly the outputs and gradients whose sums hold them, as in the reference (FLOAT32). */
    @TestFactory
    public Stream<DynamicTest> fusedConvolutionWithNonFiniteValues() {
        return NonFiniteConvolutionChecks.all(harness, tolerance(), SEED + 96_000);
    }

    /** 30 seeded random geometries, forward and backward (FLOAT32). */
    @TestFactory
    public Stream<DynamicTest> fusedConvolutionOfRandomGeometries() {
        return ConvolutionChecks.randomGeometries(harness, tolerance(), SEED + 98_000, 30);
    }

    /** Each output keeps its own rounding next to an input value far above the rest (FLOAT32). */
    @TestFactory
    public Stream<DynamicTest> fusedConvolutionWithOutliers() {
        return ConvolutionChecks.outliers(harness, tolerance(), SEED + 97_000);
    }

    /** The same in FLOAT64, where supported. */
    @TestFactory
    public Stream<DynamicTest> fusedConvolutionFloat64() {
        assume64();
        return ConvolutionChecks.fused(harness, DType.FLOAT64, tolerance64(), SEED + 7_000_000);
    }

    /** Wrong weight, bias, output and workspace shapes and aliasing are refused, naming the argument. */
    @Test
    public void fusedConvolutionRefusals() {
        ConvolutionChecks.refusals(backend);
    }
}
