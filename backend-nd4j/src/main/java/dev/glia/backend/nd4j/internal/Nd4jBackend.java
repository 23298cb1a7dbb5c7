package dev.glia.backend.nd4j.internal;

import dev.glia.api.Backend;
import dev.glia.api.ColumnBlock;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.Window2D;
import dev.glia.api.expr.Expr;
import dev.glia.api.spi.AbstractBackend;
import dev.glia.api.spi.Broadcast;
import dev.glia.kernels.java.GatherPlan;
import dev.glia.kernels.java.KernelCache;
import dev.glia.kernels.java.WindowKernels;
import java.nio.Buffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.Pointer;

/**
 * The native CPU backend: FLOAT32, FLOAT64 and INT32 tensors in native host memory allocated through ND4J
 * ({@link Nd4jTensor}, freed on close), matrix products by OpenBLAS called directly on the buffers
 * ({@link Gemm}, threads chosen per product), element-wise expressions compiled once into fused loops and
 * run over the buffers ({@link Elementwise}), reductions over the buffers ({@link Reductions}). Every
 * operation writes into the caller's output in place; none allocates native memory, and none goes through
 * ND4J's op executioner, whose per-op overhead would dominate at the sizes of a small network.
 *
 * <p>Not thread-safe (one thread drives it at a time), as every {@link Backend}; large operations use the
 * backend's own helper threads ({@link Workers}) internally.
 */
public final class Nd4jBackend extends AbstractBackend<Nd4jTensor> {
    /** The name configuration uses. */
    public static final String NAME = "nd4j";

    private static final int TRANSFER_CHUNK = 2048;

    private final KernelCache kernels = new KernelCache("ND4J backend");
    private final Reductions reductions = new Reductions();
    private final ColumnSums columnSums;
    private final Workers workers;
    private final Gemm gemm;
    private final Elementwise elementwise;
    private final ColumnElementwise columnElementwise;
    private final int threads;
    private final float[] floatChunk = new float[TRANSFER_CHUNK];
    private final double[] doubleChunk = new double[TRANSFER_CHUNK];
    /** The buffers of the current element-wise call's inputs, reused between calls. */
    private FloatBuffer[] floatInputs = new FloatBuffer[4];

    private DoubleBuffer[] doubleInputs = new DoubleBuffer[4];

    /**
     * A backend whose large operations use up to {@code threads} threads; 1 keeps every operation on the
     * calling thread. Starts ND4J's native side first if no probe did.
     *
     * @throws IllegalStateException when ND4J's native library cannot be started, with the reason
     */
    public Nd4jBackend(int threads) {
        this(threads, true);
    }

    /**
     * A backend whose operations use at most {@code threads} threads, and which works suited convolutions by
     * Winograd's tiles ({@link WinogradCalls}) unless {@code winograd} is false.
     */
    public Nd4jBackend(int threads, boolean winograd) {
        super(Nd4jTensor.class);
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
        this.columnElementwise = new ColumnElementwise(workers, kernels);
        this.columnSums = new ColumnSums(workers);
        this.windows = new WindowCalls(workers);
        this.convolutions = new ConvolutionCalls(workers, windows.kernels());
        this.winograd = winograd ? new WinogradCalls(workers) : null;
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
        return true;
    }

    // ----- allocation and transfer

    @Override
    protected Nd4jTensor allocateRaw(Shape shape, DType dtype) {
        return Nd4jTensor.allocate(this, shape, dtype, ledger(), true);
    }

    @Override
    protected Nd4jTensor uploadRaw(float[] data, Shape shape) {
        Nd4jTensor t = Nd4jTensor.allocate(this, shape, DType.FLOAT32, ledger(), false);
        t.floats.put(0, data, 0, data.length);
        return t;
    }

    @Override
    protected Nd4jTensor uploadRaw(double[] data, Shape shape) {
        Nd4jTensor t = Nd4jTensor.allocate(this, shape, DType.FLOAT64, ledger(), false);
        t.doubles.put(0, data, 0, data.length);
        return t;
    }

