package dev.glia.testkit;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import dev.glia.api.spi.AbstractBackend;
import dev.glia.api.spi.AbstractTensor;
import dev.glia.api.spi.Broadcast;
import dev.glia.api.spi.TensorLedger;
import java.util.List;

/**
 * The float64 specification of {@link Backend}: every operation is a plain loop over a
 * {@code double[]} on the Java heap, written to be obviously correct rather than fast. Every other
 * backend is tested against it ({@link BackendConformanceTest}), and gradient checks run on it.
 *
 * <p>Every dtype is supported; an INT32 tensor holds its ints exactly in the {@code double[]}. A FLOAT32 tensor stores
 * every value rounded to float ({@code (double) (float) v}), so it holds exactly what float storage
 * would hold, but all arithmetic runs in double and is rounded once, when the result is stored.
 *
 * <p>Semantics that other backends must match:
 * <ul>
 *   <li>{@code gemm}: each element is {@code alpha * dot + beta * c} with the dot product summed in
 *       double; with {@code beta == 0} the old {@code c} is not read at all (a NaN there is ignored).</li>
 *   <li>{@code elementwise}: each output element {@code (r, c)} of the matrix view is
 *       {@link Expr#evaluate} of the inputs read through their {@link Broadcast#index} (an
 *       {@link Broadcast#AXIS} input through {@link Broadcast#axisIndex}); with several outputs, every
 *       expression of an element is evaluated before any output is written.</li>
 *   <li>{@code gather} copies row {@code indices[i]} to row i; {@code scatterAdd} adds row i into row
 *       {@code indices[i]} for i = 0, 1, ... in order, each sum rounded once as the table's dtype stores it.</li>
 *   <li>{@code sumToShape}: each output element sums its input elements in double, in row-major order.</li>
 *   <li>{@code max} propagates NaN ({@link Math#max}); {@code argmax} gives the index of the first
 *       maximum, or of the first NaN if there is one.</li>
 * </ul>
 *
 * <p>Closing the backend closes every tensor it still holds; allocating after that fails with an
 * {@link IllegalStateException}. Like every backend it is not thread-safe.
 */
public final class ReferenceBackend extends AbstractBackend<ReferenceBackend.RefTensor> {
    /** The name configuration uses for this backend. */
    public static final String NAME = "reference";

    /** A new reference backend holding no tensors. */
    public ReferenceBackend() {
        super(RefTensor.class);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Glia reference backend: plain float64 loops on the Java heap, 1 thread (testkit)";
    }

    @Override
    public boolean supports(DType dtype) {
        return true;
    }

    // ----- allocation and transfer (arguments checked by AbstractBackend)

    @Override
    protected RefTensor allocateRaw(Shape shape, DType dtype) {
        return new RefTensor(this, shape, dtype, ledger());
    }

    @Override
    protected void writeRaw(RefTensor dst, float[] src) {
        dst.store(src);
    }

    @Override
    protected void writeRaw(RefTensor dst, double[] src) {
        dst.store(src);
    }

    @Override
    protected void downloadRaw(RefTensor src, float[] dst) {
        for (int i = 0; i < dst.length; i++) {
            dst[i] = (float) src.data[i];
        }
    }

    @Override
    protected void downloadRaw(RefTensor src, double[] dst) {
        System.arraycopy(src.data, 0, dst, 0, dst.length);
    }

    // ----- compute

