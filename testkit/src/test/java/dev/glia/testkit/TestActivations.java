package dev.glia.testkit;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.ElementwiseActivation;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.Workspace;
import dev.glia.api.expr.Expr;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/** Activations like the core's built-ins, written here because the testkit cannot depend on the core. */
public final class TestActivations {
    private static final Expr X = Expr.input(0);

    private TestActivations() {}

    /** relu, sigmoid, tanh (derivatives in y), gelu and softplus (symbolic derivatives) and softmax. */
    public static List<Activation> all() {
        return List.of(
                elementwise("relu", x -> x.max(0), (x, y) -> x.gt(Expr.constant(0))),
                elementwise(
                        "sigmoid",
                        x -> x.neg().exp().add(1).recip(),
                        (x, y) -> y.mul(Expr.constant(1).sub(y))),
                elementwise("tanh", Expr::tanh, (x, y) -> Expr.constant(1).sub(y.mul(y))),
                elementwise(
                        "gelu", x -> x.mul(0.5).mul(x.mul(Math.sqrt(0.5)).erf().add(1)), null),
                elementwise("softplus", x -> x.exp().add(1).log(), null),
                new Softmax());
    }

    /** An element-wise activation; {@code derivative} null means the symbolic one. */
    static ElementwiseActivation elementwise(
            String id, UnaryOperator<Expr> f, BiFunction<Expr, Expr, Expr> derivative) {
        return new ElementwiseActivation() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Expr apply(Expr x) {
                return f.apply(x);
            }

            @Override
            public Expr derivative(Expr x, Expr y) {
                return derivative == null ? ElementwiseActivation.super.derivative(x, y) : derivative.apply(x, y);
            }
        };
    }

    /** Softmax over each row, from reductions and element-wise kernels, with workspace buffers. */
    static final class Softmax implements Activation {
        @Override
        public String id() {
            return "softmax";
        }

        @Override
        public void forward(Workspace ws, Tensor x, Tensor y) {
            Backend b = ws.backend();
            Tensor row = ws.buffer("row", Shape.matrix(x.shape().rows(), 1), x.dtype());
            b.max(x, 1, row);
            b.elementwise(X.sub(Expr.input(1)).exp(), y, x, row);
            b.sum(y, 1, row);
            b.elementwise(X.div(Expr.input(1)), y, y, row);
        }

        @Override
        public void backward(Workspace ws, Tensor x, Tensor y, Tensor dy, Tensor dx) {
            Backend b = ws.backend();
            Tensor row = ws.buffer("row", Shape.matrix(x.shape().rows(), 1), x.dtype());
            Tensor product = ws.buffer("product", x.shape(), x.dtype());
            b.elementwise(X.mul(Expr.input(1)), product, y, dy);
            b.sum(product, 1, row);
            b.elementwise(X.mul(Expr.input(1).sub(Expr.input(2))), dx, y, dy, row);
        }
    }
}
