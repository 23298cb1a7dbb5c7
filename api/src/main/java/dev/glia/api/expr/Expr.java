package dev.glia.api.expr;

import java.util.Objects;

/**
 * An element-wise formula: a tree over constants, numbered inputs and a fixed set of primitives
 * ({@link UnaryOp}, {@link BinaryOp}, {@link Where}). Element-wise math in Glia is this data, not
 * code: each backend compiles an expression once into one fused kernel, and {@link #evaluate} is the
 * float64 specification they are all tested against.
 *
 * <p>Expressions are immutable values with structural {@code equals}/{@code hashCode}, so backends
 * cache compiled kernels by expression.
 *
 * <pre>{@code
 * Expr x = Expr.input(0);
 * Expr swish = x.mul(x.neg().exp().add(1).recip());   // x * sigmoid(x)
 * Expr dSwish = Derivatives.derive(swish, 0);          // simplified symbolic derivative
 * }</pre>
 */
public sealed interface Expr permits Expr.Constant, Expr.Input, Expr.Unary, Expr.Binary, Expr.Where {

    /** A constant. */
    record Constant(double value) implements Expr {
        /** The formula, inputs named {@code in0}, {@code in1} … */
        @Override
        public String toString() {
            return format();
        }
    }

    /** Input number {@code index} (the tensor {@code inputs[index]} of an element-wise call). */
    record Input(int index) implements Expr {
        /** The formula, inputs named {@code in0}, {@code in1} … */
        @Override
        public String toString() {
            return format();
        }

        /** Checks the index. */
        public Input {
            if (index < 0) {
                throw new IllegalArgumentException("Input index must be >= 0, got " + index);
            }
        }
    }

    /** A one-argument primitive applied to {@code x}. */
    record Unary(UnaryOp op, Expr x) implements Expr {
        /** The formula, inputs named {@code in0}, {@code in1} … */
        @Override
        public String toString() {
            return format();
        }

        /** Checks for nulls. */
        public Unary {
            Objects.requireNonNull(op);
            Objects.requireNonNull(x);
        }
    }

    /** A two-argument primitive applied to {@code a} and {@code b}. */
    record Binary(BinaryOp op, Expr a, Expr b) implements Expr {
        /** The formula, inputs named {@code in0}, {@code in1} … */
        @Override
        public String toString() {
            return format();
        }

        /** Checks for nulls. */
        public Binary {
            Objects.requireNonNull(op);
            Objects.requireNonNull(a);
            Objects.requireNonNull(b);
        }
    }

    /** {@code ifTrue} where {@code condition} is non-zero, else {@code ifFalse}. */
    record Where(Expr condition, Expr ifTrue, Expr ifFalse) implements Expr {
        /** The formula, inputs named {@code in0}, {@code in1} … */
        @Override
        public String toString() {
            return format();
        }

        /** Checks for nulls. */
        public Where {
            Objects.requireNonNull(condition);
            Objects.requireNonNull(ifTrue);
            Objects.requireNonNull(ifFalse);
        }
    }

    // ----- construction

    /** Input number {@code index}. */
    static Expr input(int index) {
        return new Input(index);
    }

    /** A constant. */
    static Expr constant(double value) {
        return new Constant(value);
    }

    /** {@code ifTrue} where {@code condition} is non-zero, else {@code ifFalse}. */
    static Expr where(Expr condition, Expr ifTrue, Expr ifFalse) {
        return new Where(condition, ifTrue, ifFalse);
    }

    /** This expression with a one-argument primitive applied. */
    default Expr apply(UnaryOp op) {
        return new Unary(op, this);
    }

    /** A two-argument primitive applied to this and {@code other}. */
    default Expr apply(BinaryOp op, Expr other) {
        return new Binary(op, this, other);
    }

    /** {@code -this}. */
    default Expr neg() {
        return apply(UnaryOp.NEG);
    }

    /** {@code |this|}. */
    default Expr abs() {
        return apply(UnaryOp.ABS);
    }

    /** {@code e^this}. */
    default Expr exp() {
        return apply(UnaryOp.EXP);
    }

    /** Natural logarithm. */
    default Expr log() {
        return apply(UnaryOp.LOG);
    }

    /** Square root. */
    default Expr sqrt() {
        return apply(UnaryOp.SQRT);
    }

    /** {@code 1 / this}. */
    default Expr recip() {
        return apply(UnaryOp.RECIP);
    }

    /** Sine. */
    default Expr sin() {
        return apply(UnaryOp.SIN);
    }

    /** Cosine. */
    default Expr cos() {
        return apply(UnaryOp.COS);
    }

    /** Hyperbolic tangent. */
    default Expr tanh() {
        return apply(UnaryOp.TANH);
    }

    /** The error function. */
    default Expr erf() {
        return apply(UnaryOp.ERF);
    }