    @Override
    protected void gemmRaw(
            boolean transposeA,
            boolean transposeB,
            double alpha,
            RefTensor a,
            RefTensor b,
            double beta,
            RefTensor c,
            int m,
            int n,
            int k) {
        int aCols = a.shape().dim(1);
        int bCols = b.shape().dim(1);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int p = 0; p < k; p++) {
                    double av = transposeA ? a.data[p * aCols + i] : a.data[i * aCols + p];
                    double bv = transposeB ? b.data[j * bCols + p] : b.data[p * bCols + j];
                    dot += av * bv;
                }
                double result = alpha * dot;
                if (beta != 0) {
                    result += beta * c.data[i * n + j];
                }
                c.set(i * n + j, result);
            }
        }
    }

    @Override
    protected void elementwiseRaw(Expr expr, RefTensor out, Tensor[] inputs, Broadcast[] modes) {
        int rows = out.shape().rows();
        int cols = out.shape().columns();
        double[] args = new double[inputs.length];
        int[] strides = new int[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            strides[i] = modes[i] == Broadcast.AXIS ? Broadcast.axisStride(inputs[i].shape(), out.shape()) : 0;
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                // An element reads only its own index of a full input, so writing it in place is safe.
                for (int i = 0; i < inputs.length; i++) {
                    double[] data = ((RefTensor) inputs[i]).data;
                    args[i] = data[
                            modes[i] == Broadcast.AXIS
                                    ? Broadcast.axisIndex(r * cols + c, strides[i], data.length)
                                    : modes[i].index(r, c, cols)];
                }
                out.set(r * cols + c, expr.evaluate(args));
            }
        }
    }

    @Override
    protected void sumRaw(RefTensor in, int axis, RefTensor out) {
        reduce(in, axis, out, Reduction.SUM);
    }

    @Override
    protected void maxRaw(RefTensor in, int axis, RefTensor out) {
        reduce(in, axis, out, Reduction.MAX);
    }

    @Override
    protected void argmaxRaw(RefTensor in, int axis, RefTensor out) {
        reduce(in, axis, out, Reduction.ARGMAX);
    }

    private enum Reduction {
        SUM,
        MAX,
        ARGMAX
    }

    private static void reduce(RefTensor ti, int axis, RefTensor to, Reduction kind) {
        int count = axis == 0 ? ti.shape().columns() : ti.shape().rows();
        int rows = ti.shape().rows();
        int cols = ti.shape().columns();
        int length = axis == 0 ? rows : cols;
        for (int o = 0; o < count; o++) {
            // axis 0: output o is column o, walked down the rows; axis 1: output o is row o.
            int start = axis == 0 ? o : o * cols;
            int stride = axis == 0 ? cols : 1;
            double sum = 0;
            double best = ti.data[start];
            int bestIndex = 0;
            for (int p = 0; p < length; p++) {
                double v = ti.data[start + p * stride];
                sum += v;
                if (kind == Reduction.ARGMAX && !Double.isNaN(best) && (v > best || Double.isNaN(v))) {
                    best = v;
                    bestIndex = p;
                } else if (kind == Reduction.MAX) {
                    best = Math.max(best, v);
                }
            }
            to.set(o, kind == Reduction.SUM ? sum : kind == Reduction.MAX ? best : bestIndex);
        }
    }

    // ----- bookkeeping

    /** Closes every tensor still open. */
    @Override
    protected void closeRaw() {
        ledger().closeAll();
    }

    @Override
    public String toString() {
        return "ReferenceBackend[live=" + liveTensors() + (isClosed() ? ", closed]" : "]");
    }

    /**
     * Every tensor is a {@code double[]} on the Java heap, so a FLOAT32 tensor takes twice its nominal bytes:
     * half the heap's maximum bounds a tensor's nominal size.
     */
    @Override
    public long maxTensorBytes() {
        return Runtime.getRuntime().maxMemory() / 2;
    }

    @Override
    protected String memoryAdvice() {
        return "raise the Java heap with -Xmx";
    }

    /** A reference tensor: a {@code double[]}, rounded to float on every store when FLOAT32; whole numbers when INT32. */

    // ----- axis reductions and per-axis broadcast

    /** Each output element is the sum, in double and in row-major order, of the input elements that map onto it. */
    @Override
    protected void sumToShapeRaw(RefTensor in, RefTensor out) {
        int rank = in.shape().rank();
        int[] dims = in.shape().dims();
        int[] outDims = out.shape().dims();
        double[] sums = new double[out.shape().size()];
        int[] at = new int[rank];
        for (int p = 0; p < in.data.length; p++) {
            int o = 0;
            for (int a = 0; a < rank; a++) {
                o = o * outDims[a] + (outDims[a] == 1 ? 0 : at[a]);
            }
            sums[o] += in.data[p];
            for (int a = rank - 1; a >= 0 && ++at[a] == dims[a]; a--) {
                at[a] = 0;
            }
        }
        for (int o = 0; o < sums.length; o++) {
            out.set(o, sums[o]);
        }
    }

    /** A reference tensor: a {@code double[]}, rounded to float on every store when FLOAT32. */
    static final class RefTensor extends AbstractTensor {
        private final boolean single;
        private double[] data;

        RefTensor(ReferenceBackend owner, Shape shape, DType dtype, TensorLedger ledger) {
            super(owner, shape, dtype, ledger);
            this.single = dtype == DType.FLOAT32;
            this.data = new double[shape.size()];
        }

        void set(int i, double v) {
            data[i] = single ? (double) (float) v : v;
        }

        void store(float[] src) {
            for (int i = 0; i < src.length; i++) {
                data[i] = src[i];
            }
        }

        void store(double[] src) {
            for (int i = 0; i < src.length; i++) {
                set(i, src[i]);
            }
        }

        void store(int[] src) {
            for (int i = 0; i < src.length; i++) {
                data[i] = src[i];
            }
        }

        @Override
        protected void release() {
            data = null;
        }

        /** A view of {@code base} as {@code shape}, sharing its array. */
        RefTensor(RefTensor base, Shape shape) {
            super(base, shape);
            this.single = base.single;
            this.data = base.data;
        }
    }

    // ----- views and block copies

    @Override
    protected RefTensor reshapeRaw(RefTensor tensor, Shape shape) {
        return new RefTensor(tensor, shape);
    }

    /** Element by element: dst(dstRow + r, dstColumn + c) = src(srcRow + r, srcColumn + c). */
    @Override
    protected void copyBlockRaw(
            RefTensor src, int srcRow, int srcColumn, RefTensor dst, int dstRow, int dstColumn, int rows, int columns) {
        int srcColumns = src.shape().columns();
        int dstColumns = dst.shape().columns();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                dst.set((dstRow + r) * dstColumns + dstColumn + c, src.data[(srcRow + r) * srcColumns + srcColumn + c]);
            }
        }
    }

    // ----- counter-based random numbers: AbstractBackend fills on the host with Philox

    // ----- INT32 tensors, gather and scatterAdd

    @Override
    protected void writeRaw(RefTensor dst, int[] src) {
        dst.store(src);
    }

    @Override
    protected void downloadRaw(RefTensor src, int[] dst) {
        for (int i = 0; i < dst.length; i++) {
            dst[i] = (int) src.data[i];
        }
    }

    @Override
    protected int firstIndexOutsideRaw(RefTensor indices, int limit) {
        for (int i = 0; i < indices.data.length; i++) {
            if (indices.data[i] < 0 || indices.data[i] >= limit) {
                return i;
            }
        }
        return -1;
    }

    @Override
    protected void gatherRaw(RefTensor table, RefTensor indices, RefTensor out) {
        int d = table.shape().columns();
        for (int i = 0; i < indices.data.length; i++) {
            int row = (int) indices.data[i];
            for (int j = 0; j < d; j++) {
                out.set(i * d + j, table.data[row * d + j]);
            }
        }
    }

    @Override
    protected void scatterAddRaw(RefTensor src, RefTensor indices, RefTensor table) {
        int d = table.shape().columns();
        for (int i = 0; i < indices.data.length; i++) {
            int row = (int) indices.data[i];
            for (int j = 0; j < d; j++) {
                table.set(row * d + j, table.data[row * d + j] + src.data[i * d + j]);
            }
        }
    }

    // ----- multi-output element-wise

    /**
     * Each element: every expression {@link Expr#evaluate evaluated} from the inputs first, then every output
     * written, so an output that is also an input is read before it is overwritten.
     */
    @Override
    protected void elementwiseRaw(List<Expr> exprs, List<RefTensor> outs, Tensor[] inputs, Broadcast[] modes) {
        int rows = outs.get(0).shape().rows();
        int cols = outs.get(0).shape().columns();
        double[] args = new double[inputs.length];
        double[] values = new double[exprs.size()];
        int[] strides = new int[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            strides[i] = modes[i] == Broadcast.AXIS
                    ? Broadcast.axisStride(inputs[i].shape(), outs.get(0).shape())
                    : 0;
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                for (int i = 0; i < inputs.length; i++) {
                    double[] data = ((RefTensor) inputs[i]).data;
                    args[i] = data[
                            modes[i] == Broadcast.AXIS
                                    ? Broadcast.axisIndex(r * cols + c, strides[i], data.length)
                                    : modes[i].index(r, c, cols)];
                }
                for (int j = 0; j < values.length; j++) {
                    values[j] = exprs.get(j).evaluate(args);
                }
                for (int j = 0; j < values.length; j++) {
                    outs.get(j).set(r * cols + c, values[j]);
                }
            }
        }
    }
}
