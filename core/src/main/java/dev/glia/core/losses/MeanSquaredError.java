package dev.glia.core.losses;

import dev.glia.api.Loss;
import dev.glia.api.Tensor;
import dev.glia.api.Workspace;
import dev.glia.api.expr.Expr;

/** Mean over every element of {@code (prediction - target)²}. */
final class MeanSquaredError implements Loss {
    private static final Expr P = Expr.input(0);
    private static final Expr T = Expr.input(1);
    private static final Expr SQUARED_ERROR = P.sub(T).mul(P.sub(T));

    @Override
    public String id() {
        return "mse";
    }

    @Override
    public double value(Workspace ws, Tensor prediction, Tensor target) {
        Losses.checkSameShape(this, prediction, target);
        Tensor squared = ws.buffer("mse.squared", prediction.shape(), prediction.dtype());
        ws.backend().elementwise(SQUARED_ERROR, squared, prediction, target);
        return Reductions.total(ws, squared) / prediction.shape().size();
    }

    @Override
    public void gradient(Workspace ws, Tensor prediction, Tensor target, Tensor gradient) {
        Losses.checkSameShape(this, prediction, target);
        // the batch-dependent scale is a constant of the kernel: one compiled kernel per batch size
        Expr expr = P.sub(T).mul(2.0 / prediction.shape().size());
        ws.backend().elementwise(expr, gradient, prediction, target);
    }
}
