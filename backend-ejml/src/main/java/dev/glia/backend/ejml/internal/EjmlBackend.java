package dev.glia.backend.ejml.internal;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import dev.glia.api.spi.AbstractBackend;
import dev.glia.api.spi.Broadcast;
import dev.glia.kernels.java.FloatKernel;
import dev.glia.kernels.java.KernelCache;
import dev.glia.kernels.java.MultiFloatKernel;
import java.util.Arrays;
import java.util.List;
import org.ejml.EjmlVersion;

/**
 * The pure-Java backend: FLOAT32 tensors on the Java heap, matrix products by EJML, element-wise
 * expressions compiled at run time into fused loops ({@link KernelCache}), reductions as plain loops.
 *
 * <p>Not thread-safe (one thread drives it at a time), as every {@link Backend}. Operations on the
 * hot path ({@code gemm} below the concurrency threshold, {@code elementwise} once its kernel is
 * compiled, the reductions) allocate nothing of their own.
 */
public final class EjmlBackend extends AbstractBackend<EjmlTensor> {
    /** The name configuration uses. */
    public static final String NAME = "ejml";

    private final KernelCache kernels = new KernelCache("EJML backend");
    private final Reductions reductions = new Reductions();
    private final Gemm gemm;
    private final int threads;
    /** The arrays of the current element-wise call's inputs, reused between calls. */
    private float[][] inputArrays = new float[4][];

    /**
     * A backend whose large matrix products run on EJML's shared thread pool of {@code threads}
     * threads; 1 keeps every operation on the calling thread.
     */
    public EjmlBackend(int threads) {
        super(EjmlTensor.class);
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

    // ----- allocation and transfer (arguments checked by AbstractBackend)

    @Override
    protected EjmlTensor allocateRaw(Shape shape, DType dtype) {
        return new EjmlTensor(this, shape, ledger(), new float[shape.size()]);
    }

    @Override
    protected EjmlTensor uploadRaw(float[] data, Shape shape) {
        return new EjmlTensor(this, shape, ledger(), data.clone());
    }

    /** Tensors are float arrays on the Java heap, so the heap's maximum bounds each one. */
    @Override
    public long maxTensorBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    @Override
    protected String memoryAdvice() {
        return HEAP_ADVICE;
    }

    @Override
    protected void writeRaw(EjmlTensor dst, float[] src) {
        System.arraycopy(src, 0, dst.data, 0, src.length);
    }

    @Override
    protected void writeRaw(EjmlTensor dst, double[] src) {
        float[] data = dst.data;
        for (int i = 0; i < src.length; i++) {
            data[i] = (float) src[i];
        }
    }

    @Override
    protected void downloadRaw(EjmlTensor src, float[] dst) {
        System.arraycopy(src.data, 0, dst, 0, dst.length);
    }

    @Override
    protected void downloadRaw(EjmlTensor src, double[] dst) {
        float[] data = src.data;
        for (int i = 0; i < dst.length; i++) {
            dst[i] = data[i];
        }
    }

    // ----- compute

    @Override
    protected void gemmRaw(boolean transposeA, boolean transposeB, double alpha, EjmlTensor a, EjmlTensor b,
            double beta, EjmlTensor c, int m, int n, int k) {
        long work = (long) m * n * k;
        gemm.run(transposeA, transposeB, (float) alpha, a.matrix, b.matrix, (float) beta, c.matrix, work);
    }

    @Override
    protected void elementwiseRaw(Expr expr, EjmlTensor out, Tensor[] inputs, Broadcast[] modes) {
        float[][] arrays = inputArrays(inputs.length);
        try {
            for (int i = 0; i < inputs.length; i++) {
                arrays[i] = ((EjmlTensor) inputs[i]).data;
            }
            FloatKernel kernel = kernels.floatKernel(expr, modes);
            kernel.apply(out.data, arrays, out.shape().rows(), out.shape().columns());
        } finally {
            Arrays.fill(arrays, 0, inputs.length, null); // hold no closed tensor's memory
        }
    }

    @Override
    protected void sumRaw(EjmlTensor in, int axis, EjmlTensor out) {
        reductions.sum(in.data, in.shape().rows(), in.shape().columns(), axis, out.data);
    }

    @Override
    protected void maxRaw(EjmlTensor in, int axis, EjmlTensor out) {
        Reductions.max(in.data, in.shape().rows(), in.shape().columns(), axis, out.data);
    }

    @Override
    protected void argmaxRaw(EjmlTensor in, int axis, EjmlTensor out) {
        reductions.argmax(in.data, in.shape().rows(), in.shape().columns(), axis, out.data);
    }

    // ----- bookkeeping

    /** Closes every tensor still open and drops the compiled kernels. */
    @Override
    protected void closeRaw() {
        ledger().closeAll();
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

    private float[][] inputArrays(int count) {
        if (inputArrays.length < count) {
            inputArrays = new float[count][];
        }
        return inputArrays;
    }

    private static final String HEAP_ADVICE = "raise the Java heap with -Xmx (for ./glia: GLIA_JAVA_OPTS=-Xmx16g)";

    // ----- multi-output element-wise (issue 12, item 3c)

    private float[][] outputArrays = new float[0][];

    @Override
    protected void elementwiseRaw(List<Expr> exprs, List<EjmlTensor> outs, Tensor[] inputs, Broadcast[] modes) {
        float[][] arrays = inputArrays(inputs.length);
        int n = outs.size();
        if (outputArrays.length != n) {
            outputArrays = new float[n][];
        }
        try {
            for (int i = 0; i < inputs.length; i++) {
                arrays[i] = ((EjmlTensor) inputs[i]).data;
            }
            for (int j = 0; j < n; j++) {
                outputArrays[j] = outs.get(j).data;
            }
            MultiFloatKernel kernel = kernels.multiFloatKernel(exprs, modes);
            kernel.apply(outputArrays, arrays, outs.get(0).shape().rows(), outs.get(0).shape().columns());
        } finally {
            Arrays.fill(arrays, 0, inputs.length, null); // hold no closed tensor's memory
            Arrays.fill(outputArrays, null);
        }
    }
}
