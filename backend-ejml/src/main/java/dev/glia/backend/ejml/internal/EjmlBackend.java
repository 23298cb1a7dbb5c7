package dev.glia.backend.ejml.internal;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import dev.glia.api.spi.Broadcast;
import dev.glia.api.spi.OpChecks;
import dev.glia.api.spi.TensorLedger;
import dev.glia.kernels.java.FloatKernel;
import dev.glia.kernels.java.KernelCache;
import java.util.Arrays;
import java.util.Objects;
import org.ejml.EjmlVersion;

/**
 * The pure-Java backend: FLOAT32 tensors on the Java heap, matrix products by EJML, element-wise
 * expressions compiled at run time into fused loops ({@link KernelCache}), reductions as plain loops.
 *
 * <p>Not thread-safe (one thread drives it at a time), as every {@link Backend}. Operations on the
 * hot path ({@code gemm} below the concurrency threshold, {@code elementwise} once its kernel is
 * compiled, the reductions) allocate nothing of their own.
 */
public final class EjmlBackend implements Backend {
    /** The name configuration uses. */
    public static final String NAME = "ejml";

    private final TensorLedger ledger = new TensorLedger();
    private final KernelCache kernels = new KernelCache("EJML backend");
    private final Reductions reductions = new Reductions();
    private final Gemm gemm;
    private final int threads;
    /** The arrays of the current element-wise call's inputs, reused between calls. */
    private float[][] inputArrays = new float[4][];
    private volatile boolean closed;

    /**
     * A backend whose large matrix products run on EJML's shared thread pool of {@code threads}
     * threads; 1 keeps every operation on the calling thread.
     */
    public EjmlBackend(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.gemm = new Gemm(threads > 1);
    }

    /** The library, its version and the threads, e.g. {@code EJML 0.43.1, Java heap, 2 threads}. */
    public static String describe(int threads) {
        return "EJML " + EjmlVersion.VERSION + ", Java heap, " + threads + (threads == 1 ? " thread" : " threads");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return describe(threads);
    }

    @Override
    public boolean supports(DType dtype) {
        return dtype == DType.FLOAT32;
    }

    // ----- allocation and transfer

    @Override
    public Tensor allocate(Shape shape, DType dtype) {
        Objects.requireNonNull(shape, "allocate: shape is null");
        Objects.requireNonNull(dtype, "allocate: dtype is null");
        if (dtype != DType.FLOAT32) {
            throw unsupported(dtype, "allocate");
        }
        return OpChecks.allocation(this, shape, dtype, HEAP_ADVICE, () -> register(shape, new float[shape.size()]));
    }

    @Override
    public Tensor upload(float[] data, Shape shape) {
        Objects.requireNonNull(data, "upload: data is null");
        Objects.requireNonNull(shape, "upload: shape is null");
        OpChecks.hostLength("upload", shape, data.length);
        return OpChecks.allocation(this, shape, DType.FLOAT32, HEAP_ADVICE, () -> register(shape, data.clone()));
    }

    /** Tensors are float arrays on the Java heap, so the heap's maximum bounds each one. */
    @Override
    public long maxTensorBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    @Override
    public Tensor upload(double[] data, Shape shape) {
        Objects.requireNonNull(data, "upload: data is null");
        Objects.requireNonNull(shape, "upload: shape is null");
        OpChecks.hostLength("upload", shape, data.length);
        throw unsupported(DType.FLOAT64, "upload(double[])");
    }

    @Override
    public void write(Tensor dst, float[] src) {
        EjmlTensor t = OpChecks.owned(this, dst, EjmlTensor.class, "write");
        Objects.requireNonNull(src, "write: src is null");
        OpChecks.hostLength("write", t.shape(), src.length);
        System.arraycopy(src, 0, t.data, 0, src.length);
    }

    @Override
    public void write(Tensor dst, double[] src) {
        EjmlTensor t = OpChecks.owned(this, dst, EjmlTensor.class, "write");
        Objects.requireNonNull(src, "write: src is null");
        OpChecks.hostLength("write", t.shape(), src.length);
        float[] data = t.data;
        for (int i = 0; i < src.length; i++) {
            data[i] = (float) src[i];
        }
    }

    @Override
    public void download(Tensor src, float[] dst) {
        EjmlTensor t = OpChecks.owned(this, src, EjmlTensor.class, "download");
        Objects.requireNonNull(dst, "download: dst is null");
        OpChecks.hostLength("download", t.shape(), dst.length);
        System.arraycopy(t.data, 0, dst, 0, dst.length);
    }

    @Override
    public void download(Tensor src, double[] dst) {
        EjmlTensor t = OpChecks.owned(this, src, EjmlTensor.class, "download");
        Objects.requireNonNull(dst, "download: dst is null");
        OpChecks.hostLength("download", t.shape(), dst.length);
        float[] data = t.data;
        for (int i = 0; i < dst.length; i++) {
            dst[i] = data[i];
        }
    }

    // ----- compute

