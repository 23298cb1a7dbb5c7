package dev.glia.core.activations;

import dev.glia.api.ElementwiseActivation;
import dev.glia.api.Tensor;
import dev.glia.api.Workspace;
import dev.glia.api.expr.Expr;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * An element-wise activation given by a formula, with its forward and backward kernels built once.
 * Made by {@link Activations#of(String, UnaryOperator)}.
 */
final class ExprActivation implements ElementwiseActivation {
    private final String id;
    private final UnaryOperator<Expr> formula;
    private final BinaryOperator<Expr> derivative;
    private final Expr forward;
    private final Expr backward;
    private final boolean heInitialization;

    /** {@code derivative} may be null: it is then derived symbolically. */
    ExprActivation(String id, UnaryOperator<Expr> formula, BinaryOperator<Expr> derivative) {
        this(id, formula, derivative, false);
    }

    /** With {@code heInitialization}, layers feeding it start with He initialisation (ReLU). */
    ExprActivation(String id, UnaryOperator<Expr> formula, BinaryOperator<Expr> derivative, boolean heInitialization) {
        this.heInitialization = heInitialization;
        this.id = Objects.requireNonNull(id, "id");
        this.formula = Objects.requireNonNull(formula, "formula");
        this.derivative = derivative;
        this.forward = ElementwiseActivation.super.forwardExpr();
        this.backward = ElementwiseActivation.super.backwardExpr();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean suitsHeInitialization() {
        return heInitialization;
    }

    @Override
    public Expr apply(Expr x) {
        return formula.apply(x);
    }

    @Override
    public Expr derivative(Expr x, Expr y) {
        return derivative != null ? derivative.apply(x, y) : ElementwiseActivation.super.derivative(x, y);
    }

    @Override
    public Expr forwardExpr() {
        return forward;
    }

    @Override
    public Expr backwardExpr() {
        return backward;
    }

    @Override
    public void forward(Workspace ws, Tensor x, Tensor y) {
        ws.backend().elementwise(forward, y, x);
    }

    @Override
    public void backward(Workspace ws, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        ws.backend().elementwise(backward, dx, x, y, dy);
    }

    /** The class of the formula: a lambda's class belongs to the jar of the code that wrote it. */
    Class<?> formulaClass() {
        return formula.getClass();
    }

    @Override
    public String toString() {
        return id + "(x) = " + forward.format("x");
    }
}
