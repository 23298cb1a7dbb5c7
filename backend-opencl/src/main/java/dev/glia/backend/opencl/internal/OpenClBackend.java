package dev.glia.backend.opencl.internal;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.TensorAllocationException;
import dev.glia.api.Window2D;
import dev.glia.api.expr.Expr;
import dev.glia.api.spi.AbstractBackend;
import dev.glia.api.spi.Broadcast;
import dev.glia.api.spi.OpChecks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.cl_mem;

/**
 * The OpenCL backend: tensors in device buffers, every operation a kernel enqueued on one in-order
 * queue. Nothing is read back to the host except by {@code download} (and {@code toFloatArray} …)
 * and by {@code gather}, {@code scatterAdd} and {@code maxPool2dBackward}, which read their indices back to
 * check them (the base class's check), all of which wait for the queue; {@code upload} and {@code write} copy
 * synchronously, so the caller may reuse its array at once.
 *
 * <p>Kernels: {@code gemm.cl}, {@code reduce.cl} and the other op families' files (convolution windows and
 * permute in {@code windows.cl}, {@link WindowKernels}) are built once per configuration
 * ({@link ProgramCache}); each element-wise expression is rendered into its own kernel and cached
 * ({@link ElementwiseKernels}). Closing the backend closes its tensors and releases every kernel,
 * program, the queue and the context. Not thread-safe, as every {@link Backend}.
 */
public final class OpenClBackend extends AbstractBackend<OpenClTensor> {
    /** The name configuration uses. */
    public static final String NAME = "opencl";

    private final DeviceInfo device;
    private final ClContext cl;
    private final ProgramCache programs;
    private final ElementwiseKernels elementwise;
    private final GemmKernels gemm;
    private final Reductions reductions;
    private final BlockCopy blockCopy;
    private final RowKernels rows;
    private final WindowKernels windows;
    private final String description;
    private cl_mem[] inputMems = new cl_mem[4];

    /**
     * A backend on {@code device}; {@code gemmSpec} and {@code edgeSpec} override gemm parameters
     * ({@link GemmParameters#with}), null for the defaults.
     */
    public OpenClBackend(DeviceInfo device, String gemmSpec, String edgeSpec) {
        super(OpenClTensor.class);
        this.device = Objects.requireNonNull(device, "device");
        this.cl = new ClContext(device);
        try {
            this.programs = new ProgramCache(cl);
            this.elementwise = new ElementwiseKernels(cl);
            this.gemm = new GemmKernels(cl, programs, gemmSpec, edgeSpec);
            this.reductions = new Reductions(cl, programs);
            this.blockCopy = new BlockCopy(cl, programs);
            this.rows = new RowKernels(cl, programs);
            this.windows = new WindowKernels(cl, programs);
        } catch (RuntimeException e) {
            cl.close();
            throw e;
        }
        this.description = "JOCL " + OpenClRuntime.joclVersion() + ", " + device.describe();
    }

    @Override
    public String name() {
        return NAME;
    }

    /** JOCL's version, the OpenCL version, the platform and the device, on one line. */
    @Override
    public String description() {
        return description;
    }

    /** FLOAT32 and INT32 always; FLOAT64 when the device has {@code cl_khr_fp64}. */
    @Override
    public boolean supports(DType dtype) {
        return dtype != DType.FLOAT64 || device.fp64();
    }

    /** The device in use. */
    public DeviceInfo device() {
        return device;
    }

    // ----- allocation and transfer

    @Override
    protected OpenClTensor allocateRaw(Shape shape, DType dtype) {
        return register(shape, dtype, outOfMemoryAsError(() -> cl.zeroBuffer(OpChecks.tensorBytes(shape, dtype))));
    }

    @Override
    protected OpenClTensor uploadRaw(float[] data, Shape shape) {
        return register(
                shape, DType.FLOAT32, outOfMemoryAsError(() -> cl.copyBuffer(4L * data.length, Pointer.to(data))));
    }

    @Override
    protected OpenClTensor uploadRaw(double[] data, Shape shape) {
        return register(
                shape, DType.FLOAT64, outOfMemoryAsError(() -> cl.copyBuffer(8L * data.length, Pointer.to(data))));
    }

    /** The device's largest buffer, {@code CL_DEVICE_MAX_MEM_ALLOC_SIZE}. */
    @Override
    public long maxTensorBytes() {
        return device.maxAllocation() > 0 ? device.maxAllocation() : Long.MAX_VALUE;
    }