    @Override
    public void gemm(boolean transposeA, boolean transposeB, double alpha, Tensor a, Tensor b, double beta,
            Tensor c) {
        EjmlTensor ta = OpChecks.owned(this, a, EjmlTensor.class, "gemm");
        EjmlTensor tb = OpChecks.owned(this, b, EjmlTensor.class, "gemm");
        EjmlTensor tc = OpChecks.owned(this, c, EjmlTensor.class, "gemm");
        if (a.dtype() != c.dtype() || b.dtype() != c.dtype()) {
            OpChecks.sameDType("gemm", a, b, c);
        }
        int[] mnk = OpChecks.gemm(transposeA, transposeB, a, b, c);
        long work = (long) mnk[0] * mnk[1] * mnk[2];
        gemm.run(transposeA, transposeB, (float) alpha, ta.matrix, tb.matrix, (float) beta, tc.matrix, work);
    }

    @Override
    public void elementwise(Expr expr, Tensor out, Tensor... inputs) {
        Objects.requireNonNull(expr, "elementwise: expr is null");
        Objects.requireNonNull(inputs, "elementwise: inputs is null");
        EjmlTensor o = OpChecks.owned(this, out, EjmlTensor.class, "elementwise");
        float[][] arrays = inputArrays(inputs.length);
        try {
            for (int i = 0; i < inputs.length; i++) {
                arrays[i] = OpChecks.owned(this, inputs[i], EjmlTensor.class, "elementwise").data;
                if (inputs[i].dtype() != out.dtype()) {
                    sameDTypeFailure(out, inputs);
                }
            }
            Broadcast[] modes = OpChecks.elementwise(expr, out, inputs);
            FloatKernel kernel = kernels.floatKernel(expr, modes);
            kernel.apply(o.data, arrays, out.shape().rows(), out.shape().columns());
        } finally {
            Arrays.fill(arrays, 0, inputs.length, null); // hold no closed tensor's memory
        }
    }

    @Override
    public void sum(Tensor in, int axis, Tensor out) {
        EjmlTensor i = reductionInput(in, out, "sum");
        OpChecks.reduction("sum", in, axis, out);
        EjmlTensor o = (EjmlTensor) out;
        reductions.sum(i.data, in.shape().rows(), in.shape().columns(), axis, o.data);
    }

    @Override
    public void max(Tensor in, int axis, Tensor out) {
        EjmlTensor i = reductionInput(in, out, "max");
        OpChecks.reduction("max", in, axis, out);
        Reductions.max(i.data, in.shape().rows(), in.shape().columns(), axis, ((EjmlTensor) out).data);
    }

    @Override
    public void argmax(Tensor in, int axis, Tensor out) {
        EjmlTensor i = reductionInput(in, out, "argmax");
        OpChecks.reduction("argmax", in, axis, out);
        reductions.argmax(i.data, in.shape().rows(), in.shape().columns(), axis, ((EjmlTensor) out).data);
    }

    /** Checks both tensors of a reduction (ownership, open, dtype) and returns the input. */
    private EjmlTensor reductionInput(Tensor in, Tensor out, String op) {
        EjmlTensor i = OpChecks.owned(this, in, EjmlTensor.class, op);
        OpChecks.owned(this, out, EjmlTensor.class, op);
        if (in.dtype() != out.dtype()) {
            OpChecks.sameDType(op, in, out);
        }
        return i;
    }

    // ----- bookkeeping

    @Override
    public long liveTensors() {
        return ledger.liveTensors();
    }

    @Override
    public long liveBytes() {
        return ledger.liveBytes();
    }

    /** Closes every tensor still open and drops the compiled kernels. Idempotent. */
    @Override
    public void close() {
        closed = true;
        ledger.closeAll();
        kernels.clear();
    }

    @Override
    public String toString() {
        return NAME + " (" + description() + ")";
    }

    /** The kernel cache, for tests. */
    KernelCache kernels() {
        return kernels;
    }

    private Tensor register(Shape shape, float[] data) {
        if (closed) {
            throw new IllegalStateException("The " + NAME + " backend was closed; create a new one");
        }
        return new EjmlTensor(this, shape, ledger, data);
    }

    private float[][] inputArrays(int count) {
        if (inputArrays.length < count) {
            inputArrays = new float[count][];
        }
        return inputArrays;
    }

    private static void sameDTypeFailure(Tensor out, Tensor[] inputs) {
        Tensor[] all = new Tensor[inputs.length + 1];
        all[0] = out;
        System.arraycopy(inputs, 0, all, 1, inputs.length);
        OpChecks.sameDType("elementwise", all);
    }

    private static final String HEAP_ADVICE = "raise the Java heap with -Xmx (for ./glia: GLIA_JAVA_OPTS=-Xmx16g)";

    private static UnsupportedOperationException unsupported(DType dtype, String op) {
        return new UnsupportedOperationException(op + ": the " + NAME + " backend supports FLOAT32 only, not "
                + dtype + " (supports(" + dtype + ") is false); use FLOAT32 or another backend");
    }
}
