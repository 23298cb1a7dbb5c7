package dev.glia.api.expr;

import dev.glia.api.expr.Expr.Binary;
import dev.glia.api.expr.Expr.Constant;
import dev.glia.api.expr.Expr.Input;
import dev.glia.api.expr.Expr.Unary;
import dev.glia.api.expr.Expr.Where;

/** Renders an expression as a human-readable infix formula. */
final class ExprFormatter {
    private ExprFormatter() {
    }

    static String format(Expr e, String... names) {
        StringBuilder sb = new StringBuilder();
        write(e, names, 0, sb);
        return sb.toString();
    }

    /** Binding strength of an infix operator; higher binds tighter. */
    private static int precedence(BinaryOp op) {
        switch (op) {
            case ADD:
            case SUB:
                return 2;
            case MUL:
            case DIV:
                return 3;
            default:
                return 1; // comparisons
        }
    }

    private static void write(Expr e, String[] names, int outer, StringBuilder sb) {
        if (e instanceof Constant c) {
            sb.append(number(c.value()));
        } else if (e instanceof Input in) {
            sb.append(in.index() < names.length ? names[in.index()] : "in" + in.index());
        } else if (e instanceof Unary u) {
            if (u.op() == UnaryOp.NEG) {
                sb.append('-');
                write(u.x(), names, 4, sb);
            } else {
                sb.append(u.op().symbol()).append('(');
                write(u.x(), names, 0, sb);
                sb.append(')');
            }
        } else if (e instanceof Binary b) {
            if (b.op().infix() == null) {
                sb.append(b.op().symbol()).append('(');
                write(b.a(), names, 0, sb);
                sb.append(", ");
                write(b.b(), names, 0, sb);
                sb.append(')');
                return;
            }
            int p = precedence(b.op());
            boolean parens = p < outer;
            if (parens) {
                sb.append('(');
            }
            write(b.a(), names, p, sb);
            sb.append(' ').append(b.op().infix()).append(' ');
            // the right operand of - and / needs parentheses at equal precedence
            write(b.b(), names, p + 1, sb);
            if (parens) {
                sb.append(')');
            }
        } else {
            Where w = (Where) e;
            sb.append("where(");
            write(w.condition(), names, 0, sb);
            sb.append(", ");
            write(w.ifTrue(), names, 0, sb);
            sb.append(", ");
            write(w.ifFalse(), names, 0, sb);
            sb.append(')');
        }
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
