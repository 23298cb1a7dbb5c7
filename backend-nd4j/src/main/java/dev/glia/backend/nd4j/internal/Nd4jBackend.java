package dev.glia.backend.nd4j.internal;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import dev.glia.api.spi.Broadcast;
import dev.glia.api.spi.OpChecks;
import dev.glia.api.spi.TensorLedger;
import dev.glia.kernels.java.KernelCache;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.bytedeco.javacpp.Pointer;

/**
 * The native CPU backend: FLOAT32 and FLOAT64 tensors in native host memory allocated through ND4J
 * ({@link Nd4jTensor}, freed on close), matrix products by OpenBLAS called directly on the buffers
 * ({@link Gemm}, threads chosen per product), element-wise expressions compiled once into fused loops and
 * run over the buffers ({@link Elementwise}), reductions over the buffers ({@link Reductions}). Every
 * operation writes into the caller's output in place; none allocates native memory, and none goes through
 * ND4J's op executioner, whose per-op overhead would dominate at the sizes of a small network.
 *
 * <p>Not thread-safe (one thread drives it at a time), as every {@link Backend}; large operations use the
 * backend's own helper threads ({@link Workers}) internally.
 */
public final class Nd4jBackend implements Backend {
    /** The name configuration uses. */
    public static final String NAME = "nd4j";
    private static final int TRANSFER_CHUNK = 2048;

    private final TensorLedger ledger = new TensorLedger();
    private final KernelCache kernels = new KernelCache("ND4J backend");
    private final Reductions reductions = new Reductions();
    private final Workers workers;
    private final Gemm gemm;
    private final Elementwise elementwise;
    private final int threads;
    private final float[] floatChunk = new float[TRANSFER_CHUNK];
    private final double[] doubleChunk = new double[TRANSFER_CHUNK];
    /** The buffers of the current element-wise call's inputs, reused between calls. */
    private FloatBuffer[] floatInputs = new FloatBuffer[4];
    private DoubleBuffer[] doubleInputs = new DoubleBuffer[4];
    private volatile boolean closed;

    /**
     * A backend whose large operations use up to {@code threads} threads; 1 keeps every operation on the
     * calling thread. Starts ND4J's native side first if no probe did.
     *
     * @throws IllegalStateException when ND4J's native library cannot be started, with the reason
     */
    public Nd4jBackend(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        var status = Nd4jRuntime.probe();
        if (!status.available()) {
            throw new IllegalStateException("The " + NAME + " backend is unavailable: " + status.detail());
        }
        this.threads = threads;
        this.workers = new Workers(threads, "glia-nd4j");
        this.gemm = new Gemm(workers);
        this.elementwise = new Elementwise(workers);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return Nd4jRuntime.describe(threads);
    }

    @Override
    public boolean supports(DType dtype) {
        return dtype == DType.FLOAT32 || dtype == DType.FLOAT64;
    }

    // ----- allocation and transfer

    @Override
    public Tensor allocate(Shape shape, DType dtype) {
        Objects.requireNonNull(shape, "allocate: shape is null");
        Objects.requireNonNull(dtype, "allocate: dtype is null");
        return register(shape, dtype, true);
    }

    @Override
    public Tensor upload(float[] data, Shape shape) {
        Objects.requireNonNull(data, "upload: data is null");
        Objects.requireNonNull(shape, "upload: shape is null");
        OpChecks.hostLength("upload", shape, data.length);
        Nd4jTensor t = register(shape, DType.FLOAT32, false);
        t.floats.put(0, data, 0, data.length);
        return t;
    }

    @Override
    public Tensor upload(double[] data, Shape shape) {
        Objects.requireNonNull(data, "upload: data is null");
        Objects.requireNonNull(shape, "upload: shape is null");
        OpChecks.hostLength("upload", shape, data.length);
        Nd4jTensor t = register(shape, DType.FLOAT64, false);
        t.doubles.put(0, data, 0, data.length);
        return t;
    }

    @Override
    public void write(Tensor dst, float[] src) {
        Nd4jTensor t = OpChecks.owned(this, dst, Nd4jTensor.class, "write");
        Objects.requireNonNull(src, "write: src is null");
        OpChecks.hostLength("write", t.shape(), src.length);
        if (t.floats != null) {
            t.floats.put(0, src, 0, src.length);
            return;
        }
        for (int start = 0; start < src.length; start += TRANSFER_CHUNK) {
            int len = Math.min(TRANSFER_CHUNK, src.length - start);
            for (int i = 0; i < len; i++) {
                doubleChunk[i] = src[start + i];
            }
            t.doubles.put(start, doubleChunk, 0, len);
        }
    }

