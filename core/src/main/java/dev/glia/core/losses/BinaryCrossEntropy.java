package dev.glia.core.losses;

import dev.glia.api.FusedLoss;
import dev.glia.api.Tensor;
import dev.glia.api.Workspace;
import dev.glia.api.expr.Expr;

/**
 * Binary cross-entropy, mean over every element: {@code -(t log p + (1 - t) log(1 - p))}. Fused with
 * sigmoid it is computed from the logits z as {@code max(z, 0) - z t + log(1 + e^-|z|)}, which never
 * takes the log of 0.
 */
final class BinaryCrossEntropy implements FusedLoss {
    /** Probabilities are clamped into [EPS, 1 - EPS] in the unfused form. */
    static final double EPS = 1e-7;

    private static final Expr P = Expr.input(0).max(Expr.constant(EPS)).min(Expr.constant(1 - EPS));
    private static final Expr T = Expr.input(1);
    private static final Expr ONE = Expr.constant(1);
    private static final Expr ELEMENT_LOSS =
            T.mul(P.log()).add(ONE.sub(T).mul(ONE.sub(P).log())).neg();
    /** d/dp times n, inputs prediction, target. */
    private static final Expr GRADIENT = P.sub(T).div(P.mul(ONE.sub(P)));

    private static final Expr Z = Expr.input(0);
    private static final Expr LOGIT_LOSS =
            Z.max(Expr.constant(0)).sub(Z.mul(T)).add(Z.abs().neg().exp().add(1).log());
    /** d/dz times n, inputs y, target. */
    private static final Expr LOGIT_GRADIENT = Expr.input(0).sub(T);

    @Override
    public String id() {
        return "binary_cross_entropy";
    }

    @Override
    public String activationId() {
        return "sigmoid";
    }

    @Override
    public double value(Workspace ws, Tensor prediction, Tensor target) {
        return mean(ws, ELEMENT_LOSS, prediction, target);
    }

    @Override
    public void gradient(Workspace ws, Tensor prediction, Tensor target, Tensor gradient) {
        Losses.checkSameShape(this, prediction, target);
        ws.backend().elementwise(GRADIENT.div(prediction.shape().size()), gradient, prediction, target);
    }

    @Override
    public double valueFromLogits(Workspace ws, Tensor z, Tensor target) {
        return mean(ws, LOGIT_LOSS, z, target);
    }

    @Override
    public void gradientFromLogits(Workspace ws, Tensor z, Tensor y, Tensor target, Tensor gradZ) {
        Losses.checkSameShape(this, y, target);
        ws.backend().elementwise(LOGIT_GRADIENT.div(y.shape().size()), gradZ, y, target);
    }

    private double mean(Workspace ws, Expr elementLoss, Tensor input, Tensor target) {
        Losses.checkSameShape(this, input, target);
        Tensor losses = ws.buffer("bce.elements", input.shape(), input.dtype());
        ws.backend().elementwise(elementLoss, losses, input, target);
        return Reductions.total(ws, losses) / input.shape().size();
    }
}