    @Override
    protected void writeRaw(Nd4jTensor t, float[] src) {
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
    protected void writeRaw(Nd4jTensor t, double[] src) {
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
    protected void downloadRaw(Nd4jTensor t, float[] dst) {
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
    protected void downloadRaw(Nd4jTensor t, double[] dst) {
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
    protected void gemmRaw(
            boolean transposeA,
            boolean transposeB,
            double alpha,
            Nd4jTensor a,
            Nd4jTensor b,
            double beta,
            Nd4jTensor c,
            int m,
            int n,
            int k) {
        gemm.run(transposeA, transposeB, alpha, a, b, beta, c, m, n, k);
    }

    @Override
    protected void elementwiseRaw(Expr expr, Nd4jTensor o, Tensor[] inputs, Broadcast[] modes) {
        int rows = o.shape().rows();
        int columns = o.shape().columns();
        boolean floats = o.dtype() == DType.FLOAT32;
        boolean gathers = gather.plan(o.shape(), inputs, modes, floats && kernels.stagesExponentials(expr));
        Broadcast[] kernelModes = gathers ? gather.kernelModes() : modes; // gathered inputs are read as FULL
        Broadcast[] runnerModes = gathers ? gather.runnerModes() : modes;
        int[] s = gathers ? gather.strides() : null;
        int[] n = gathers ? gather.counts() : null;
        if (floats) {
            FloatBuffer[] buffers = floatInputs(inputs.length);
            try {
                for (int i = 0; i < inputs.length; i++) {
                    buffers[i] = ((Nd4jTensor) inputs[i]).floats;
                }
                elementwise.run(
                        kernels.floatKernel(expr, kernelModes), runnerModes, o.floats, buffers, rows, columns, s, n);
            } finally {
                Arrays.fill(buffers, 0, inputs.length, null); // hold no closed tensor's memory
            }
        } else {
            DoubleBuffer[] buffers = doubleInputs(inputs.length);
            try {
                for (int i = 0; i < inputs.length; i++) {
                    buffers[i] = ((Nd4jTensor) inputs[i]).doubles;
                }
                elementwise.run(
                        kernels.doubleKernel(expr, kernelModes), runnerModes, o.doubles, buffers, rows, columns, s, n);
            } finally {
                Arrays.fill(buffers, 0, inputs.length, null);
            }
        }
    }

    @Override
    protected void sumRaw(Nd4jTensor in, int axis, Nd4jTensor out) {
        int rows = in.shape().rows();
        int columns = in.shape().columns();
        if (axis == 0 && in.dtype() == DType.FLOAT32 && columnSums.splits(rows, columns)) {
            columnSums.sum(in, rows, columns, out); // the same bits as on one thread
        } else {
            reductions.sum(in, rows, columns, axis, out);
        }
    }

    @Override
    protected void maxRaw(Nd4jTensor in, int axis, Nd4jTensor out) {
        reductions.max(in, in.shape().rows(), in.shape().columns(), axis, out);
    }

    @Override
    protected void argmaxRaw(Nd4jTensor in, int axis, Nd4jTensor out) {
        reductions.argmax(in, in.shape().rows(), in.shape().columns(), axis, out);
    }

    // ----- bookkeeping

    /** Closes every tensor still open (freeing its native memory), stops the helper threads, drops the kernels. */
    @Override
    protected void closeRaw() {
        ledger().closeAll();
        convolutions.close();
        if (winograd != null) {
            winograd.close();
        }
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

    @Override
    protected String memoryAdvice() {
        return NATIVE_ADVICE;
    }

    private static final String NATIVE_ADVICE = "raise JavaCPP's caps on native memory: -Xmx (which sets their"
            + " defaults), or -Dorg.bytedeco.javacpp.maxBytes and -Dorg.bytedeco.javacpp.maxPhysicalBytes (0 for no"
            + " cap); for ./glia put them in GLIA_JAVA_OPTS";

    // ----- axis reductions and per-axis broadcast

    private final AxisSums axisSums = new AxisSums();
    /** How the runners gather AXIS inputs, and row and column ones of kernels with exp or tanh: reused. */
    private final GatherPlan gather = new GatherPlan();

    @Override
    protected void sumToShapeRaw(Nd4jTensor in, Nd4jTensor out) {
        axisSums.sum(in, out);
    }

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

    // ----- views and block copies

    @Override
    protected Nd4jTensor reshapeRaw(Nd4jTensor tensor, Shape shape) {
        return new Nd4jTensor(tensor, shape);
    }

    @Override
    protected void copyBlockRaw(
            Nd4jTensor src,
            int srcRow,
            int srcColumn,
            Nd4jTensor dst,
            int dstRow,
            int dstColumn,
            int rows,
            int columns) {
        BlockCopy.copy(src, srcRow, srcColumn, dst, dstRow, dstColumn, rows, columns);
    }

    // ----- counter-based random numbers: AbstractBackend fills on the host with Philox

    // ----- INT32 tensors, gather and scatterAdd

    @Override
    protected Nd4jTensor uploadRaw(int[] data, Shape shape) {
        Nd4jTensor t = Nd4jTensor.allocate(this, shape, DType.INT32, ledger(), false);
        t.ints.put(0, data, 0, data.length);
        return t;
    }

    @Override
    protected void writeRaw(Nd4jTensor t, int[] src) {
        t.ints.put(0, src, 0, src.length);
    }

    @Override
    protected void downloadRaw(Nd4jTensor t, int[] dst) {
        t.ints.get(0, dst, 0, dst.length);
    }

    @Override
    protected int firstIndexOutsideRaw(Nd4jTensor indices, int limit) {
        return RowScatter.firstOutside(indices.ints, indices.shape().size(), limit);
    }

    @Override
    protected void gatherRaw(Nd4jTensor table, Nd4jTensor indices, Nd4jTensor out) {
        int d = table.shape().columns();
        int n = indices.shape().size();
        if (table.dtype() == DType.FLOAT32) {
            RowScatter.gather(table.floats, d, indices.ints, n, out.floats);
        } else {
            RowScatter.gather(table.doubles, d, indices.ints, n, out.doubles);
        }
    }

    @Override
    protected void scatterAddRaw(Nd4jTensor src, Nd4jTensor indices, Nd4jTensor table) {
        int d = table.shape().columns();
        int n = indices.shape().size();
        if (table.dtype() == DType.FLOAT32) {
            RowScatter.scatterAdd(src.floats, indices.ints, n, table.floats, d);
        } else {
            RowScatter.scatterAdd(src.doubles, indices.ints, n, table.doubles, d);
        }
    }

    // ----- multi-output element-wise

    private FloatBuffer[] floatOuts = new FloatBuffer[0];
    private DoubleBuffer[] doubleOuts = new DoubleBuffer[0];

    @Override
    protected void elementwiseRaw(List<Expr> exprs, List<Nd4jTensor> outs, Tensor[] inputs, Broadcast[] modes) {
        int rows = outs.get(0).shape().rows();
        int columns = outs.get(0).shape().columns();
        int n = outs.size();
        boolean floats = outs.get(0).dtype() == DType.FLOAT32;
        boolean gathers = gather.plan(outs.get(0).shape(), inputs, modes, floats && kernels.stagesExponentials(exprs));
        Broadcast[] kernelModes = gathers ? gather.kernelModes() : modes; // gathered inputs are read as FULL
        Broadcast[] runnerModes = gathers ? gather.runnerModes() : modes;
        int[] s = gathers ? gather.strides() : null;
        int[] c = gathers ? gather.counts() : null;
        if (floats) {
            FloatBuffer[] buffers = floatInputs(inputs.length);
            floatOuts = floatOuts.length < n ? new FloatBuffer[n] : floatOuts;
            try {
                for (int i = 0; i < inputs.length; i++) {
                    buffers[i] = ((Nd4jTensor) inputs[i]).floats;
                }
                for (int j = 0; j < n; j++) {
                    floatOuts[j] = outs.get(j).floats;
                }
                elementwise.run(
                        kernels.multiFloatKernel(exprs, kernelModes),
                        runnerModes,
                        floatOuts,
                        n,
                        buffers,
                        rows,
                        columns,
                        s,
                        c);
            } finally {
                Arrays.fill(buffers, 0, inputs.length, null); // hold no closed tensor's memory
                Arrays.fill(floatOuts, 0, n, null);
            }
        } else {
            DoubleBuffer[] buffers = doubleInputs(inputs.length);
            doubleOuts = doubleOuts.length < n ? new DoubleBuffer[n] : doubleOuts;
            try {
                for (int i = 0; i < inputs.length; i++) {
                    buffers[i] = ((Nd4jTensor) inputs[i]).doubles;
                }
                for (int j = 0; j < n; j++) {
                    doubleOuts[j] = outs.get(j).doubles;
                }
                elementwise.run(
                        kernels.multiDoubleKernel(exprs, kernelModes),
                        runnerModes,
                        doubleOuts,
                        n,
                        buffers,
                        rows,
                        columns,
                        s,
                        c);
            } finally {
                Arrays.fill(buffers, 0, inputs.length, null);
                Arrays.fill(doubleOuts, 0, n, null);
            }
        }
    }

    @Override
    protected void elementwiseColumnsRaw(List<Expr> exprs, List<ColumnBlock> outs, List<ColumnBlock> inputs) {
        columnElementwise.run(exprs, outs, inputs);
    }

    // ----- convolution windows and permute: the shared kernels over the direct buffers, on the workers

    private final WindowCalls windows;

    @Override
    protected void im2colRaw(Nd4jTensor images, Window2D window, Nd4jTensor columns) {
        WindowKernels k = windows.kernels();
        windows.run(k.im2col(values(images), images.shape(), window, values(columns)));
    }

    @Override
    protected void col2imRaw(Nd4jTensor columns, Window2D window, Nd4jTensor images) {
        WindowKernels k = windows.kernels();
        windows.run(k.col2im(values(columns), window, values(images), images.shape()));
    }

    @Override
    protected void maxPool2dRaw(Nd4jTensor input, Window2D window, Nd4jTensor output, Nd4jTensor argmax) {
        WindowKernels k = windows.kernels();
        windows.run(k.maxPool(values(input), input.shape(), window, values(output), argmax.ints));
    }

    @Override
    protected void maxPool2dBackwardRaw(
            Nd4jTensor gradOutput, Nd4jTensor argmax, Window2D window, Nd4jTensor gradInput) {
        WindowKernels k = windows.kernels();
        windows.run(k.maxPoolBackward(values(gradOutput), argmax.ints, window, values(gradInput), gradInput.shape()));
    }

    @Override
    protected void avgPool2dRaw(Nd4jTensor input, Window2D window, Nd4jTensor output) {
        WindowKernels k = windows.kernels();
        windows.run(k.avgPool(values(input), input.shape(), window, values(output)));
    }

    @Override
    protected void avgPool2dBackwardRaw(Nd4jTensor gradOutput, Window2D window, Nd4jTensor gradInput) {
        WindowKernels k = windows.kernels();
        windows.run(k.avgPoolBackward(values(gradOutput), window, values(gradInput), gradInput.shape()));
    }

    @Override
    protected void permuteRaw(Nd4jTensor input, int[] axes, Nd4jTensor output) {
        WindowKernels k = windows.kernels();
        windows.run(k.permute(values(input), input.shape(), axes, values(output)));
    }

    /** A float tensor's buffer: its floats (FLOAT32) or doubles (FLOAT64). */
    private static Buffer values(Nd4jTensor t) {
        return t.floats != null ? t.floats : t.doubles;
    }

    // ----- fused convolution: sample by sample where the columns are short (ConvolutionCalls), by Winograd's
    // transforms where they take fewer products (WinogradCalls), else the default

    private final ConvolutionCalls convolutions;
    /** Null when the user turned Winograd's convolutions off. */
    private final WinogradCalls winograd;

    @Override
    protected void conv2dRaw(
            Tensor input, Tensor weight, Tensor bias, Window2D window, Tensor columns, Tensor product, Tensor output) {
        Nd4jTensor cols = (Nd4jTensor) columns;
        if (!ConvolutionCalls.bySample(cols)) {
            if (winograd != null
                    && WinogradCalls.suits((Nd4jTensor) input, window, cols)
                    && winograd.tame((Nd4jTensor) input, (Nd4jTensor) weight)) {
                winograd.forward(
                        (Nd4jTensor) input, (Nd4jTensor) weight, (Nd4jTensor) bias, window, cols, (Nd4jTensor) output);
            } else {
                super.conv2dRaw(input, weight, bias, window, columns, product, output);
            }
            return;
        }
        convolutions.forward(
                (Nd4jTensor) input, (Nd4jTensor) weight, (Nd4jTensor) bias, window, cols, (Nd4jTensor) output);
    }

    @Override
    protected void conv2dBackwardRaw(
            Tensor input,
            Tensor weight,
            Tensor gradOutput,
            Window2D window,
            Tensor columns,
            Tensor product,
            Tensor weightGradient,
            Tensor biasGradient,
            Tensor gradInput) {
        Nd4jTensor cols = (Nd4jTensor) columns;
        if (!ConvolutionCalls.bySample(cols)) {
            boolean suited = winograd != null && WinogradCalls.suits((Nd4jTensor) input, window, cols);
            if (suited && winograd.tame((Nd4jTensor) input, (Nd4jTensor) weight, (Nd4jTensor) gradOutput)) {
                boolean tiledInput =
                        WinogradCalls.suitsInputGradient(weight.shape().dim(0));
                winograd.backward(
                        (Nd4jTensor) input,
                        (Nd4jTensor) weight,
                        (Nd4jTensor) gradOutput,
                        window,
                        cols,
                        (Nd4jTensor) weightGradient,
                        (Nd4jTensor) biasGradient,
                        tiledInput ? (Nd4jTensor) gradInput : null);
                if (gradInput != null && !tiledInput) { // few filters: by columns, sample by sample
                    convolutions.inputGradient(
                            (Nd4jTensor) weight, (Nd4jTensor) gradOutput, window, cols, (Nd4jTensor) gradInput);
                }
            } else {
                if (suited) { // the forward pass may have left Winograd's transformed input in the columns
                    im2colRaw((Nd4jTensor) input, window, cols);
                }
                super.conv2dBackwardRaw(
                        input, weight, gradOutput, window, columns, product, weightGradient, biasGradient, gradInput);
            }
            return;
        }
        convolutions.backward(
                (Nd4jTensor) weight,
                (Nd4jTensor) gradOutput,
                window,
                cols,
                (Nd4jTensor) weightGradient,
                (Nd4jTensor) biasGradient,
                (Nd4jTensor) gradInput);
    }
}