    @Override
    public void write(Tensor dst, double[] src) {
        Nd4jTensor t = OpChecks.owned(this, dst, Nd4jTensor.class, "write");
        Objects.requireNonNull(src, "write: src is null");
        OpChecks.hostLength("write", t.shape(), src.length);
        if (t.doubles != null) {
            t.doubles.put(0, src, 0, src.length);
            return;
        }
        for (int start = 0; start < src.length; start += TRANSFER_CHUNK) {
            int len = Math.min(TRANSFER_CHUNK, src.length - start);
            for (int i = 0; i < len; i++) {
                floatChunk[i] = (float) src[start + i];
            }
            t.floats.put(start, floatChunk, 0, len);
        }
    }

    @Override
    public void download(Tensor src, float[] dst) {
        Nd4jTensor t = OpChecks.owned(this, src, Nd4jTensor.class, "download");
        Objects.requireNonNull(dst, "download: dst is null");
        OpChecks.hostLength("download", t.shape(), dst.length);
        if (t.floats != null) {
            t.floats.get(0, dst, 0, dst.length);
            return;
        }
        for (int start = 0; start < dst.length; start += TRANSFER_CHUNK) {
            int len = Math.min(TRANSFER_CHUNK, dst.length - start);
            t.doubles.get(start, doubleChunk, 0, len);
            for (int i = 0; i < len; i++) {
                dst[start + i] = (float) doubleChunk[i];
            }
        }
    }

    @Override
    public void download(Tensor src, double[] dst) {
        Nd4jTensor t = OpChecks.owned(this, src, Nd4jTensor.class, "download");
        Objects.requireNonNull(dst, "download: dst is null");
        OpChecks.hostLength("download", t.shape(), dst.length);
        if (t.doubles != null) {
            t.doubles.get(0, dst, 0, dst.length);
            return;
        }
        for (int start = 0; start < dst.length; start += TRANSFER_CHUNK) {
            int len = Math.min(TRANSFER_CHUNK, dst.length - start);
            t.floats.get(start, floatChunk, 0, len);
            for (int i = 0; i < len; i++) {
                dst[start + i] = floatChunk[i];
            }
        }
    }

    // ----- compute

    @Override
    public void gemm(boolean transposeA, boolean transposeB, double alpha, Tensor a, Tensor b, double beta,
            Tensor c) {
        Nd4jTensor ta = OpChecks.owned(this, a, Nd4jTensor.class, "gemm");
        Nd4jTensor tb = OpChecks.owned(this, b, Nd4jTensor.class, "gemm");
        Nd4jTensor tc = OpChecks.owned(this, c, Nd4jTensor.class, "gemm");
        if (a.dtype() != c.dtype() || b.dtype() != c.dtype()) {
            OpChecks.sameDType("gemm", a, b, c);
        }
        int[] mnk = OpChecks.gemm(transposeA, transposeB, a, b, c);
        gemm.run(transposeA, transposeB, alpha, ta, tb, beta, tc, mnk[0], mnk[1], mnk[2]);
    }

    @Override
    public void elementwise(Expr expr, Tensor out, Tensor... inputs) {
        Objects.requireNonNull(expr, "elementwise: expr is null");
        Objects.requireNonNull(inputs, "elementwise: inputs is null");
        Nd4jTensor o = OpChecks.owned(this, out, Nd4jTensor.class, "elementwise");
        for (Tensor input : inputs) {
            OpChecks.owned(this, input, Nd4jTensor.class, "elementwise");
            if (input.dtype() != out.dtype()) {
                sameDTypeFailure(out, inputs);
            }
        }
        Broadcast[] modes = OpChecks.elementwise(expr, out, inputs);
        int rows = out.shape().rows();
        int columns = out.shape().columns();
        if (o.dtype() == DType.FLOAT32) {
            FloatBuffer[] buffers = floatInputs(inputs.length);
            try {
                for (int i = 0; i < inputs.length; i++) {
                    buffers[i] = ((Nd4jTensor) inputs[i]).floats;
                }
                elementwise.run(kernels.floatKernel(expr, modes), modes, o.floats, buffers, rows, columns);
            } finally {
                Arrays.fill(buffers, 0, inputs.length, null); // hold no closed tensor's memory
            }
        } else {
            DoubleBuffer[] buffers = doubleInputs(inputs.length);
            try {
                for (int i = 0; i < inputs.length; i++) {
                    buffers[i] = ((Nd4jTensor) inputs[i]).doubles;
                }
                elementwise.run(kernels.doubleKernel(expr, modes), modes, o.doubles, buffers, rows, columns);
            } finally {
                Arrays.fill(buffers, 0, inputs.length, null);
            }
        }
    }