    /**
     * Runs a buffer creation, turning the device's out-of-memory statuses (CL_MEM_OBJECT_ALLOCATION_FAILURE,
     * CL_OUT_OF_RESOURCES, CL_OUT_OF_HOST_MEMORY) into an {@link OutOfMemoryError}, which
     * {@link OpChecks#allocation} reports as a {@link TensorAllocationException} like every backend's.
     */
    private static cl_mem outOfMemoryAsError(java.util.function.Supplier<cl_mem> create) {
        try {
            return create.get();
        } catch (OpenClException e) {
            if (e.status() == CL.CL_MEM_OBJECT_ALLOCATION_FAILURE
                    || e.status() == CL.CL_OUT_OF_RESOURCES
                    || e.status() == CL.CL_OUT_OF_HOST_MEMORY) {
                OutOfMemoryError error = new OutOfMemoryError(e.getMessage());
                error.initCause(e);
                throw error;
            }
            throw e;
        }
    }

    @Override
    protected String memoryAdvice() {
        return "pick a device with more memory (glia.opencl.device; " + device.name() + " gives at most "
                + TensorAllocationException.size(maxTensorBytes()) + " per buffer, CL_DEVICE_MAX_MEM_ALLOC_SIZE)";
    }

    @Override
    protected void writeRaw(OpenClTensor t, float[] src) {
        writeBuffer(t, t.dtype() == DType.FLOAT32 ? Pointer.to(src) : Pointer.to(HostArrays.toDouble(src)));
    }

    @Override
    protected void writeRaw(OpenClTensor t, double[] src) {
        writeBuffer(t, t.dtype() == DType.FLOAT64 ? Pointer.to(src) : Pointer.to(HostArrays.toFloat(src)));
    }

    @Override
    protected void downloadRaw(OpenClTensor t, float[] dst) {
        if (t.dtype() == DType.FLOAT32) {
            readBuffer(t, Pointer.to(dst));
        } else {
            double[] tmp = new double[dst.length];
            readBuffer(t, Pointer.to(tmp));
            HostArrays.narrow(tmp, dst);
        }
    }

    @Override
    protected void downloadRaw(OpenClTensor t, double[] dst) {
        if (t.dtype() == DType.FLOAT64) {
            readBuffer(t, Pointer.to(dst));
        } else {
            float[] tmp = new float[dst.length];
            readBuffer(t, Pointer.to(tmp));
            HostArrays.widen(tmp, dst);
        }
    }

    private void writeBuffer(OpenClTensor t, Pointer host) {
        Cl.check(
                CL.clEnqueueWriteBuffer(cl.queue(), t.mem, true, 0, t.byteSize(), host, 0, null, null),
                "clEnqueueWriteBuffer");
    }

    private void readBuffer(OpenClTensor t, Pointer host) {
        Cl.check(
                CL.clEnqueueReadBuffer(cl.queue(), t.mem, true, 0, t.byteSize(), host, 0, null, null),
                "clEnqueueReadBuffer");
    }

    // ----- compute

    @Override
    protected void gemmRaw(
            boolean transposeA,
            boolean transposeB,
            double alpha,
            OpenClTensor a,
            OpenClTensor b,
            double beta,
            OpenClTensor c,
            int m,
            int n,
            int k) {
        gemm.run(
                transposeA,
                transposeB,
                m,
                n,
                k,
                alpha,
                a.mem,
                a.shape().dim(1),
                b.mem,
                b.shape().dim(1),
                beta,
                c.mem,
                c.shape().dim(1),
                c.dtype());
    }

    @Override
    protected void elementwiseRaw(Expr expr, OpenClTensor out, Tensor[] inputs, Broadcast[] modes) {
        if (inputMems.length < inputs.length) {
            inputMems = new cl_mem[inputs.length];
        }
        try {
            for (int i = 0; i < inputs.length; i++) {
                inputMems[i] = ((OpenClTensor) inputs[i]).mem;
            }
            ElementwiseKernels.Compiled k = elementwise.get(expr, modes, out.dtype());
            if (alongAxes(out, inputs, modes)) {
                elementwise.run(k, out.mem, out.shape().rows(), out.shape().columns(), inputMems, strides, counts);
            } else {
                elementwise.run(k, out.mem, out.shape().rows(), out.shape().columns(), inputMems);
            }
        } finally {
            Arrays.fill(inputMems, 0, inputs.length, null);
        }
    }

    @Override
    protected void sumRaw(OpenClTensor in, int axis, OpenClTensor out) {
        reduce(Reductions.Op.SUM, in, axis, out);
    }

