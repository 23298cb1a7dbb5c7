package dev.glia.core.losses;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.FusedLoss;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.Workspace;
import dev.glia.api.expr.Expr;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Categorical cross-entropy {@code -sum_i t_i log p_i} over the rows of the prediction's last axis, averaged over
 * the rows that hold a target: a {@code [N, V]} prediction has N rows, a {@code [N, T, V]} one N·T (one per time
 * step). Targets are probability rows of the prediction's shape (one-hot or soft) or one class id per row, and a
 * row of zeros or the class id {@link MaskableLoss#NO_TARGET} holds no target (see {@link MaskableLoss}). Fused
 * with softmax it is computed from the logits z as {@code logsumexp(z) * sum(t) - sum(t z)}, with the row maximum
 * subtracted inside the exponential, so it stays finite for any logits. A class id must lie in [-1, V); one
 * outside leaves its row's loss out but counts it (the network checks ids before they reach the loss).
 *
 * <p>Rows are reshape views, so nothing is copied; class ids are compared on the backend with a row
 * {@code [0, 1, …, V-1]} written once per workspace buffer, and the number of rows with a target stays on the
 * backend for the gradient. A value downloads the loss's sum and that count together.
 */
final class SoftmaxCrossEntropy implements FusedLoss, MaskableLoss {
    private static final double EPS = 1e-12;
    private static final Expr A = Expr.input(0);
    private static final Expr B = Expr.input(1);
    private static final Expr C = Expr.input(2);
    private static final Expr D = Expr.input(3);
    private static final Expr E = Expr.input(4);
    private static final Expr LOG_P = A.max(Expr.constant(EPS)).log();
    /** A count of rows, at least 1, so a batch without targets has loss and gradient 0. */
    private static final Expr COUNT = C.max(Expr.constant(1));

    /** Per element, inputs p, t (probability rows). */
    private static final Expr ROW_LOSS = B.mul(LOG_P).neg();
    /** Per element, inputs p, t (ids), iota. */
    private static final Expr ID_LOSS = Expr.where(C.eq(B), LOG_P.neg(), Expr.constant(0));
    /** d/dp, inputs p, t (probability rows), count. */
    private static final Expr ROW_GRADIENT =
            B.div(A.max(Expr.constant(EPS))).neg().div(COUNT);
    /** d/dp, inputs p, t (ids), count, iota. */
    private static final Expr ID_GRADIENT = Expr.where(
                    D.eq(B), A.max(Expr.constant(EPS)).recip().neg(), Expr.constant(0))
            .div(COUNT);

    private static final Expr SHIFTED_EXP = A.sub(B).exp();
    /** Per element t (max + log(sumexp) - z), inputs z, t (probability rows), rowMax, rowSumExp. */
    private static final Expr ROW_LOGIT_LOSS = B.mul(C.add(D.log()).sub(A));
    /** Per element, inputs z, t (ids), rowMax, rowSumExp, iota. */
    private static final Expr ID_LOGIT_LOSS = Expr.where(E.eq(B), C.add(D.log()).sub(A), Expr.constant(0));
    /** d/dz = (y sum(t) - t) / count, inputs y, t (probability rows), count, rowSumOfTarget. */
    private static final Expr ROW_LOGIT_GRADIENT = A.mul(D).sub(B).div(COUNT);
    /** d/dz = (y [t >= 0] - [t = i]) / count, inputs y, t (ids), count, iota. */
    private static final Expr ID_LOGIT_GRADIENT =
            A.mul(B.ge(Expr.constant(0))).sub(D.eq(B)).div(COUNT);
    /** Whether a row holds a target: inputs t (ids) or the row sums of t. */
    private static final Expr HAS_ID = A.ge(Expr.constant(0));

    private static final Expr HAS_ROW = A.gt(Expr.constant(0));

    /** The class-index rows written so far (a workspace replaces a buffer when V changes). */
    private final Map<Tensor, Boolean> iotaWritten = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public String id() {
        return "softmax_cross_entropy";
    }

    @Override
    public String activationId() {
        return "softmax";
    }

    /** A prediction and its target seen as rows of the last axis: [R, V] and [R, V] or [R, 1] for class ids. */
    private final class Rows implements AutoCloseable {
        final Tensor x;
        final Tensor t;
        final boolean ids;
        final int rows;
        final int classes;
        private final Tensor xView;
        private final Tensor tView;

        Rows(Workspace ws, Tensor prediction, Tensor target) {
            Shape s = prediction.shape();
            classes = s.dim(s.rank() - 1);
            rows = s.size() / classes;
            int targetSize = target.shape().size();
            if (targetSize == s.size()) {
                ids = false;
            } else if ((long) targetSize * classes == s.size()) {
                ids = true;
            } else {
                throw new IllegalArgumentException(id() + ": the prediction has shape " + s + " (" + rows
                        + " rows of " + classes + " classes) but the target has shape " + target.shape()
                        + "; give a probability row per row (the prediction's shape) or one class id per row");
            }
            Backend b = ws.backend();
            xView = s.rank() == 2 ? null : b.reshape(prediction, Shape.matrix(rows, classes));
            Shape rowTarget = Shape.matrix(rows, ids ? 1 : classes);
            tView = target.shape().equals(rowTarget) ? null : b.reshape(target, rowTarget);
            x = xView == null ? prediction : xView;
            t = tView == null ? target : tView;
        }

        /** The row weights: 1 where a row holds a target, else 0; [R, 1]. */
        Tensor hasTarget(Workspace ws) {
            Tensor has = ws.buffer("sce.hasTarget", Shape.matrix(rows, 1), x.dtype());
            if (ids) {
                ws.backend().elementwise(HAS_ID, has, t);
            } else {
                Tensor targetSum = targetSum(ws);
                ws.backend().elementwise(HAS_ROW, has, targetSum);
            }
            return has;
        }

        Tensor targetSum(Workspace ws) {
            Tensor targetSum = ws.buffer("sce.targetSum", Shape.matrix(rows, 1), x.dtype());
            ws.backend().sum(t, 1, targetSum);
            return targetSum;
        }

        /** The number of rows with a target, as a one-element tensor on the backend. */
        Tensor count(Workspace ws) {
            Tensor count = ws.buffer("sce.count", Shape.matrix(1, 1), x.dtype());
            Reductions.sum(ws, hasTarget(ws), count);
            return count;
        }

        /** The row [0, 1, …, V-1]. */
        Tensor iota(Workspace ws) {
            Tensor iota = ws.buffer("sce.iota", Shape.matrix(1, classes), x.dtype());
            if (iotaWritten.put(iota, Boolean.TRUE) == null) {
                double[] v = new double[classes];
                for (int i = 0; i < classes; i++) {
                    v[i] = i;
                }
                ws.backend().write(iota, v);
            }
            return iota;
        }

        /** Loss per element summed, over the rows with a target. */
        double mean(Workspace ws, Tensor elements) {
            double[] totals = Reductions.totals(ws, elements, hasTarget(ws));
            return totals[0] / Math.max(1, totals[1]);
        }

        @Override
        public void close() {
            if (xView != null) {
                xView.close();
            }
            if (tView != null) {
                tView.close();
            }
        }
    }

    private Rows rows(Workspace ws, Tensor prediction, Tensor target) {
        if (prediction.dtype() == DType.INT32) {
            throw new IllegalArgumentException(id() + ": the prediction must hold numbers, not INT32");
        }
        return new Rows(ws, prediction, target);
    }

    @Override
    public double value(Workspace ws, Tensor prediction, Tensor target) {
        try (Rows r = rows(ws, prediction, target)) {
            Tensor elements = ws.buffer("sce.elements", r.x.shape(), r.x.dtype());
            if (r.ids) {
                ws.backend().elementwise(ID_LOSS, elements, r.x, r.t, r.iota(ws));
            } else {
                ws.backend().elementwise(ROW_LOSS, elements, r.x, r.t);
            }
            return r.mean(ws, elements);
        }
    }

    @Override
    public void gradient(Workspace ws, Tensor prediction, Tensor target, Tensor gradient) {
        Losses.checkSameShape(this, prediction, gradient);
        try (Rows r = rows(ws, prediction, target);
                Rows g = rows(ws, gradient, target)) {
            if (r.ids) {
                ws.backend().elementwise(ID_GRADIENT, g.x, r.x, r.t, r.count(ws), r.iota(ws));
            } else {
                ws.backend().elementwise(ROW_GRADIENT, g.x, r.x, r.t, r.count(ws));
            }
        }
    }

    @Override
    public double valueFromLogits(Workspace ws, Tensor z, Tensor target) {
        try (Rows r = rows(ws, z, target)) {
            Backend b = ws.backend();
            Shape column = Shape.matrix(r.rows, 1);
            Tensor rowMax = ws.buffer("sce.rowMax", column, z.dtype());
            Tensor rowSum = ws.buffer("sce.rowSum", column, z.dtype());
            Tensor elements = ws.buffer("sce.elements", r.x.shape(), z.dtype());
            b.max(r.x, 1, rowMax);
            b.elementwise(SHIFTED_EXP, elements, r.x, rowMax);
            b.sum(elements, 1, rowSum);
            if (r.ids) {
                b.elementwise(ID_LOGIT_LOSS, elements, r.x, r.t, rowMax, rowSum, r.iota(ws));
            } else {
                b.elementwise(ROW_LOGIT_LOSS, elements, r.x, r.t, rowMax, rowSum);
            }
            return r.mean(ws, elements);
        }
    }

    @Override
    public void gradientFromLogits(Workspace ws, Tensor z, Tensor y, Tensor target, Tensor gradZ) {
        Losses.checkSameShape(this, y, gradZ);
        try (Rows r = rows(ws, y, target);
                Rows g = rows(ws, gradZ, target)) {
            Tensor count = r.count(ws);
            if (r.ids) {
                ws.backend().elementwise(ID_LOGIT_GRADIENT, g.x, r.x, r.t, count, r.iota(ws));
            } else {
                ws.backend().elementwise(ROW_LOGIT_GRADIENT, g.x, r.x, r.t, count, r.targetSum(ws));
            }
        }
    }
}
