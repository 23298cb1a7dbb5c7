package dev.glia.api.expr;

import dev.glia.api.expr.Expr.Binary;
import dev.glia.api.expr.Expr.Constant;
import dev.glia.api.expr.Expr.Unary;
import dev.glia.api.expr.Expr.Where;

/**
 * Bottom-up algebraic simplification: folds constants, drops identities ({@code x+0}, {@code x*1},
 * {@code x/1}, {@code x^1}), absorbs zeros ({@code x*0}, {@code 0/x}), cancels {@code --x} and picks the
 * branch of a {@code where} whose condition is constant. It never changes a value for finite inputs.
 */
final class Simplifier {
    private Simplifier() {
    }

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
        if (op == UnaryOp.NEG && x instanceof Unary inner && inner.op() == UnaryOp.NEG) {
            return inner.x();
        }
        return new Unary(op, x);
    }

    private static boolean is(Expr e, double v) {
        return e instanceof Constant c && c.value() == v;
    }

    private static Expr binary(BinaryOp op, Expr a, Expr b) {
        if (a instanceof Constant ca && b instanceof Constant cb) {
            return new Constant(op.apply(ca.value(), cb.value()));
        }
        switch (op) {
            case ADD:
                if (is(a, 0)) {
                    return b;
                }
                if (is(b, 0)) {
                    return a;
                }
                break;
            case SUB:
                if (is(b, 0)) {
                    return a;
                }
                if (is(a, 0)) {
                    return unary(UnaryOp.NEG, b);
                }
                break;
            case MUL:
                if (is(a, 0) || is(b, 0)) {
                    return new Constant(0);
                }
                if (is(a, 1)) {
                    return b;
                }
                if (is(b, 1)) {
                    return a;
                }
                if (is(a, -1)) {
                    return unary(UnaryOp.NEG, b);
                }
                if (is(b, -1)) {
                    return unary(UnaryOp.NEG, a);
                }
                break;
            case DIV:
                if (is(b, 1)) {
                    return a;
                }
                if (is(a, 0)) {
                    return new Constant(0);
                }
                break;
            case POW:
                if (is(b, 1)) {
                    return a;
                }
                if (is(b, 0)) {
                    return new Constant(1);
                }
                break;
            default:
                break;
        }
        return new Binary(op, a, b);
    }
}
