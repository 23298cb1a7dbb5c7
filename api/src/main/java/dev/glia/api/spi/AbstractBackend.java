package dev.glia.api.spi;

import dev.glia.api.Backend;
import dev.glia.api.ColumnBlock;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.Window2D;
import dev.glia.api.expr.Expr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The base of every backend: its public operations are final and check every argument once, with the
 * messages of {@link OpChecks}, before calling a protected raw operation that the backend implements
 * without checking anything again. So a mistake fails alike on every backend, and before any memory or
 * device is touched.
 *
 * <p>What the checks guarantee a raw operation: every tensor is an open {@code T} of this backend; all
 * tensors of one call share a dtype; host arrays are the tensor's length; the shapes agree (the
 * {@code m, n, k} of a gemm and the {@link Broadcast} of each element-wise input are worked out); an axis
 * is 0 or 1; a new tensor's dtype is {@linkplain #supports supported}, the backend is open and the size is
 * under {@link #maxTensorBytes()}; arithmetic operations see only FLOAT32 and FLOAT64 tensors; the float and
 * double transfers see only float tensors and the int ones only INT32 tensors (the base converts between
 * them, exactly or refused, see {@link Backend#write(Tensor, int[])}); gather's and scatterAdd's indices are in
 * range. Allocation runs inside {@link OpChecks#allocation}, so an
 * {@link OutOfMemoryError} a raw allocation throws becomes a {@link dev.glia.api.TensorAllocationException}.
 *
 * <p>The base also keeps the backend's {@link TensorLedger} and its closed flag. On success the checks
 * allocate nothing but the {@link Broadcast} array of an element-wise call, the host arrays of a transfer that
 * converts to or from INT32, and the copy of the indices that the default {@link #firstIndexOutsideRaw} takes.
 *
 * @param <T> the backend's tensor class
 */
public abstract class AbstractBackend<T extends AbstractTensor> implements Backend {
    private final Class<T> tensorType;
    private final TensorLedger ledger = new TensorLedger();
    private volatile boolean closed;

    /** A backend whose tensors are all of class {@code tensorType}. */
    protected AbstractBackend(Class<T> tensorType) {
        this.tensorType = Objects.requireNonNull(tensorType, "tensorType");
    }

    // ----- raw operations: arguments already checked

    /** A new zero-filled tensor; {@code dtype} is supported and the size fits. May throw {@link OutOfMemoryError}. */
    protected abstract T allocateRaw(Shape shape, DType dtype);

    /** A new FLOAT32 tensor holding {@code data}; by default {@link #allocateRaw} then {@link #writeRaw}. */
    protected T uploadRaw(float[] data, Shape shape) {
        T t = allocateRaw(shape, DType.FLOAT32);
        writeRaw(t, data);
        return t;
    }

    /** A new FLOAT64 tensor holding {@code data}; by default {@link #allocateRaw} then {@link #writeRaw}. */
    protected T uploadRaw(double[] data, Shape shape) {
        T t = allocateRaw(shape, DType.FLOAT64);
        writeRaw(t, data);
        return t;
    }

    /** Overwrites {@code dst} with {@code src}, of its length. */
    protected abstract void writeRaw(T dst, float[] src);

    /** Overwrites {@code dst} with {@code src}, of its length. */
    protected abstract void writeRaw(T dst, double[] src);

    /** Copies {@code src} into {@code dst}, of its length. */
    protected abstract void downloadRaw(T src, float[] dst);

    /** Copies {@code src} into {@code dst}, of its length. */
    protected abstract void downloadRaw(T src, double[] dst);

    /** {@code c = alpha * op(a) * op(b) + beta * c} with {@code op(a)} m×k and {@code op(b)} k×n, checked. */
    protected abstract void gemmRaw(
            boolean transposeA, boolean transposeB, double alpha, T a, T b, double beta, T c, int m, int n, int k);

    /**
     * Evaluates {@code expr} into {@code out}. Every {@code inputs[i]} is a {@code T} of {@code out}'s dtype
     * that broadcasts onto {@code out} as {@code modes[i]}; the arrays are the caller's, read them only.
     */
    protected abstract void elementwiseRaw(Expr expr, T out, Tensor[] inputs, Broadcast[] modes);

    /** Sums along {@code axis} (0 or 1) into {@code out}, which holds the right count and is not {@code in}. */
    protected abstract void sumRaw(T in, int axis, T out);

    /** Maximum along {@code axis}, checked like {@link #sumRaw}. */
    protected abstract void maxRaw(T in, int axis, T out);

    /** Index of the first maximum along {@code axis}, checked like {@link #sumRaw}. */
    protected abstract void argmaxRaw(T in, int axis, T out);

    /** Frees the backend's own resources after {@link #close()} marked it closed; called once. */
    protected abstract void closeRaw();

    /** What raises this backend's memory, for {@link OpChecks#allocation}'s message. */
    protected abstract String memoryAdvice();

    /**
     * Why this backend lacks {@code dtype} and what to use instead, e.g. {@code no cl_khr_fp64 on the device;
     * use FLOAT32}; ends the message of an {@link UnsupportedOperationException}.
     */
    protected String unsupportedAdvice(DType dtype) {
        return "use FLOAT32 or another backend";
    }

    // ----- checked public operations

    @Override
    public final Tensor allocate(Shape shape, DType dtype) {
        Objects.requireNonNull(shape, "allocate: shape is null");
        Objects.requireNonNull(dtype, "allocate: dtype is null");
        checkNew(dtype, "allocate");
        return OpChecks.allocation(this, shape, dtype, memoryAdvice(), () -> allocateRaw(shape, dtype));
    }

    @Override
    public final Tensor upload(float[] data, Shape shape) {
        Objects.requireNonNull(data, "upload: data is null");
        Objects.requireNonNull(shape, "upload: shape is null");
        OpChecks.hostLength("upload", shape, data.length);
        checkNew(DType.FLOAT32, "upload(float[])");
        return OpChecks.allocation(this, shape, DType.FLOAT32, memoryAdvice(), () -> uploadRaw(data, shape));
    }

    @Override
    public final Tensor upload(double[] data, Shape shape) {
        Objects.requireNonNull(data, "upload: data is null");
        Objects.requireNonNull(shape, "upload: shape is null");
        OpChecks.hostLength("upload", shape, data.length);
        checkNew(DType.FLOAT64, "upload(double[])");
        return OpChecks.allocation(this, shape, DType.FLOAT64, memoryAdvice(), () -> uploadRaw(data, shape));
    }

    @Override
    public final void write(Tensor dst, float[] src) {
        T t = OpChecks.owned(this, dst, tensorType, "write");
        Objects.requireNonNull(src, "write: src is null");
        OpChecks.hostLength("write", t.shape(), src.length);
        if (t.dtype() == DType.INT32) {
            writeRaw(t, IntConversions.exact("write", t.shape(), src));
            return;
        }
        writeRaw(t, src);
    }

    @Override
    public final void write(Tensor dst, double[] src) {
        T t = OpChecks.owned(this, dst, tensorType, "write");
        Objects.requireNonNull(src, "write: src is null");
        OpChecks.hostLength("write", t.shape(), src.length);
        if (t.dtype() == DType.INT32) {
            writeRaw(t, IntConversions.exact("write", t.shape(), src));
            return;
        }
        writeRaw(t, src);
    }

    @Override
    public final void download(Tensor src, float[] dst) {
        T t = OpChecks.owned(this, src, tensorType, "download");
        Objects.requireNonNull(dst, "download: dst is null");
        OpChecks.hostLength("download", t.shape(), dst.length);
        if (t.dtype() == DType.INT32) {
            int[] ints = new int[dst.length];
            downloadRaw(t, ints);
            IntConversions.narrow(ints, dst);
            return;
        }
        downloadRaw(t, dst);
    }

    @Override
    public final void download(Tensor src, double[] dst) {
        T t = OpChecks.owned(this, src, tensorType, "download");
        Objects.requireNonNull(dst, "download: dst is null");
        OpChecks.hostLength("download", t.shape(), dst.length);
        if (t.dtype() == DType.INT32) {
            int[] ints = new int[dst.length];
            downloadRaw(t, ints);
            IntConversions.widen(ints, dst);
            return;
        }
        downloadRaw(t, dst);
    }

    @Override
    public final void gemm(
            boolean transposeA, boolean transposeB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        T ta = OpChecks.owned(this, a, tensorType, "gemm");
        T tb = OpChecks.owned(this, b, tensorType, "gemm");
        T tc = OpChecks.owned(this, c, tensorType, "gemm");
        if (a.dtype() != c.dtype() || b.dtype() != c.dtype()) {
            OpChecks.sameDType("gemm", a, b, c);
        }
        OpChecks.floatingPoint("gemm", c);
        OpChecks.gemmShapes(transposeA, transposeB, a, b, c);
        int m = c.shape().dim(0);
        int n = c.shape().dim(1);
        int k = transposeA ? a.shape().dim(0) : a.shape().dim(1);
        gemmRaw(transposeA, transposeB, alpha, ta, tb, beta, tc, m, n, k);
    }

    @Override
    public final void elementwise(Expr expr, Tensor out, Tensor... inputs) {
        Objects.requireNonNull(expr, "elementwise: expr is null");
        Objects.requireNonNull(inputs, "elementwise: inputs is null");
        T o = OpChecks.owned(this, out, tensorType, "elementwise");
        for (Tensor input : inputs) {
            OpChecks.owned(this, input, tensorType, "elementwise");
            if (input.dtype() != out.dtype()) {
                Tensor[] all = new Tensor[inputs.length + 1]; // only to word the failure
                all[0] = out;
                System.arraycopy(inputs, 0, all, 1, inputs.length);
                OpChecks.sameDType("elementwise", all);
            }
        }
        OpChecks.floatingPoint("elementwise", out);
        Broadcast[] modes = OpChecks.elementwise(expr, out, inputs);
        elementwiseRaw(expr, o, inputs, modes);
    }

    @Override
    public final void sum(Tensor in, int axis, Tensor out) {
        T i = reductionInput(in, axis, out, "sum");
        sumRaw(i, axis, tensorType.cast(out));
    }

    @Override
    public final void max(Tensor in, int axis, Tensor out) {
        T i = reductionInput(in, axis, out, "max");
        maxRaw(i, axis, tensorType.cast(out));
    }

    @Override
    public final void argmax(Tensor in, int axis, Tensor out) {
        T i = reductionInput(in, axis, out, "argmax");
        argmaxRaw(i, axis, tensorType.cast(out));
    }

    /** Checks both tensors of a reduction (ownership, open, dtype), the axis and the output's size. */
    private T reductionInput(Tensor in, int axis, Tensor out, String op) {
        T i = OpChecks.owned(this, in, tensorType, op);
        OpChecks.owned(this, out, tensorType, op);
        if (in.dtype() != out.dtype()) {
            OpChecks.sameDType(op, in, out);
        }
        OpChecks.floatingPoint(op, in);
        OpChecks.reduction(op, in, axis, out);
        return i;
    }

    // ----- bookkeeping

    /** The ledger every tensor of this backend registers with ({@link AbstractTensor}'s constructor). */
    protected final TensorLedger ledger() {
        return ledger;
    }

    /** Whether {@link #close()} was called. */
    protected final boolean isClosed() {
        return closed;
    }

    @Override
    public final long liveTensors() {
        return ledger.liveTensors();
    }

    @Override
    public final long liveBytes() {
        return ledger.liveBytes();
    }

    /** Marks the backend closed and then frees it ({@link #closeRaw}) once. Idempotent. */
    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeRaw();
    }

    /** Checks that a new tensor of {@code dtype} may be made: the dtype is supported and the backend open. */
    private void checkNew(DType dtype, String op) {
        if (!supports(dtype)) {
            throw new UnsupportedOperationException(op + ": the " + name() + " backend does not support " + dtype
                    + " (supports(" + dtype + ") is false); " + unsupportedAdvice(dtype));
        }
        if (closed) {
            throw new IllegalStateException(op + ": the " + name() + " backend was closed; create a new one");
        }
    }

    // ----- views and block copies

    /**
     * A new view of {@code tensor}'s memory as {@code shape}, which holds as many elements: a {@code T} made with
     * {@link AbstractTensor#AbstractTensor(AbstractTensor, Shape)}, sharing the memory and holding nothing of its
     * own to free. {@code tensor} may itself be a view.
     */
    protected abstract T reshapeRaw(T tensor, Shape shape);

    /**
     * Copies the {@code rows × columns} block at ({@code srcRow}, {@code srcColumn}) of {@code src}'s matrix view to
     * ({@code dstRow}, {@code dstColumn}) of {@code dst}'s. Checked: one dtype, a block of at least 1 × 1 inside
     * both matrices, and, when the tensors share memory, blocks that share no element.
     */
    protected abstract void copyBlockRaw(
            T src, int srcRow, int srcColumn, T dst, int dstRow, int dstColumn, int rows, int columns);

    @Override
    public final Tensor reshape(Tensor tensor, Shape shape) {
        T t = OpChecks.owned(this, tensor, tensorType, "reshape");
        Objects.requireNonNull(shape, "reshape: shape is null");
        RegionChecks.reshape(t, shape);
        return reshapeRaw(t, shape);
    }

    @Override
    public final void copyBlock(
            Tensor src, int srcRow, int srcColumn, Tensor dst, int dstRow, int dstColumn, int rows, int columns) {
        T s = OpChecks.owned(this, src, tensorType, "copyBlock");
        T d = OpChecks.owned(this, dst, tensorType, "copyBlock");
        if (src.dtype() != dst.dtype()) {
            OpChecks.sameDType("copyBlock", src, dst);
        }
        RegionChecks.copyBlock(s, srcRow, srcColumn, d, dstRow, dstColumn, rows, columns);
        copyBlockRaw(s, srcRow, srcColumn, d, dstRow, dstColumn, rows, columns);
    }

    // ----- counter-based random numbers

    /**
     * Fills {@code out} with uniform numbers in [low, high] exactly as {@link Philox#uniform} defines them; the
     * dtype is FLOAT32 or FLOAT64, {@code low < high} are finite and fit the dtype, and
     * {@code offset + ceil(n / 4)} does not pass {@link Long#MAX_VALUE}. By default computed on the host by
     * {@link Philox} in the tensor's dtype and written with {@link #writeRaw}; a device backend fills on the device.
     */
    protected void randomUniformRaw(T out, long seed, long offset, double low, double high) {
        if (out.dtype() == DType.FLOAT64) {
            double[] v = new double[out.shape().size()];
            Philox.uniform(seed, offset, low, high, v);
            writeRaw(out, v);
        } else {
            float[] v = new float[out.shape().size()];
            Philox.uniform(seed, offset, low, high, v);
            writeRaw(out, v);
        }
    }

    /** Fills {@code out} with normal numbers as {@link Philox#normal} defines them, checked like {@link #randomUniformRaw}. */
    protected void randomNormalRaw(T out, long seed, long offset, double mean, double stddev) {
        if (out.dtype() == DType.FLOAT64) {
            double[] v = new double[out.shape().size()];
            Philox.normal(seed, offset, mean, stddev, v);
            writeRaw(out, v);
        } else {
            float[] v = new float[out.shape().size()];
            Philox.normal(seed, offset, mean, stddev, v);
            writeRaw(out, v);
        }
    }

    @Override
    public final void randomUniform(Tensor out, long seed, long offset, double low, double high) {
        T o = OpChecks.owned(this, out, tensorType, "randomUniform");
        RandomArguments.uniform(o, offset, low, high);
        randomUniformRaw(o, seed, offset, low, high);
    }

    @Override
    public final void randomNormal(Tensor out, long seed, long offset, double mean, double stddev) {
        T o = OpChecks.owned(this, out, tensorType, "randomNormal");
        RandomArguments.normal(o, offset, mean, stddev);
        randomNormalRaw(o, seed, offset, mean, stddev);
    }

    // ----- INT32 tensors, gather and scatterAdd

    /** A new INT32 tensor holding {@code data}; by default {@link #allocateRaw} then {@code writeRaw(T, int[])}. */
    protected T uploadRaw(int[] data, Shape shape) {
        T t = allocateRaw(shape, DType.INT32);
        writeRaw(t, data);
        return t;
    }

    /** Overwrites the INT32 tensor {@code dst} with {@code src}, of its length. */
    protected abstract void writeRaw(T dst, int[] src);

    /** Copies the INT32 tensor {@code src} into {@code dst}, of its length. */
    protected abstract void downloadRaw(T src, int[] dst);

    /**
     * The position of the first element of the INT32 tensor {@code indices} outside [0, {@code limit}), or -1
     * when there is none. By default it downloads the indices ({@code downloadRaw(T, int[])}) and
     * scans them; a host backend overrides it to scan them in place.
     */
    protected int firstIndexOutsideRaw(T indices, int limit) {
        int[] values = new int[indices.shape().size()];
        downloadRaw(indices, values);
        return firstOutside(values, limit);
    }

    /** The position of the first of {@code values} outside [0, {@code limit}), or -1; for {@link #firstIndexOutsideRaw}. */
    protected static int firstOutside(int[] values, int limit) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] >= limit) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Row {@code i} of {@code out} = row {@code indices[i]} of {@code table} (V × D). Checked: the table is
     * float, {@code out} of its dtype holds n × D elements row-major and is not the table, the indices are
     * INT32 and all in [0, V).
     */
    protected abstract void gatherRaw(T table, T indices, T out);

    /** Row {@code indices[i]} of {@code table} += row {@code i} of {@code src}, for i in order; checked like {@link #gatherRaw}. */
    protected abstract void scatterAddRaw(T src, T indices, T table);

    @Override
    public final Tensor upload(int[] data, Shape shape) {
        Objects.requireNonNull(data, "upload: data is null");
        Objects.requireNonNull(shape, "upload: shape is null");
        OpChecks.hostLength("upload", shape, data.length);
        checkNew(DType.INT32, "upload(int[])");
        return OpChecks.allocation(this, shape, DType.INT32, memoryAdvice(), () -> uploadRaw(data, shape));
    }

    @Override
    public final void write(Tensor dst, int[] src) {
        T t = OpChecks.owned(this, dst, tensorType, "write");
        Objects.requireNonNull(src, "write: src is null");
        OpChecks.hostLength("write", t.shape(), src.length);
        if (t.dtype() == DType.INT32) {
            writeRaw(t, src);
        } else {
            writeRaw(t, IntConversions.widen(src));
        }
    }

    @Override
    public final void download(Tensor src, int[] dst) {
        T t = OpChecks.owned(this, src, tensorType, "download");
        Objects.requireNonNull(dst, "download: dst is null");
        OpChecks.hostLength("download", t.shape(), dst.length);
        if (t.dtype() == DType.INT32) {
            downloadRaw(t, dst);
        } else {
            double[] values = new double[dst.length];
            downloadRaw(t, values);
            int[] ints = IntConversions.exact("download", t.shape(), values);
            System.arraycopy(ints, 0, dst, 0, dst.length);
        }
    }

    @Override
    public final void gather(Tensor table, Tensor indices, Tensor out) {
        T tt = OpChecks.owned(this, table, tensorType, "gather");
        T ti = OpChecks.owned(this, indices, tensorType, "gather");
        T to = OpChecks.owned(this, out, tensorType, "gather");
        GatherChecks.check("gather", table, indices, out, "out");
        checkIndices("gather", tt, ti);
        gatherRaw(tt, ti, to);
    }

    @Override
    public final void scatterAdd(Tensor src, Tensor indices, Tensor table) {
        T ts = OpChecks.owned(this, src, tensorType, "scatterAdd");
        T ti = OpChecks.owned(this, indices, tensorType, "scatterAdd");
        T tt = OpChecks.owned(this, table, tensorType, "scatterAdd");
        GatherChecks.check("scatterAdd", table, indices, src, "src");
        checkIndices("scatterAdd", tt, ti);
        scatterAddRaw(ts, ti, tt);
    }

    /** Fails, naming the position, the index and V, when an index lies outside the table's rows. */
    private void checkIndices(String op, T table, T indices) {
        int bad = firstIndexOutsideRaw(indices, table.shape().rows());
        if (bad >= 0) {
            throw GatherChecks.outOfRange(op, table, indices.shape(), bad, indexAt(indices, bad));
        }
    }

    /** Element {@code position} of the INT32 tensor {@code indices}, for the message of an index out of range. */
    private int indexAt(T indices, int position) {
        int[] values = new int[indices.shape().size()];
        downloadRaw(indices, values);
        return values[position];
    }

    // ----- axis reductions and per-axis broadcast

    /**
     * Sums {@code in} over every axis where {@code out} is 1 and {@code in} is not, into {@code out}: same rank
     * and dtype, each dimension of {@code out} {@code in}'s or 1, {@code out} not {@code in}.
     */
    protected abstract void sumToShapeRaw(T in, T out);

    @Override
    public final void sumToShape(Tensor in, Tensor out) {
        T i = OpChecks.owned(this, in, tensorType, "sumToShape");
        T o = OpChecks.owned(this, out, tensorType, "sumToShape");
        if (in.dtype() != out.dtype()) {
            OpChecks.sameDType("sumToShape", in, out);
        }
        OpChecks.sumToShape(in, out);
        sumToShapeRaw(i, o);
    }

    // ----- multi-output element-wise

    /**
     * Evaluates {@code exprs.get(j)} into {@code outs.get(j)} for every {@code j} in one pass; for each
     * element, every expression is evaluated before any output is written, because an output may be a
     * full-shape input. The outputs are distinct {@code T}s of one shape and dtype, at least one, as many
     * as the expressions, sharing no memory; every {@code inputs[i]} is a {@code T} of that dtype broadcasting
     * as {@code modes[i]}, {@link Broadcast#AXIS} included (its stride is {@link Broadcast#axisStride} of its
     * shape onto the outputs' and its count its size). The lists and arrays are the caller's: read them only.
     */
    protected abstract void elementwiseRaw(List<Expr> exprs, List<T> outs, Tensor[] inputs, Broadcast[] modes);

    @Override
    public final void elementwise(List<Expr> exprs, List<Tensor> outs, Tensor... inputs) {
        Objects.requireNonNull(exprs, "elementwise: exprs is null");
        Objects.requireNonNull(outs, "elementwise: outs is null");
        Objects.requireNonNull(inputs, "elementwise: inputs is null");
        if (outs.isEmpty()) {
            OpChecks.elementwise(exprs, outs, inputs); // fails: no expression, or no output for them
        }
        List<T> owned = new ArrayList<>(outs.size());
        for (Tensor out : outs) {
            owned.add(OpChecks.owned(this, out, tensorType, "elementwise"));
        }
        Tensor reference = outs.get(0);
        for (Tensor t : outs) {
            checkSameDType(t, reference, outs, inputs);
        }
        for (Tensor input : inputs) {
            OpChecks.owned(this, input, tensorType, "elementwise");
            checkSameDType(input, reference, outs, inputs);
        }
        OpChecks.floatingPoint("elementwise", reference);
        Broadcast[] modes = OpChecks.elementwise(exprs, outs, inputs);
        elementwiseRaw(exprs, owned, inputs, modes);
    }

    /**
     * {@link Backend#elementwiseColumns} on checked blocks (see there): by default through temporary tensors,
     * {@link #copyBlock} and the tensor form. A backend that can address a block in place overrides it.
     */
    protected void elementwiseColumnsRaw(List<Expr> exprs, List<ColumnBlock> outs, List<ColumnBlock> inputs) {
        ColumnBlockCopies.run(this, exprs, outs, inputs);
    }

    @Override
    public final void elementwiseColumns(List<Expr> exprs, List<ColumnBlock> outs, List<ColumnBlock> inputs) {
        Objects.requireNonNull(exprs, "elementwiseColumns: exprs is null");
        Objects.requireNonNull(outs, "elementwiseColumns: outs is null");
        Objects.requireNonNull(inputs, "elementwiseColumns: inputs is null");
        ownedBlocks(outs, "an output block");
        ownedBlocks(inputs, "an input block");
        ColumnBlockChecks.check(exprs, outs, inputs);
        elementwiseColumnsRaw(exprs, outs, inputs);
    }

    /** Checks that each block is there and its tensor open and this backend's. */
    private void ownedBlocks(List<ColumnBlock> blocks, String what) {
        for (ColumnBlock block : blocks) {
            Objects.requireNonNull(block, "elementwiseColumns: " + what + " is null");
            OpChecks.owned(this, block.tensor(), tensorType, "elementwiseColumns");
        }
    }

    /** Fails, naming every tensor's dtype, if {@code t}'s dtype is not {@code reference}'s. */
    private static void checkSameDType(Tensor t, Tensor reference, List<Tensor> outs, Tensor[] inputs) {
        if (t.dtype() != reference.dtype()) {
            List<Tensor> all = new ArrayList<>(outs); // only to word the failure
            all.addAll(Arrays.asList(inputs));
            OpChecks.sameDType("elementwise", all.toArray(Tensor[]::new));
        }
    }

    // ----- convolution windows and axis permutation

    /**
     * {@link Backend#im2col}, checked: {@code images} {@code [N, C, H, W]} and {@code columns}
     * {@code [C·KH·KW, N·OH·OW]} of one float dtype, distinct memory. By default on the host in double
     * ({@link HostWindows}), through {@link #downloadRaw} and {@link #writeRaw}; backends override it.
     */
    protected void im2colRaw(T images, Window2D window, T columns) {
        double[] out = new double[columns.shape().size()];
        HostWindows.im2col(doubles(images), images.shape(), window, out);
        writeRaw(columns, out);
    }

    /** {@link Backend#col2im}, checked like {@link #im2colRaw}; by default on the host. */
    protected void col2imRaw(T columns, Window2D window, T images) {
        double[] out = new double[images.shape().size()];
        HostWindows.col2im(doubles(columns), images.shape(), window, out);
        writeRaw(images, out);
    }

    /**
     * {@link Backend#maxPool2d}, checked: the output (and INT32 argmax) of the window's output shape, an
     * undilated window padding at most half its kernel, distinct memory. By default on the host.
     */
    protected void maxPool2dRaw(T input, Window2D window, T output, T argmax) {
        double[] out = new double[output.shape().size()];
        int[] positions = new int[out.length];
        HostWindows.maxPool(doubles(input), input.shape(), window, out, positions);
        writeRaw(output, out);
        writeRaw(argmax, positions);
    }

    /** {@link Backend#maxPool2dBackward}, checked like {@link #maxPool2dRaw} and the positions in range. */
    protected void maxPool2dBackwardRaw(T gradOutput, T argmax, Window2D window, T gradInput) {
        int[] positions = new int[argmax.shape().size()];
        downloadRaw(argmax, positions);
        double[] out = new double[gradInput.shape().size()];
        HostWindows.maxPoolBackward(doubles(gradOutput), positions, gradInput.shape(), out);
        writeRaw(gradInput, out);
    }

    /** {@link Backend#avgPool2d}, checked like {@link #maxPool2dRaw}; by default on the host. */
    protected void avgPool2dRaw(T input, Window2D window, T output) {
        double[] out = new double[output.shape().size()];
        HostWindows.avgPool(doubles(input), input.shape(), window, out, false);
        writeRaw(output, out);
    }

    /** {@link Backend#avgPool2dBackward}, checked like {@link #maxPool2dRaw}; by default on the host. */
    protected void avgPool2dBackwardRaw(T gradOutput, Window2D window, T gradInput) {
        double[] out = new double[gradInput.shape().size()];
        HostWindows.avgPool(out, gradInput.shape(), window, doubles(gradOutput), true);
        writeRaw(gradInput, out);
    }

    /**
     * {@link Backend#permute}, checked: {@code axes} a permutation of the input's axes, {@code output} of the
     * permuted shape and the input's float dtype, distinct memory. By default on the host.
     */
    protected void permuteRaw(T input, int[] axes, T output) {
        double[] out = new double[output.shape().size()];
        HostWindows.permute(doubles(input), input.shape(), axes, out);
        writeRaw(output, out);
    }

    private double[] doubles(T t) {
        double[] values = new double[t.shape().size()];
        downloadRaw(t, values);
        return values;
    }

    @Override
    public final void im2col(Tensor input, Window2D window, Tensor columns) {
        T i = OpChecks.owned(this, input, tensorType, "im2col");
        T c = OpChecks.owned(this, columns, tensorType, "im2col");
        WindowChecks.columns("im2col", input, window, columns);
        im2colRaw(i, window, c);
    }

    @Override
    public final void col2im(Tensor columns, Window2D window, Tensor input) {
        T c = OpChecks.owned(this, columns, tensorType, "col2im");
        T i = OpChecks.owned(this, input, tensorType, "col2im");
        WindowChecks.columns("col2im", input, window, columns);
        col2imRaw(c, window, i);
    }

    @Override
    public final void maxPool2d(Tensor input, Window2D window, Tensor output, Tensor argmax) {
        T i = OpChecks.owned(this, input, tensorType, "maxPool2d");
        T o = OpChecks.owned(this, output, tensorType, "maxPool2d");
        T a = OpChecks.owned(this, argmax, tensorType, "maxPool2d");
        WindowChecks.pooling("maxPool2d", input, window, output, argmax);
        maxPool2dRaw(i, window, o, a);
    }

    @Override
    public final void maxPool2dBackward(Tensor gradOutput, Tensor argmax, Window2D window, Tensor gradInput) {
        T g = OpChecks.owned(this, gradOutput, tensorType, "maxPool2dBackward");
        T a = OpChecks.owned(this, argmax, tensorType, "maxPool2dBackward");
        T d = OpChecks.owned(this, gradInput, tensorType, "maxPool2dBackward");
        WindowChecks.pooling("maxPool2dBackward", gradInput, window, gradOutput, argmax);
        int plane = gradInput.shape().dim(2) * gradInput.shape().dim(3);
        int bad = firstIndexOutsideRaw(a, plane);
        if (bad >= 0) {
            throw new IllegalArgumentException(
                    "maxPool2dBackward: argmax" + IntConversions.position(argmax.shape(), bad)
                            + " is " + indexAt(a, bad) + ", outside [0, " + plane + ") for input planes of "
                            + gradInput.shape().dim(2) + "×" + gradInput.shape().dim(3)
                            + "; pass the argmax that maxPool2d wrote");
        }
        maxPool2dBackwardRaw(g, a, window, d);
    }

    @Override
    public final void avgPool2d(Tensor input, Window2D window, Tensor output) {
        T i = OpChecks.owned(this, input, tensorType, "avgPool2d");
        T o = OpChecks.owned(this, output, tensorType, "avgPool2d");
        WindowChecks.pooling("avgPool2d", input, window, output, null);
        avgPool2dRaw(i, window, o);
    }

    @Override
    public final void avgPool2dBackward(Tensor gradOutput, Window2D window, Tensor gradInput) {
        T g = OpChecks.owned(this, gradOutput, tensorType, "avgPool2dBackward");
        T d = OpChecks.owned(this, gradInput, tensorType, "avgPool2dBackward");
        WindowChecks.pooling("avgPool2dBackward", gradInput, window, gradOutput, null);
        avgPool2dBackwardRaw(g, window, d);
    }

    @Override
    public final void permute(Tensor input, int[] axes, Tensor output) {
        T i = OpChecks.owned(this, input, tensorType, "permute");
        T o = OpChecks.owned(this, output, tensorType, "permute");
        WindowChecks.permute(input, axes, output);
        permuteRaw(i, axes.clone(), o);
    }

    // ----- fused convolution

    @Override
    public final void conv2d(
            Tensor input, Tensor weight, Tensor bias, Window2D window, Tensor columns, Tensor product, Tensor output) {
        ConvolutionSteps.checkForward(input, weight, bias, window, columns, product, output);
        owned("conv2d", input, weight, bias, columns, product, output);
        conv2dRaw(input, weight, bias, window, columns, product, output);
    }

    @Override
    public final void conv2dBackward(
            Tensor input,
            Tensor weight,
            Tensor gradOutput,
            Window2D window,
            Tensor columns,
            Tensor product,
            Tensor weightGradient,
            Tensor biasGradient,
            Tensor gradInput) {
        ConvolutionSteps.checkBackward(
                input, weight, gradOutput, window, columns, product, weightGradient, biasGradient, gradInput);
        owned("conv2dBackward", input, weight, gradOutput, columns, product, weightGradient, biasGradient, gradInput);
        conv2dBackwardRaw(input, weight, gradOutput, window, columns, product, weightGradient, biasGradient, gradInput);
    }

    /**
     * {@link Backend#conv2d}, checked (shapes, one float dtype, distinct memory; {@code bias} may be null). By
     * default the public sequence im2col, gemm, permute, bias add, each on this backend; an override must leave
     * in {@code columns} what its {@link #conv2dBackwardRaw} reads: {@code im2col(input)} for the default one.
     */
    protected void conv2dRaw(
            Tensor input, Tensor weight, Tensor bias, Window2D window, Tensor columns, Tensor product, Tensor output) {
        ConvolutionSteps.forward(this, input, weight, bias, window, columns, product, output);
    }

    /**
     * {@link Backend#conv2dBackward}, checked ({@code biasGradient} and {@code gradInput} may be null). By default
     * the public sequence permute, gemm, sum, gemm, col2im, each on this backend. {@code columns} holds what
     * {@link #conv2dRaw} left or {@code im2col(input)}: an override must give the same gradients either way.
     */
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
        ConvolutionSteps.backward(
                this, weight, gradOutput, window, columns, product, weightGradient, biasGradient, gradInput);
    }

    /** Checks that every tensor given (nulls skipped) belongs to this backend. */
    private void owned(String op, Tensor... tensors) {
        for (Tensor t : tensors) {
            if (t != null) {
                OpChecks.owned(this, t, tensorType, op);
            }
        }
    }
}