    /** {@code this + other}. */
    default Expr add(Expr other) {
        return apply(BinaryOp.ADD, other);
    }

    /** {@code this + c}. */
    default Expr add(double c) {
        return add(constant(c));
    }

    /** {@code this - other}. */
    default Expr sub(Expr other) {
        return apply(BinaryOp.SUB, other);
    }

    /** {@code this - c}. */
    default Expr sub(double c) {
        return sub(constant(c));
    }

    /** {@code this * other}. */
    default Expr mul(Expr other) {
        return apply(BinaryOp.MUL, other);
    }

    /** {@code this * c}. */
    default Expr mul(double c) {
        return mul(constant(c));
    }

    /** {@code this / other}. */
    default Expr div(Expr other) {
        return apply(BinaryOp.DIV, other);
    }

    /** {@code this / c}. */
    default Expr div(double c) {
        return div(constant(c));
    }

    /** The larger of this and {@code other}. */
    default Expr max(Expr other) {
        return apply(BinaryOp.MAX, other);
    }

    /** The larger of this and {@code c}. */
    default Expr max(double c) {
        return max(constant(c));
    }

    /** The smaller of this and {@code other}. */
    default Expr min(Expr other) {
        return apply(BinaryOp.MIN, other);
    }

    /** The smaller of this and {@code c}. */
    default Expr min(double c) {
        return min(constant(c));
    }

    /** This to the power {@code other}. */
    default Expr pow(Expr other) {
        return apply(BinaryOp.POW, other);
    }

    /** This to the power {@code c}. */
    default Expr pow(double c) {
        return pow(constant(c));
    }

    /** 1 where this is less than {@code other}, else 0. */
    default Expr lt(Expr other) {
        return apply(BinaryOp.LT, other);
    }

    /** 1 where this is at most {@code other}, else 0. */
    default Expr le(Expr other) {
        return apply(BinaryOp.LE, other);
    }

    /** 1 where this is greater than {@code other}, else 0. */
    default Expr gt(Expr other) {
        return apply(BinaryOp.GT, other);
    }

    /** 1 where this is at least {@code other}, else 0. */
    default Expr ge(Expr other) {
        return apply(BinaryOp.GE, other);
    }

    /** 1 where this equals {@code other}, else 0. */
    default Expr eq(Expr other) {
        return apply(BinaryOp.EQ, other);
    }

    // ----- analysis

    /** Evaluates in float64: input {@code i} is {@code inputs[i]}. The specification of every backend. */
    default double evaluate(double... inputs) {
        if (this instanceof Constant c) {
            return c.value();
        } else if (this instanceof Input in) {
            if (in.index() >= inputs.length) {
                throw new IllegalArgumentException("The expression reads input " + in.index() + " but only "
                        + inputs.length + " values were given");
            }
            return inputs[in.index()];
        } else if (this instanceof Unary u) {
            return u.op().apply(u.x().evaluate(inputs));
        } else if (this instanceof Binary b) {
            return b.op().apply(b.a().evaluate(inputs), b.b().evaluate(inputs));
        } else {
            Where w = (Where) this;
            return w.condition().evaluate(inputs) != 0
                    ? w.ifTrue().evaluate(inputs)
                    : w.ifFalse().evaluate(inputs);
        }
    }

    /** One more than the highest input index used, 0 for a constant expression. */
    default int inputCount() {
        if (this instanceof Input in) {
            return in.index() + 1;
        } else if (this instanceof Unary u) {
            return u.x().inputCount();
        } else if (this instanceof Binary b) {
            return Math.max(b.a().inputCount(), b.b().inputCount());
        } else if (this instanceof Where w) {
            return Math.max(
                    w.condition().inputCount(),
                    Math.max(w.ifTrue().inputCount(), w.ifFalse().inputCount()));
        }
        return 0;
    }

    /** This expression with input {@code index} replaced by {@code replacement}. */
    default Expr substitute(int index, Expr replacement) {
        if (this instanceof Input in) {
            return in.index() == index ? replacement : this;
        } else if (this instanceof Unary u) {
            return new Unary(u.op(), u.x().substitute(index, replacement));
        } else if (this instanceof Binary b) {
            return new Binary(b.op(), b.a().substitute(index, replacement), b.b().substitute(index, replacement));
        } else if (this instanceof Where w) {
            return new Where(
                    w.condition().substitute(index, replacement),
                    w.ifTrue().substitute(index, replacement),
                    w.ifFalse().substitute(index, replacement));
        }
        return this;
    }

    /** The simplified equivalent: constants folded, {@code x*1}, {@code x+0}, {@code x*0} and the like removed. */
    default Expr simplify() {
        return Simplifier.simplify(this);
    }

    /** An infix rendering with the inputs named, e.g. {@code format("x")} gives {@code max(x, 0)}. */
    default String format(String... inputNames) {
        return ExprFormatter.format(this, inputNames);
    }
}