    @Override
    public void sum(Tensor in, int axis, Tensor out) {
        Nd4jTensor i = reductionInput(in, out, "sum");
        OpChecks.reduction("sum", in, axis, out);
        reductions.sum(i, in.shape().rows(), in.shape().columns(), axis, (Nd4jTensor) out);
    }

    @Override
    public void max(Tensor in, int axis, Tensor out) {
        Nd4jTensor i = reductionInput(in, out, "max");
        OpChecks.reduction("max", in, axis, out);
        reductions.max(i, in.shape().rows(), in.shape().columns(), axis, (Nd4jTensor) out);
    }

    @Override
    public void argmax(Tensor in, int axis, Tensor out) {
        Nd4jTensor i = reductionInput(in, out, "argmax");
        OpChecks.reduction("argmax", in, axis, out);
        reductions.argmax(i, in.shape().rows(), in.shape().columns(), axis, (Nd4jTensor) out);
    }

    /** Checks both tensors of a reduction (ownership, open, dtype) and returns the input. */
    private Nd4jTensor reductionInput(Tensor in, Tensor out, String op) {
        Nd4jTensor i = OpChecks.owned(this, in, Nd4jTensor.class, op);
        OpChecks.owned(this, out, Nd4jTensor.class, op);
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

    /** Closes every tensor still open (freeing its native memory), stops the helper threads, drops the kernels. */
    @Override
    public void close() {
        closed = true;
        ledger.closeAll();
        workers.close();
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

    private Nd4jTensor register(Shape shape, DType dtype, boolean zeroed) {
        if (closed) {
            throw new IllegalStateException("The " + NAME + " backend was closed; create a new one");
        }
        return OpChecks.allocation(this, shape, dtype, NATIVE_ADVICE,
                () -> Nd4jTensor.allocate(this, shape, dtype, ledger, zeroed));
    }

    /**
     * Tensors live in native memory that JavaCPP hands out under two caps: {@code org.bytedeco.javacpp.maxBytes}
     * (native memory it tracks; by default the Java heap's maximum) and {@code maxPhysicalBytes} (the process's
     * resident memory); a cap of 0 is none. The smallest cap set, and the machine's physical memory, bound a
     * tensor.
     */
    @Override
    public long maxTensorBytes() {
        long cap = Long.MAX_VALUE;
        for (long limit : new long[] {Pointer.maxBytes(), Pointer.maxPhysicalBytes(), Pointer.totalPhysicalBytes()}) {
            if (limit > 0) {
                cap = Math.min(cap, limit);
            }
        }
        return cap;
    }

    private static final String NATIVE_ADVICE = "raise JavaCPP's caps on native memory: -Xmx (which sets their"
            + " defaults), or -Dorg.bytedeco.javacpp.maxBytes and -Dorg.bytedeco.javacpp.maxPhysicalBytes (0 for no"
            + " cap); for ./glia put them in GLIA_JAVA_OPTS";

    private FloatBuffer[] floatInputs(int count) {
        if (floatInputs.length < count) {
            floatInputs = new FloatBuffer[count];
        }
        return floatInputs;
    }

    private DoubleBuffer[] doubleInputs(int count) {
        if (doubleInputs.length < count) {
            doubleInputs = new DoubleBuffer[count];
        }
        return doubleInputs;
    }

    private static void sameDTypeFailure(Tensor out, Tensor[] inputs) {
        Tensor[] all = new Tensor[inputs.length + 1];
        all[0] = out;
        System.arraycopy(inputs, 0, all, 1, inputs.length);
        OpChecks.sameDType("elementwise", all);
    }
}
