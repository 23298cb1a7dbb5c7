package dev.glia.api.expr;

import dev.glia.api.expr.Expr.Binary;
import dev.glia.api.expr.Expr.Constant;
import dev.glia.api.expr.Expr.Unary;
import dev.glia.api.expr.Expr.Where;

/**
 * Bottom-up algebraic simplification. It folds constants, drops identities ({@code x+0}, {@code x*1},
 * {@code x/1}, {@code x^1}), absorbs zeros ({@code x*0}, {@code 0/x}), cancels {@code --x} and picks the
 * branch of a {@code where} whose condition is constant. Products are kept in one shape, a constant
 * coefficient first ({@code 0.5 * x}): coefficients of nested products are collected into one, signs are
 * pulled out of products and quotients ({@code -a * -b} becomes {@code a * b}), {@code a * (1/b)}
 * becomes {@code a / b}, adding a negative term becomes a subtraction, and like terms are combined
 * ({@code 2*t + t} becomes {@code 3*t}, {@code t - t} becomes 0). It never changes a value for finite
 * inputs beyond float rounding (and the sign of a zero).
 */
final class Simplifier {
    private Simplifier() {}

    static Expr simplify(Expr e) {
        if (e instanceof Unary u) {
            return unary(u.op(), simplify(u.x()));
        } else if (e instanceof Binary b) {
            return binary(b.op(), simplify(b.a()), simplify(b.b()));
        } else if (e instanceof Where w) {
            Expr c = simplify(w.condition());
            Expr t = simplify(w.ifTrue());
            Expr f = simplify(w.ifFalse());
            if (c instanceof Constant k) {
                return k.value() != 0 ? t : f;
            }
            return t.equals(f) ? t : new Where(c, t, f);
        }
        return e;
    }

    private static Expr unary(UnaryOp op, Expr x) {
        if (x instanceof Constant c) {
            return new Constant(op.apply(c.value()));
        }
        if (op == UnaryOp.NEG) {
            return negate(x);
        }
        return new Unary(op, x);
    }

    /** {@code -x} of a simplified {@code x}: the sign cancels, joins a coefficient or swaps a difference. */
    private static Expr negate(Expr x) {
        if (x instanceof Constant c) {
            return new Constant(-c.value());
        }
        if (x instanceof Unary u && u.op() == UnaryOp.NEG) {
            return u.x();
        }
        if (x instanceof Binary b && b.op() == BinaryOp.MUL && b.a() instanceof Constant c) {
            return scale(-c.value(), b.b());
        }
        if (x instanceof Binary b && b.op() == BinaryOp.SUB) {
            return new Binary(BinaryOp.SUB, b.b(), b.a());
        }
        return new Unary(UnaryOp.NEG, x);
    }

    /**
     * A simplified expression as {@code coefficient * rest}; {@code rest} is null for a constant and never
     * a constant, a negation or a product with a constant coefficient itself.
     */
    private record Term(double coefficient, Expr rest) {}

    private static Term split(Expr e) {
        if (e instanceof Constant c) {
            return new Term(c.value(), null);
        }
        if (e instanceof Unary u && u.op() == UnaryOp.NEG) {
            Term inner = split(u.x());
            return new Term(-inner.coefficient(), inner.rest());
        }
        if (e instanceof Binary b && b.op() == BinaryOp.MUL && b.a() instanceof Constant c) {
            return new Term(c.value(), b.b());
        }
        return new Term(1, e);
    }

    /** {@code c * rest} in the canonical shape: 0, {@code rest}, {@code -rest} or {@code c * rest}. */
    private static Expr scale(double c, Expr rest) {
        if (rest == null) {
            return new Constant(c);
        }
        if (c == 0) {
            return new Constant(0);
        }
        if (c == 1) {
            return rest;
        }
        if (c == -1) {
            return negate(rest);
        }
        return new Binary(BinaryOp.MUL, new Constant(c), rest);
    }

    /** The product of two coefficient-free factors (either may be null, meaning 1). */
    private static Expr product(Expr a, Expr b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (b instanceof Unary r && r.op() == UnaryOp.RECIP) {
            return new Binary(BinaryOp.DIV, a, r.x());
        }
        if (a instanceof Unary r && r.op() == UnaryOp.RECIP) {
            return new Binary(BinaryOp.DIV, b, r.x());
        }
        return new Binary(BinaryOp.MUL, a, b);
    }

    private static boolean is(Expr e, double v) {
        return e instanceof Constant c && c.value() == v;
    }

    private static Expr binary(BinaryOp op, Expr a, Expr b) {
        if (a instanceof Constant ca && b instanceof Constant cb) {
            return new Constant(op.apply(ca.value(), cb.value()));
        }
        switch (op) {
            case ADD -> {
                return add(a, b);
            }
            case SUB -> {
                return subtract(a, b);
            }
            case MUL -> {
                Term ta = split(a);
                Term tb = split(b);
                return scale(ta.coefficient() * tb.coefficient(), product(ta.rest(), tb.rest()));
            }
            case DIV -> {
                return divide(a, b);
            }
            case POW -> {
                if (is(b, 1)) {
                    return a;
                }
                if (is(b, 0)) {
                    return new Constant(1);
                }
            }
            default -> {
                // the other operations have no rewrite
            }
        }
        return new Binary(op, a, b);
    }

    private static Expr add(Expr a, Expr b) {
        if (is(a, 0)) {
            return b;
        }
        if (is(b, 0)) {
            return a;
        }
        Term ta = split(a);
        Term tb = split(b);
        if (ta.rest() != null && ta.rest().equals(tb.rest())) {
            return scale(ta.coefficient() + tb.coefficient(), ta.rest());
        }
        if (tb.coefficient() < 0) {
            return subtract(a, scale(-tb.coefficient(), tb.rest()));
        }
        if (ta.coefficient() < 0) {
            return subtract(b, scale(-ta.coefficient(), ta.rest()));
        }
        return new Binary(BinaryOp.ADD, a, b);
    }

    private static Expr subtract(Expr a, Expr b) {
        if (is(b, 0)) {
            return a;
        }
        if (is(a, 0)) {
            return negate(b);
        }
        Term ta = split(a);
        Term tb = split(b);
        if (ta.rest() != null && ta.rest().equals(tb.rest())) {
            return scale(ta.coefficient() - tb.coefficient(), ta.rest());
        }
        if (tb.coefficient() < 0) {
            return add(a, scale(-tb.coefficient(), tb.rest()));
        }
        return new Binary(BinaryOp.SUB, a, b);
    }

    private static Expr divide(Expr a, Expr b) {
        if (is(b, 1)) {
            return a;
        }
        if (is(a, 0)) {
            return new Constant(0);
        }
        Term ta = split(a);
        if (b instanceof Constant cb) {
            // x / 6 stays as written; a coefficient on top joins the divisor: (2*x)/4 = 0.5*x
            return ta.coefficient() == 1
                    ? new Binary(BinaryOp.DIV, a, b)
                    : scale(ta.coefficient() / cb.value(), ta.rest());
        }
        Term tb = split(b);
        double c = ta.coefficient() / tb.coefficient();
        if (ta.rest() == null) {
            return new Binary(BinaryOp.DIV, new Constant(c), tb.rest());
        }
        return scale(c, new Binary(BinaryOp.DIV, ta.rest(), tb.rest()));
    }
}
