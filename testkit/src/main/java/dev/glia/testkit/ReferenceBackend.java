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
 * <p>Both {@link DType#FLOAT32} and {@link DType#FLOAT64} are supported. A FLOAT32 tensor stores
 * every value rounded to float ({@code (double) (float) v}), so it holds exactly what float storage
 * would hold, but all arithmetic runs in double and is rounded once, when the result is stored.
 *
 * <p>Semantics that other backends must match:
 * <ul>
 *   <li>{@code gemm}: each element is {@code alpha * dot + beta * c} with the dot product summed in
 *       double; with {@code beta == 0} the old {@code c} is not read at all (a NaN there is ignored).</li>
 *   <li>{@code elementwise}: each output element {@code (r, c)} of the matrix view is
 *       {@link Expr#evaluate} of the inputs read through their {@link Broadcast#index}.</li>
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
        return dtype == DType.FLOAT32 || dtype == DType.FLOAT64;
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
    protected void gemmRaw(boolean transposeA, boolean transposeB, double alpha, RefTensor a, RefTensor b,
            double beta, RefTensor c, int m, int n, int k) {
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
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                // An element reads only its own index of a full input, so writing it in place is safe.
                for (int i = 0; i < inputs.length; i++) {
                    args[i] = ((RefTensor) inputs[i]).data[modes[i].index(r, c, cols)];
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

    private enum Reduction { SUM, MAX, ARGMAX }

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

        @Override
        protected void release() {
            data = null;
        }
    }

    // ----- multi-output element-wise (issue 12, item 3c)

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
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                for (int i = 0; i < inputs.length; i++) {
                    args[i] = ((RefTensor) inputs[i]).data[modes[i].index(r, c, cols)];
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
