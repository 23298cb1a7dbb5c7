package dev.glia.api;

import dev.glia.api.expr.Derivatives;
import dev.glia.api.expr.Expr;

/**
 * An activation defined by a formula over one element. Its derivative is derived symbolically, and
 * forward and backward each run as one fused kernel on every backend, the GPU included.
 *
 * <pre>{@code
 * ElementwiseActivation softsign = new ElementwiseActivation() {
 *     public String id() { return "my_softsign"; }
 *     public Expr apply(Expr x) { return x.div(x.abs().add(1)); }
 * };
 * }</pre>
 */
public interface ElementwiseActivation extends Activation {

    /** The formula {@code f(x)}, built from {@code x} with the {@link Expr} operations. */
    Expr apply(Expr x);

    /**
     * The derivative {@code f'(x)} as a formula in the input {@code x} and, where that is cheaper,
     * the output {@code y = f(x)} (sigmoid: {@code y * (1 - y)}). By default it is derived
     * symbolically from {@link #apply}.
     */
    default Expr derivative(Expr x, Expr y) {
        Expr variable = Expr.input(0);
        return Derivatives.derive(apply(variable), 0).substitute(0, x);
    }

    /** The fused forward kernel: input 0 is {@code x}. */
    default Expr forwardExpr() {
        return apply(Expr.input(0)).simplify();
    }

    /** The fused backward kernel: inputs are {@code x}, {@code y}, {@code dy}; the result is {@code dx}. */
    default Expr backwardExpr() {
        return Expr.input(2).mul(derivative(Expr.input(0), Expr.input(1))).simplify();
    }

    /** Whether the formula, simplified, is the input itself. */
    @Override
    default boolean isIdentity() {
        return forwardExpr().equals(Expr.input(0));
    }

    @Override
    default void forward(Workspace ws, Tensor x, Tensor y) {
        ws.backend().elementwise(forwardExpr(), y, x);
    }

    @Override
    default void backward(Workspace ws, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        ws.backend().elementwise(backwardExpr(), dx, x, y, dy);
    }
}
