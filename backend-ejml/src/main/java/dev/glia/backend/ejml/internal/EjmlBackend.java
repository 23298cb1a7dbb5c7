package dev.glia.backend.ejml.internal;

import dev.glia.api.Backend;
import dev.glia.api.ColumnBlock;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.Window2D;
import dev.glia.api.expr.Expr;
import dev.glia.api.spi.AbstractBackend;
import dev.glia.api.spi.Broadcast;
import dev.glia.kernels.java.AxisSum;
import dev.glia.kernels.java.ColumnOperands;
import dev.glia.kernels.java.FloatKernel;
import dev.glia.kernels.java.GatherPlan;
import dev.glia.kernels.java.KernelCache;
import dev.glia.kernels.java.MultiFloatKernel;
import dev.glia.kernels.java.OffHeapColumnRunner;
import dev.glia.kernels.java.OffHeapMultiRunner;
import dev.glia.kernels.java.OffHeapRunner;
import dev.glia.kernels.java.WindowKernels;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import org.ejml.EjmlVersion;
import org.ejml.concurrency.EjmlConcurrency;

/**
 * The pure-Java backend: FLOAT32 tensors (and INT32 indices) on the Java heap, matrix products by its own row-panel kernel over EJML matrices, element-wise
 * expressions compiled at run time into fused loops ({@link KernelCache}), reductions as plain loops.
 *
 * <p>Not thread-safe (one thread drives it at a time), as every {@link Backend}. Operations on the
 * hot path ({@code gemm} below the concurrency threshold, {@code elementwise} once its kernel is
 * compiled, the reductions) allocate nothing of their own, except a small buffer wrapping each array of an
 * element-wise call with inputs broadcast along axes.
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
        this.windows = new WindowKernels(threads);
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
        return dtype == DType.FLOAT32 || dtype == DType.INT32;
    }

    // ----- allocation and transfer (arguments checked by AbstractBackend)

    @Override
    protected EjmlTensor allocateRaw(Shape shape, DType dtype) {
        if (dtype == DType.INT32) {
            return new EjmlTensor(this, shape, ledger(), new int[shape.size()]);
        }
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
    protected void gemmRaw(
            boolean transposeA,
            boolean transposeB,
            double alpha,
            EjmlTensor a,
            EjmlTensor b,
            double beta,
            EjmlTensor c,
            int m,
            int n,
            int k) {
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
            if (gather.plan(out.shape(), inputs, modes, kernels.stagesExponentials(expr))) {
                applyGathered(expr, out, inputs);
            } else {
                FloatKernel kernel = kernels.floatKernel(expr, modes);
                kernel.apply(out.data, arrays, out.shape().rows(), out.shape().columns());
            }
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

    // ----- axis reductions and per-axis broadcast

    private final AxisSum axisSum = new AxisSum();
    /** Which inputs of the current element-wise call the runners gather (AXIS ones; rows and columns for exp, tanh). */
    private final GatherPlan gather = new GatherPlan();

    private final OffHeapRunner runner = new OffHeapRunner();
    /** Runs kernels with several outputs when some input is gathered, as {@link #runner} does. */
    private final OffHeapMultiRunner multiRunner = new OffHeapMultiRunner();

    @Override
    protected void sumToShapeRaw(EjmlTensor in, EjmlTensor out) {
        axisSum.sum(in.data, in.shape(), out.data, out.shape());
    }

    /**
     * Runs {@code expr} with the inputs {@link #gather} planned to gather: the {@link OffHeapRunner} gathers each
     * into L1-sized chunks read by the kernel compiled with FULL in its place, which the JIT vectorises (a kernel
     * that reads axis inputs itself, at counters, measured 2 to 5 times slower on a per-channel normalisation; one
     * with a row or column input calls exp and tanh an element at a time).
     */
    private void applyGathered(Expr expr, EjmlTensor out, Tensor[] inputs) {
        int rows = out.shape().rows();
        runner.run(
                kernels.floatKernel(expr, gather.kernelModes()),
                gather.runnerModes(),
                out.floats(),
                buffers(inputs),
                rows,
                out.shape().columns(),
                0,
                rows,
                gather.strides(),
                gather.counts());
    }

    private static final String HEAP_ADVICE = "raise the Java heap with -Xmx (for ./glia: GLIA_JAVA_OPTS=-Xmx16g)";

    /** The tensors' arrays as buffers for a runner ({@link EjmlTensor#floats()}, wrapped once per tensor). */
    private static FloatBuffer[] buffers(Tensor[] tensors) {
        FloatBuffer[] buffers = new FloatBuffer[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            buffers[i] = ((EjmlTensor) tensors[i]).floats();
        }
        return buffers;
    }

    // ----- views and block copies

    @Override
    protected EjmlTensor reshapeRaw(EjmlTensor tensor, Shape shape) {
        return new EjmlTensor(tensor, shape);
    }

    @Override
    protected void copyBlockRaw(
            EjmlTensor src,
            int srcRow,
            int srcColumn,
            EjmlTensor dst,
            int dstRow,
            int dstColumn,
            int rows,
            int columns) {
        BlockCopy.copy(
                src.data,
                srcRow,
                srcColumn,
                src.shape().columns(),
                dst.data,
                dstRow,
                dstColumn,
                dst.shape().columns(),
                rows,
                columns);
    }

    // ----- counter-based random numbers: AbstractBackend fills on the host with Philox

    // ----- INT32 tensors, gather and scatterAdd

    @Override
    protected EjmlTensor uploadRaw(int[] data, Shape shape) {
        return new EjmlTensor(this, shape, ledger(), data.clone());
    }

    @Override
    protected void writeRaw(EjmlTensor dst, int[] src) {
        System.arraycopy(src, 0, dst.ints, 0, src.length);
    }

    @Override
    protected void downloadRaw(EjmlTensor src, int[] dst) {
        System.arraycopy(src.ints, 0, dst, 0, dst.length);
    }

    @Override
    protected int firstIndexOutsideRaw(EjmlTensor indices, int limit) {
        return firstOutside(indices.ints, limit);
    }

    @Override
    protected void gatherRaw(EjmlTensor table, EjmlTensor indices, EjmlTensor out) {
        RowScatter.gather(table.data, table.shape().columns(), indices.ints, out.data);
    }

    @Override
    protected void scatterAddRaw(EjmlTensor src, EjmlTensor indices, EjmlTensor table) {
        RowScatter.scatterAdd(src.data, indices.ints, table.data, table.shape().columns());
    }

    // ----- multi-output element-wise

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
            int rows = outs.get(0).shape().rows();
            int columns = outs.get(0).shape().columns();
            if (gather.plan(outs.get(0).shape(), inputs, modes, kernels.stagesExponentials(exprs))) {
                // gathered chunk by chunk into a kernel that reads them as FULL inputs
                FloatBuffer[] buffers = buffers(inputs);
                FloatBuffer[] outBuffers = buffers(outs.toArray(Tensor[]::new));
                multiRunner.run(
                        kernels.multiFloatKernel(exprs, gather.kernelModes()),
                        gather.runnerModes(),
                        outBuffers,
                        n,
                        buffers,
                        rows,
                        columns,
                        0,
                        rows,
                        gather.strides(),
                        gather.counts());
            } else {
                MultiFloatKernel kernel = kernels.multiFloatKernel(exprs, modes);
                kernel.apply(outputArrays, arrays, rows, columns);
            }
        } finally {
            Arrays.fill(arrays, 0, inputs.length, null); // hold no closed tensor's memory
            Arrays.fill(outputArrays, null);
        }
    }

    private final OffHeapColumnRunner columnRunner = new OffHeapColumnRunner();
    private final ColumnOperands columnOuts = new ColumnOperands();
    private final ColumnOperands columnInputs = new ColumnOperands();

    /** Column blocks in place: each block's rows staged from the heap arrays (wrapped) by their stride. */
    @Override
    protected void elementwiseColumnsRaw(List<Expr> exprs, List<ColumnBlock> outs, List<ColumnBlock> inputs) {
        try {
            columnOuts.set(outs, t -> ((EjmlTensor) t).floats(), t -> null);
            columnInputs.set(inputs, t -> ((EjmlTensor) t).floats(), t -> null);
            columnRunner.runFloat(
                    kernels.multiFloatKernel(exprs, columnInputs.kernelModes()),
                    columnOuts,
                    columnInputs,
                    outs.get(0).width(),
                    0,
                    outs.get(0).rows());
        } finally {
            columnOuts.clear();
            columnInputs.clear();
        }
    }

    // ----- convolution windows and permute: the shared kernels over the arrays, in place

    /** Elements a window call touches from which it is split over {@link #threads} (about 0.1 ms of copying). */
    static final long SPLIT_ELEMENTS = 1 << 17;

    private final WindowKernels windows;

    @Override
    protected void im2colRaw(EjmlTensor images, Window2D window, EjmlTensor columns) {
        runWindows(windows.im2col(images.floats(), images.shape(), window, columns.floats()));
    }

    @Override
    protected void col2imRaw(EjmlTensor columns, Window2D window, EjmlTensor images) {
        runWindows(windows.col2im(columns.floats(), window, images.floats(), images.shape()));
    }

    @Override
    protected void maxPool2dRaw(EjmlTensor input, Window2D window, EjmlTensor output, EjmlTensor argmax) {
        runWindows(windows.maxPool(input.floats(), input.shape(), window, output.floats(), argmax.intBuffer()));
    }

    @Override
    protected void maxPool2dBackwardRaw(
            EjmlTensor gradOutput, EjmlTensor argmax, Window2D window, EjmlTensor gradInput) {
        runWindows(windows.maxPoolBackward(
                gradOutput.floats(), argmax.intBuffer(), window, gradInput.floats(), gradInput.shape()));
    }

    @Override
    protected void avgPool2dRaw(EjmlTensor input, Window2D window, EjmlTensor output) {
        runWindows(windows.avgPool(input.floats(), input.shape(), window, output.floats()));
    }

    @Override
    protected void avgPool2dBackwardRaw(EjmlTensor gradOutput, Window2D window, EjmlTensor gradInput) {
        runWindows(windows.avgPoolBackward(gradOutput.floats(), window, gradInput.floats(), gradInput.shape()));
    }

    @Override
    protected void permuteRaw(EjmlTensor input, int[] axes, EjmlTensor output) {
        runWindows(windows.permute(input.floats(), input.shape(), axes, output.floats()));
    }

    /**
     * Runs the window call set up, of {@code units} units: on EJML's pool in {@link #threads} parts when it is
     * large enough (each part writes its own planes, so the result is the same), else on this thread.
     */
    private void runWindows(int units) {
        if (threads == 1 || units < 2 || windows.elements() < SPLIT_ELEMENTS) {
            windows.runAll();
            return;
        }
        int parts = Math.min(threads, units);
        try {
            EjmlConcurrency.loopFor(0, parts, part -> windows.run(part, parts, part));
        } finally {
            windows.finish();
        }
    }
}
