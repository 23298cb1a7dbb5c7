package dev.glia.testkit;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import dev.glia.api.spi.AbstractTensor;
import dev.glia.api.spi.Broadcast;
import dev.glia.api.spi.OpChecks;
import dev.glia.api.spi.TensorLedger;
import java.util.Objects;

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
public final class ReferenceBackend implements Backend {
    /** The name configuration uses for this backend. */
    public static final String NAME = "reference";

    private final TensorLedger ledger = new TensorLedger();
    private boolean closed;

    /** A new reference backend holding no tensors. */
    public ReferenceBackend() {
        // nothing to set up
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

    // ----- allocation and transfer

    @Override
    public Tensor allocate(Shape shape, DType dtype) {
        Objects.requireNonNull(shape, "allocate: shape is null");
        Objects.requireNonNull(dtype, "allocate: dtype is null");
        return OpChecks.allocation(this, shape, dtype, HEAP_ADVICE, () -> newTensor(shape, dtype));
    }

    @Override
    public Tensor upload(float[] data, Shape shape) {
        Objects.requireNonNull(data, "upload: data is null");
        Objects.requireNonNull(shape, "upload: shape is null");
        OpChecks.hostLength("upload", shape, data.length);
        RefTensor t = OpChecks.allocation(this, shape, DType.FLOAT32, HEAP_ADVICE, () -> newTensor(shape, DType.FLOAT32));
        t.store(data);
        return t;
    }

    @Override
    public Tensor upload(double[] data, Shape shape) {
        Objects.requireNonNull(data, "upload: data is null");
        Objects.requireNonNull(shape, "upload: shape is null");
        OpChecks.hostLength("upload", shape, data.length);
        RefTensor t = OpChecks.allocation(this, shape, DType.FLOAT64, HEAP_ADVICE, () -> newTensor(shape, DType.FLOAT64));
        t.store(data);
        return t;
    }

    @Override
    public void write(Tensor dst, float[] src) {
        RefTensor t = own(dst, "write");
        Objects.requireNonNull(src, "write: src is null");
        OpChecks.hostLength("write", t.shape(), src.length);
        t.store(src);
    }

    @Override
    public void write(Tensor dst, double[] src) {
        RefTensor t = own(dst, "write");
        Objects.requireNonNull(src, "write: src is null");
        OpChecks.hostLength("write", t.shape(), src.length);
        t.store(src);
    }

    @Override
    public void download(Tensor src, float[] dst) {
        RefTensor t = own(src, "download");
        Objects.requireNonNull(dst, "download: dst is null");
        OpChecks.hostLength("download", t.shape(), dst.length);
        for (int i = 0; i < dst.length; i++) {
            dst[i] = (float) t.data[i];
        }
    }

    @Override
    public void download(Tensor src, double[] dst) {
        RefTensor t = own(src, "download");
        Objects.requireNonNull(dst, "download: dst is null");
        OpChecks.hostLength("download", t.shape(), dst.length);
        System.arraycopy(t.data, 0, dst, 0, dst.length);
    }

    // ----- compute

    @Override
    public void gemm(boolean transposeA, boolean transposeB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        RefTensor ta = own(a, "gemm");
        RefTensor tb = own(b, "gemm");
        RefTensor tc = own(c, "gemm");
        OpChecks.sameDType("gemm", a, b, c);
        int[] mnk = OpChecks.gemm(transposeA, transposeB, a, b, c);
        int m = mnk[0];
        int n = mnk[1];
        int k = mnk[2];
        int aCols = a.shape().dim(1);
        int bCols = b.shape().dim(1);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int p = 0; p < k; p++) {
                    double av = transposeA ? ta.data[p * aCols + i] : ta.data[i * aCols + p];
                    double bv = transposeB ? tb.data[j * bCols + p] : tb.data[p * bCols + j];
                    dot += av * bv;
                }
                double result = alpha * dot;
                if (beta != 0) {
                    result += beta * tc.data[i * n + j];
                }
                tc.set(i * n + j, result);
            }
        }
    }

    @Override
    public void elementwise(Expr expr, Tensor out, Tensor... inputs) {
        Objects.requireNonNull(expr, "elementwise: expression is null");
        Objects.requireNonNull(inputs, "elementwise: inputs is null");
        RefTensor to = own(out, "elementwise");
        RefTensor[] in = new RefTensor[inputs.length];
        Tensor[] all = new Tensor[inputs.length + 1];
        all[0] = out;
        for (int i = 0; i < inputs.length; i++) {
            in[i] = own(inputs[i], "elementwise");
            all[i + 1] = inputs[i];
        }
        OpChecks.sameDType("elementwise", all);
        Broadcast[] modes = OpChecks.elementwise(expr, out, inputs);
        int rows = out.shape().rows();
        int cols = out.shape().columns();
        double[] args = new double[inputs.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                // An element reads only its own index of a full input, so writing it in place is safe.
                for (int i = 0; i < in.length; i++) {
                    args[i] = in[i].data[modes[i].index(r, c, cols)];
                }
                to.set(r * cols + c, expr.evaluate(args));
            }
        }
    }

    @Override
    public void sum(Tensor in, int axis, Tensor out) {
        reduce("sum", in, axis, out, Reduction.SUM);
    }

    @Override
    public void max(Tensor in, int axis, Tensor out) {
        reduce("max", in, axis, out, Reduction.MAX);
    }

    @Override
    public void argmax(Tensor in, int axis, Tensor out) {
        reduce("argmax", in, axis, out, Reduction.ARGMAX);
    }

    private enum Reduction { SUM, MAX, ARGMAX }

    private void reduce(String op, Tensor in, int axis, Tensor out, Reduction kind) {
        RefTensor ti = own(in, op);
        RefTensor to = own(out, op);
        OpChecks.sameDType(op, in, out);
        int count = OpChecks.reduction(op, in, axis, out);
        int rows = in.shape().rows();
        int cols = in.shape().columns();
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

    @Override
    public long liveTensors() {
        return ledger.liveTensors();
    }

    @Override
    public long liveBytes() {
        return ledger.liveBytes();
    }

    /** Closes every tensor still open. Idempotent. */
    @Override
    public void close() {
        closed = true;
        ledger.closeAll();
    }

    @Override
    public String toString() {
        return "ReferenceBackend[live=" + liveTensors() + (closed ? ", closed]" : "]");
    }

    /**
     * Every tensor is a {@code double[]} on the Java heap, so a FLOAT32 tensor takes twice its nominal bytes:
     * half the heap's maximum bounds a tensor's nominal size.
     */
    @Override
    public long maxTensorBytes() {
        return Runtime.getRuntime().maxMemory() / 2;
    }

    private static final String HEAP_ADVICE = "raise the Java heap with -Xmx";

    private RefTensor newTensor(Shape shape, DType dtype) {
        if (!supports(dtype)) {
            throw new IllegalArgumentException("The reference backend does not support " + dtype);
        }
        if (closed) {
            throw new IllegalStateException("The reference backend was closed; it cannot allocate " + shape
                    + " " + dtype);
        }
        return new RefTensor(this, shape, dtype, ledger);
    }

    private RefTensor own(Tensor t, String op) {
        return OpChecks.owned(this, t, RefTensor.class, op);
    }

    /** A reference tensor: a {@code double[]}, rounded to float on every store when FLOAT32. */
    private static final class RefTensor extends AbstractTensor {
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
}
