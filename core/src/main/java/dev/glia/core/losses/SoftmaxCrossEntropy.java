package dev.glia.core.losses;

import dev.glia.api.Backend;
import dev.glia.api.FusedLoss;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.Workspace;
import dev.glia.api.expr.Expr;

/**
 * Categorical cross-entropy, mean over the rows of {@code -sum_i t_i log p_i}. Fused with softmax it
 * is computed from the logits z as {@code logsumexp(z) * sum(t) - sum(t z)}, with the row maximum
 * subtracted inside the exponential, so it stays finite for any logits. Targets are probability
 * rows (one-hot or soft).
 */
final class SoftmaxCrossEntropy implements FusedLoss {
    private static final double EPS = 1e-12;
    private static final Expr A = Expr.input(0);
    private static final Expr B = Expr.input(1);
    private static final Expr C = Expr.input(2);
    private static final Expr ELEMENT_LOSS =
            B.mul(A.max(Expr.constant(EPS)).log()).neg();
    /** d/dp times rows = -t/p, inputs prediction, target. */
    private static final Expr GRADIENT = B.div(A.max(Expr.constant(EPS))).neg();

    private static final Expr SHIFTED_EXP = A.sub(B).exp();
    /** per element: t * (max + log(sumexp) - z), inputs z, target, rowMax, rowSumExp. */
    private static final Expr LOGIT_LOSS = B.mul(C.add(Expr.input(3).log()).sub(A));
    /** d/dz times rows = y sum(t) - t, inputs y, target, rowSumOfTarget. */
    private static final Expr LOGIT_GRADIENT = A.mul(C).sub(B);

    @Override
    public String id() {
        return "softmax_cross_entropy";
    }

    @Override
    public String activationId() {
        return "softmax";
    }

    @Override
    public double value(Workspace ws, Tensor prediction, Tensor target) {
        Losses.checkSameShape(this, prediction, target);
        Tensor losses = ws.buffer("sce.elements", prediction.shape(), prediction.dtype());
        ws.backend().elementwise(ELEMENT_LOSS, losses, prediction, target);
        return Reductions.total(ws, losses) / prediction.shape().rows();
    }

    @Override
    public void gradient(Workspace ws, Tensor prediction, Tensor target, Tensor gradient) {
        Losses.checkSameShape(this, prediction, target);
        ws.backend().elementwise(GRADIENT.div(prediction.shape().rows()), gradient, prediction, target);
    }

    @Override
    public double valueFromLogits(Workspace ws, Tensor z, Tensor target) {
        Losses.checkSameShape(this, z, target);
        Backend b = ws.backend();
        Shape column = Shape.matrix(z.shape().rows(), 1);
        Tensor rowMax = ws.buffer("sce.rowMax", column, z.dtype());
        Tensor rowSum = ws.buffer("sce.rowSum", column, z.dtype());
        Tensor elements = ws.buffer("sce.elements", z.shape(), z.dtype());
        b.max(z, 1, rowMax);
        b.elementwise(SHIFTED_EXP, elements, z, rowMax);
        b.sum(elements, 1, rowSum);
        b.elementwise(LOGIT_LOSS, elements, z, target, rowMax, rowSum);
        return Reductions.total(ws, elements) / z.shape().rows();
    }

    @Override
    public void gradientFromLogits(Workspace ws, Tensor z, Tensor y, Tensor target, Tensor gradZ) {
        Losses.checkSameShape(this, y, target);
        Tensor targetSum = ws.buffer("sce.targetSum", Shape.matrix(y.shape().rows(), 1), y.dtype());
        ws.backend().sum(target, 1, targetSum);
        ws.backend().elementwise(LOGIT_GRADIENT.div(y.shape().rows()), gradZ, y, target, targetSum);
    }
}