    @Override
    protected void maxRaw(OpenClTensor in, int axis, OpenClTensor out) {
        reduce(Reductions.Op.MAX, in, axis, out);
    }

    @Override
    protected void argmaxRaw(OpenClTensor in, int axis, OpenClTensor out) {
        reduce(Reductions.Op.ARGMAX, in, axis, out);
    }

    private void reduce(Reductions.Op op, OpenClTensor in, int axis, OpenClTensor out) {
        reductions.run(op, axis, in.mem, in.shape().rows(), in.shape().columns(), out.mem, in.dtype());
    }

    // ----- bookkeeping

    /** OpenCL objects not yet released (buffers, kernels, programs, queue, context); 0 after close. */
    public long openClObjects() {
        return cl.openObjects();
    }

    /** Element-wise kernels cached now. */
    public int cachedElementwiseKernels() {
        return elementwise.size();
    }

    /** Element-wise programs built so far. */
    public long elementwiseBuilds() {
        return elementwise.builds();
    }

    /** The gemm parameters in use for {@code dtype} and B transposed or not: the interior kernel's, then the edges'. */
    public GemmParameters[] gemmParameters(DType dtype, boolean transB) {
        return new GemmParameters[] {gemm.parameters(dtype, transB, false), gemm.parameters(dtype, transB, true)};
    }

    /** Waits until every enqueued kernel has finished. */
    @Override
    public void synchronize() {
        cl.finish();
    }

