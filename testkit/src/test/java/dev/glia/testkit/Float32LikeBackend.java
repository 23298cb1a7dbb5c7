package dev.glia.testkit;

import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.BinaryOp;
import dev.glia.api.expr.Expr;
import dev.glia.api.expr.UnaryOp;
import dev.glia.api.spi.Broadcast;
import dev.glia.api.spi.OpChecks;

/**
 * A legitimate but sloppy float32 backend: gemm and sum accumulate in float, and every element-wise
 * primitive is computed in float and then pushed away from the true value by the error OpenCL's full
 * profile allows (up to 16 ulps for erf and pow). The conformance kit must accept it: this keeps the
 * tolerances honest. FLOAT64 tensors go to the reference unchanged.
 */
final class Float32LikeBackend extends MutantBackend {
    @Override
    public void gemm(boolean ta, boolean tb, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        if (a.dtype() != DType.FLOAT32) {
            super.gemm(ta, tb, alpha, a, b, beta, c);
            return;
        }
        int[] mnk = OpChecks.gemm(ta, tb, a, b, c);
        int m = mnk[0];
        int n = mnk[1];
        int k = mnk[2];
        float[] av = a.toFloatArray();
        float[] bv = b.toFloatArray();
        float[] cv = c.toFloatArray();
        int aCols = a.shape().dim(1);
        int bCols = b.shape().dim(1);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float dot = 0;
                for (int p = 0; p < k; p++) {
                    dot += (ta ? av[p * aCols + i] : av[i * aCols + p]) * (tb ? bv[j * bCols + p] : bv[p * bCols + j]);
                }
                float r = (float) alpha * dot;
                cv[i * n + j] = beta == 0 ? r : r + (float) beta * cv[i * n + j];
            }
        }
        write(c, cv);
    }

    @Override
    public void sum(Tensor in, int axis, Tensor out) {
        if (in.dtype() != DType.FLOAT32) {
            super.sum(in, axis, out);
            return;
        }
        int count = OpChecks.reduction("sum", in, axis, out);
        float[] v = in.toFloatArray();
        int cols = in.shape().columns();
        int length = axis == 0 ? in.shape().rows() : cols;
        float[] s = new float[count];
        for (int o = 0; o < count; o++) {
            for (int p = 0; p < length; p++) {
                s[o] += v[axis == 0 ? p * cols + o : o * cols + p];
            }
        }
        write(out, s);
    }

    @Override
    public void elementwise(Expr expr, Tensor out, Tensor... inputs) {
        if (out.dtype() != DType.FLOAT32) {
            super.elementwise(expr, out, inputs);
            return;
        }
        Broadcast[] modes = OpChecks.elementwise(expr, out, inputs);
        float[][] in = new float[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            in[i] = inputs[i].toFloatArray();
        }
        Shape s = out.shape();
        float[] result = new float[s.size()];
        float[] args = new float[inputs.length];
        for (int r = 0; r < s.rows(); r++) {
            for (int c = 0; c < s.columns(); c++) {
                for (int i = 0; i < inputs.length; i++) {
                    args[i] = in[i][modes[i].index(r, c, s.columns())];
                }
                result[r * s.columns() + c] = eval(expr, args);
            }
        }
        write(out, result);
    }

    static float eval(Expr e, float[] in) {
        if (e instanceof Expr.Constant k) {
            return (float) k.value();
        } else if (e instanceof Expr.Input i) {
            return in[i.index()];
        } else if (e instanceof Expr.Unary u) {
            return nudge((float) u.op().apply(eval(u.x(), in)), ulps(u.op()));
        } else if (e instanceof Expr.Binary b) {
            float a = eval(b.a(), in);
            float c = eval(b.b(), in);
            int ulps = b.op() == BinaryOp.POW ? 16 : b.op() == BinaryOp.DIV ? 3 : 0;
            return nudge((float) b.op().apply(a, c), ulps);
        }
        Expr.Where w = (Expr.Where) e;
        return eval(w.condition(), in) != 0 ? eval(w.ifTrue(), in) : eval(w.ifFalse(), in);
    }

    /** The error OpenCL 1.2's full profile allows, in ulps. */
    private static int ulps(UnaryOp op) {
        switch (op) {
            case NEG:
            case ABS:
                return 0;
            case SIN:
            case COS:
                return 4;
            case TANH:
                return 5;
            case ERF:
                return 16;
            default:
                return 3;
        }
    }

    /** {@code v} moved {@code ulps} float steps away from zero. */
    private static float nudge(float v, int ulps) {
        for (int i = 0; i < ulps; i++) {
            v = v >= 0 ? Math.nextUp(v) : Math.nextDown(v);
        }
        return v;
    }
}
