package dev.glia.core.activations;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.Workspace;
import dev.glia.api.expr.Expr;

/**
 * Log-softmax over each row: {@code y_i = x_i - max - log(sum_j exp(x_j - max))}, finite for any
 * input. Backward: {@code dx = dy - exp(y) * sum(dy)}.
 */
final class LogSoftmax implements Activation {
    private static final Expr X = Expr.input(0);
    private static final Expr SHIFTED_EXP = X.sub(Expr.input(1)).exp();
    /** inputs x, rowMax, rowSumExp. */
    private static final Expr FORWARD = X.sub(Expr.input(1)).sub(Expr.input(2).log());
    /** inputs y, dy, rowSum(dy). */
    private static final Expr BACKWARD = Expr.input(1).sub(X.exp().mul(Expr.input(2)));

    @Override
    public String id() {
        return "log_softmax";
    }

    @Override
    public void forward(Workspace ws, Tensor x, Tensor y) {
        Backend b = ws.backend();
        Shape column = Shape.matrix(x.shape().rows(), 1);
        Tensor rowMax = ws.buffer("log_softmax.max", column, x.dtype());
        Tensor rowSum = ws.buffer("log_softmax.sum", column, x.dtype());
        b.max(x, 1, rowMax);
        b.elementwise(SHIFTED_EXP, y, x, rowMax);
        b.sum(y, 1, rowSum);
        b.elementwise(FORWARD, y, x, rowMax, rowSum);
    }

    @Override
    public void backward(Workspace ws, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        Tensor rowSum = ws.buffer("log_softmax.sum", Shape.matrix(x.shape().rows(), 1), x.dtype());
        ws.backend().sum(dy, 1, rowSum);
        ws.backend().elementwise(BACKWARD, dx, y, dy, rowSum);
    }

    @Override
    public String toString() {
        return "log_softmax(x)_i = x_i - max(x) - log(sum_j exp(x_j - max(x)))";
    }
}