    /** Closes every tensor still open, then releases every kernel, program, the queue and the context. */
    @Override
    protected void closeRaw() {
        List<RuntimeException> failures = new ArrayList<>();
        for (Tensor t : ledger().openTensors()) {
            ProgramCache.run(t::close, failures);
        }
        ProgramCache.run(elementwise::close, failures);
        ProgramCache.run(programs::close, failures);
        ProgramCache.run(cl::close, failures);
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    @Override
    public String toString() {
        return NAME + " (" + description + ")";
    }

    /** Called by a tensor when it is closed. */
    void release(cl_mem mem) {
        if (mem != null && !cl.isClosed()) {
            cl.release(mem);
        }
    }

    private OpenClTensor register(Shape shape, DType dtype, cl_mem mem) {
        return new OpenClTensor(this, shape, dtype, ledger(), mem);
    }

    /** Why {@code dtype} is missing here: FLOAT64 needs {@code cl_khr_fp64}. */
    @Override
    protected String unsupportedAdvice(DType dtype) {
        return device.name() + " has no cl_khr_fp64; use FLOAT32";
    }

    // ----- views and block copies

    @Override
    protected OpenClTensor reshapeRaw(OpenClTensor tensor, Shape shape) {
        return new OpenClTensor(tensor, shape);
    }

    @Override
    protected void copyBlockRaw(
            OpenClTensor src,
            int srcRow,
            int srcColumn,
            OpenClTensor dst,
            int dstRow,
            int dstColumn,
            int rows,
            int columns) {
        blockCopy.copy(src, srcRow, srcColumn, dst, dstRow, dstColumn, rows, columns);
    }

    // ----- counter-based random numbers

    /** The kernels of {@code random.cl}, made on first use; their programs live in {@link #programs}. */
    private RandomKernels randomKernels;

    private RandomKernels random() {
        if (randomKernels == null) {
            randomKernels = new RandomKernels(cl, programs, device.fp64());
        }
        return randomKernels;
    }

    @Override
    protected void randomUniformRaw(OpenClTensor out, long seed, long offset, double low, double high) {
        random().uniform(out.mem, out.shape().size(), out.dtype(), seed, offset, low, high);
    }

    @Override
    protected void randomNormalRaw(OpenClTensor out, long seed, long offset, double mean, double stddev) {
        random().normal(out.mem, out.shape().size(), out.dtype(), seed, offset, mean, stddev);
    }

    // ----- INT32 tensors, gather and scatterAdd

    @Override
    protected OpenClTensor uploadRaw(int[] data, Shape shape) {
        return register(
                shape, DType.INT32, outOfMemoryAsError(() -> cl.copyBuffer(4L * data.length, Pointer.to(data))));
    }

    @Override
    protected void writeRaw(OpenClTensor t, int[] src) {
        writeBuffer(t, Pointer.to(src));
    }

    @Override
    protected void downloadRaw(OpenClTensor t, int[] dst) {
        readBuffer(t, Pointer.to(dst));
    }

    /** The indices' range is checked by the base class on a blocking read of them ({@link #downloadRaw}). */
    @Override
    protected void gatherRaw(OpenClTensor table, OpenClTensor indices, OpenClTensor out) {
        rows.gather(
                table.mem, table.shape().columns(), indices.mem, indices.shape().size(), out.mem, table.dtype());
    }

    @Override
    protected void scatterAddRaw(OpenClTensor src, OpenClTensor indices, OpenClTensor table) {
        rows.scatterAdd(
                src.mem,
                indices.mem,
                indices.shape().size(),
                table.mem,
                table.shape().columns(),
                table.dtype());
    }

    // ----- axis reductions and per-axis broadcast

    /** The sumToShape launcher, made on first use (it needs {@link #programs}). */
    private AxisSums axisSums;
    /** The strides and counts of the current element-wise call's {@link Broadcast#AXIS} inputs, reused. */
    private int[] strides = new int[4];

    private int[] counts = new int[4];

    @Override
    protected void sumToShapeRaw(OpenClTensor in, OpenClTensor out) {
        if (axisSums == null) {
            axisSums = new AxisSums(cl, programs);
        }
        axisSums.run(in.mem, in.shape(), out.mem, out.shape(), in.dtype());
    }

    /** Whether an input is read along axes; if so, fills {@link #strides} and {@link #counts}. */
    private boolean alongAxes(OpenClTensor out, Tensor[] inputs, Broadcast[] modes) {
        boolean any = false;
        for (int i = 0; i < modes.length; i++) {
            if (modes[i] == Broadcast.AXIS) {
                if (!any && strides.length < modes.length) {
                    strides = new int[modes.length];
                    counts = new int[modes.length];
                }
                any = true;
                strides[i] = Broadcast.axisStride(inputs[i].shape(), out.shape());
                counts[i] = inputs[i].shape().size();
            }
        }
        return any;
    }

    // ----- multi-output element-wise

    private cl_mem[] outputMems = new cl_mem[4];

    @Override
    protected void elementwiseRaw(List<Expr> exprs, List<OpenClTensor> outs, Tensor[] inputs, Broadcast[] modes) {
        if (inputMems.length < inputs.length) {
            inputMems = new cl_mem[inputs.length];
        }
        int n = outs.size();
        if (outputMems.length < n) {
            outputMems = new cl_mem[n];
        }
        try {
            for (int i = 0; i < inputs.length; i++) {
                inputMems[i] = ((OpenClTensor) inputs[i]).mem;
            }
            for (int j = 0; j < n; j++) {
                outputMems[j] = outs.get(j).mem;
            }
            OpenClTensor first = outs.get(0);
            ElementwiseKernels.Compiled k = elementwise.get(exprs, true, modes, first.dtype());
            boolean axes = alongAxes(first, inputs, modes); // sets strides and counts of AXIS inputs
            elementwise.run(
                    k,
                    outputMems,
                    n,
                    first.shape().rows(),
                    first.shape().columns(),
                    inputMems,
                    axes ? strides : null,
                    axes ? counts : null);
        } finally {
            Arrays.fill(inputMems, 0, inputs.length, null);
            Arrays.fill(outputMems, 0, n, null);
        }
    }

    // ----- convolution windows and permute ({@link WindowKernels}, windows.cl)

    @Override
    protected void im2colRaw(OpenClTensor images, Window2D window, OpenClTensor columns) {
        windows.im2col(images, window, columns);
    }

    @Override
    protected void col2imRaw(OpenClTensor columns, Window2D window, OpenClTensor images) {
        windows.col2im(columns, window, images);
    }

    @Override
    protected void maxPool2dRaw(OpenClTensor input, Window2D window, OpenClTensor output, OpenClTensor argmax) {
        windows.maxPool(input, window, output, argmax);
    }

    @Override
    protected void maxPool2dBackwardRaw(
            OpenClTensor gradOutput, OpenClTensor argmax, Window2D window, OpenClTensor gradInput) {
        windows.maxPoolBackward(gradOutput, argmax, window, gradInput);
    }

    @Override
    protected void avgPool2dRaw(OpenClTensor input, Window2D window, OpenClTensor output) {
        windows.avgPool(input, window, output);
    }

    @Override
    protected void avgPool2dBackwardRaw(OpenClTensor gradOutput, Window2D window, OpenClTensor gradInput) {
        windows.avgPoolBackward(gradOutput, window, gradInput);
    }

    @Override
    protected void permuteRaw(OpenClTensor input, int[] axes, OpenClTensor output) {
        windows.permute(input, axes, output);
    }
}
