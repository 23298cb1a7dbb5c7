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

    private Derivatives() {}

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

    /** f'(x) for f = op. Exhaustive: a new primitive does not compile until it has its rule here. */
    private static Expr unaryRule(UnaryOp op, Expr x) {
        return switch (op) {
            case NEG -> Expr.constant(-1);
            case ABS -> x.gt(Expr.constant(0)).sub(x.lt(Expr.constant(0)));
            case EXP -> x.exp();
            case LOG -> x.recip();
            case SQRT -> x.sqrt().mul(2).recip();
            case RECIP -> x.mul(x).recip().neg();
            case SIN -> x.cos();
            case COS -> x.sin().neg();
            case TANH -> Expr.constant(1).sub(x.tanh().mul(x.tanh()));
            case ERF -> Expr.constant(TWO_OVER_SQRT_PI).mul(x.mul(x).neg().exp());
        };
    }

    /** d op(a, b) from da and db. Exhaustive, like {@link #unaryRule}. */
    private static Expr binaryRule(Binary e, Expr da, Expr db) {
        Expr a = e.a();
        Expr b = e.b();
        return switch (e.op()) {
            case ADD -> da.add(db);
            case SUB -> da.sub(db);
            case MUL ->
                a.equals(b)
                        ? Expr.constant(2).mul(a).mul(da) // d(u*u) = 2u du, which the sum rule would not collect
                        : da.mul(b).add(a.mul(db));
            case DIV -> da.div(b).sub(a.mul(db).div(b.mul(b)));
            case MAX -> Expr.where(a.ge(b), da, db);
            case MIN -> Expr.where(a.le(b), da, db);
            case POW -> powRule(a, b, da, db);
            case LT, LE, GT, GE, EQ -> Expr.constant(0); // comparisons are piecewise constant
        };
    }

    private static Expr powRule(Expr a, Expr b, Expr da, Expr db) {
        Expr viaBase = da.mul(b).mul(a.pow(b.sub(1)));
        if (isZero(db)) {
            return viaBase;
        }
        return viaBase.add(db.mul(a.pow(b)).mul(a.log()));
    }
}
