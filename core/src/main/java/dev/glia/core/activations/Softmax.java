package dev.glia.core.activations;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.Workspace;
import dev.glia.api.expr.Expr;

/**
 * Softmax over each row: {@code y_i = exp(x_i - max x) / sum_j exp(x_j - max x)}. Built from
 * reductions and two fused element-wise kernels; subtracting the row maximum keeps it finite.
 */
final class Softmax implements Activation {
    private static final Expr X = Expr.input(0);
    private static final Expr SHIFTED_EXP = X.sub(Expr.input(1)).exp();
    private static final Expr DIVIDE = X.div(Expr.input(1));
    /** dx = y * (dy - sum(dy * y)), inputs y, dy, rowSum. */
    private static final Expr PRODUCT = X.mul(Expr.input(1));

    private static final Expr BACKWARD = X.mul(Expr.input(1).sub(Expr.input(2)));

    @Override
    public String id() {
        return "softmax";
    }

    @Override
    public void forward(Workspace ws, Tensor x, Tensor y) {
        Backend b = ws.backend();
        Tensor rowStat = ws.buffer("softmax.row", Shape.matrix(x.shape().rows(), 1), x.dtype());
        b.max(x, 1, rowStat);
        b.elementwise(SHIFTED_EXP, y, x, rowStat);
        b.sum(y, 1, rowStat);
        b.elementwise(DIVIDE, y, y, rowStat);
    }

    @Override
    public void backward(Workspace ws, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        Backend b = ws.backend();
        Tensor rowSum = ws.buffer("softmax.row", Shape.matrix(x.shape().rows(), 1), x.dtype());
        Tensor product = ws.buffer("softmax.product", x.shape(), x.dtype());
        b.elementwise(PRODUCT, product, y, dy);
        b.sum(product, 1, rowSum);
        b.elementwise(BACKWARD, dx, y, dy, rowSum);
    }

    @Override
    public String toString() {
        return "softmax(x)_i = exp(x_i - max(x)) / sum_j exp(x_j - max(x))";
    }
}
