package dev.glia.api.expr;

import dev.glia.api.expr.Expr.Binary;
import dev.glia.api.expr.Expr.Constant;
import dev.glia.api.expr.Expr.Input;
import dev.glia.api.expr.Expr.Unary;
import dev.glia.api.expr.Expr.Where;

/**
 * Symbolic differentiation of {@link Expr}. Every primitive has its rule; comparisons have
 * derivative 0, {@code max}/{@code min}/{@code where} follow the branch taken, and {@code abs} has
 * derivative 0 at 0. Results are simplified.
 */
public final class Derivatives {
    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

    private Derivatives() {
    }

    /** The partial derivative of {@code e} with respect to input {@code index}, simplified. */
    public static Expr derive(Expr e, int index) {
        return d(e, index).simplify();
    }

    private static Expr d(Expr e, int index) {
        if (e instanceof Constant) {
            return Expr.constant(0);
        } else if (e instanceof Input in) {
            return Expr.constant(in.index() == index ? 1 : 0);
        } else if (e instanceof Unary u) {
            Expr dx = d(u.x(), index).simplify();
            if (isZero(dx)) {
                return dx;
            }
            return dx.mul(unaryRule(u.op(), u.x()));
        } else if (e instanceof Binary b) {
            return binaryRule(b, d(b.a(), index).simplify(), d(b.b(), index).simplify());
        }
        Where w = (Where) e;
        return Expr.where(w.condition(), d(w.ifTrue(), index), d(w.ifFalse(), index));
    }

    private static boolean isZero(Expr e) {
        return e instanceof Constant c && c.value() == 0;
    }

    /** f'(x) for f = op. */
    private static Expr unaryRule(UnaryOp op, Expr x) {
        switch (op) {
            case NEG:
                return Expr.constant(-1);
            case ABS:
                return x.gt(Expr.constant(0)).sub(x.lt(Expr.constant(0)));
            case EXP:
                return x.exp();
            case LOG:
                return x.recip();
            case SQRT:
                return x.sqrt().mul(2).recip();
            case RECIP:
                return x.mul(x).recip().neg();
            case SIN:
                return x.cos();
            case COS:
                return x.sin().neg();
            case TANH:
                return Expr.constant(1).sub(x.tanh().mul(x.tanh()));
            case ERF:
                return Expr.constant(TWO_OVER_SQRT_PI).mul(x.mul(x).neg().exp());
            default:
                throw new AssertionError("No derivative rule for " + op);
        }
    }

    private static Expr binaryRule(Binary e, Expr da, Expr db) {
        Expr a = e.a();
        Expr b = e.b();
        switch (e.op()) {
            case ADD:
                return da.add(db);
            case SUB:
                return da.sub(db);
            case MUL:
                if (a.equals(b)) {
                    return Expr.constant(2).mul(a).mul(da); // d(u*u) = 2u du, which the sum rule would not collect
                }
                return da.mul(b).add(a.mul(db));
            case DIV:
                return da.div(b).sub(a.mul(db).div(b.mul(b)));
            case MAX:
                return Expr.where(a.ge(b), da, db);
            case MIN:
                return Expr.where(a.le(b), da, db);
            case POW: {
                Expr viaBase = da.mul(b).mul(a.pow(b.sub(1)));
                if (isZero(db)) {
                    return viaBase;
                }
                return viaBase.add(db.mul(a.pow(b)).mul(a.log()));
            }
            default: // comparisons are piecewise constant
                return Expr.constant(0);
        }
    }
}
