package dev.glia.api.expr;

import dev.glia.api.expr.Expr.Binary;
import dev.glia.api.expr.Expr.Constant;
import dev.glia.api.expr.Expr.Input;
import dev.glia.api.expr.Expr.Unary;
import dev.glia.api.expr.Expr.Where;

/**
 * Renders an expression as a human-readable infix formula: {@code recip(u)} as {@code 1 / u},
 * {@code u * u * u} and {@code pow(u, v)} as {@code u^3} and {@code u^v}, and only the parentheses that the
 * usual precedence and associativity need ({@code a * (b / c)} prints as {@code a * b / c}).
 */
final class ExprFormatter {
    /** Precedence of comparisons, sums, products, a leading minus and powers; higher binds tighter. */
    private static final int COMPARISON = 1;

    private static final int SUM = 2;
    private static final int PRODUCT = 3;
    private static final int NEGATION = 4;
    private static final int POWER = 5;
    /** What an operand of {@code ^} is written at: anything but an atom gets parentheses. */
    private static final int ATOM = 6;

    private ExprFormatter() {}

    static String format(Expr e, String... names) {
        StringBuilder sb = new StringBuilder();
        write(e, names, 0, sb);
        return sb.toString();
    }

    /** Binding strength of an operator; those printed as functions ({@code max(a, b)}) are atoms. */
    private static int precedence(BinaryOp op) {
        return switch (op) {
            case ADD, SUB -> SUM;
            case MUL, DIV -> PRODUCT;
            case LT, LE, GT, GE, EQ -> COMPARISON;
            case MAX, MIN, POW -> ATOM;
        };
    }

    private static void write(Expr e, String[] names, int outer, StringBuilder sb) {
        if (e instanceof Constant c) {
            boolean parens = c.value() < 0 && NEGATION < outer;
            sb.append(parens ? "(" : "").append(number(c.value())).append(parens ? ")" : "");
        } else if (e instanceof Input in) {
            sb.append(in.index() < names.length ? names[in.index()] : "in" + in.index());
        } else if (e instanceof Unary u) {
            unary(u, names, outer, sb);
        } else if (e instanceof Binary b) {
            binary(b, names, outer, sb);
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

    private static void unary(Unary u, String[] names, int outer, StringBuilder sb) {
        if (u.op() == UnaryOp.NEG) {
            // -(a * b) equals (-a) * b, so a product after the minus needs no parentheses
            open(sb, NEGATION < outer);
            sb.append('-');
            write(u.x(), names, PRODUCT, sb);
            close(sb, NEGATION < outer);
        } else if (u.op() == UnaryOp.RECIP) {
            open(sb, PRODUCT < outer);
            sb.append("1 / ");
            write(u.x(), names, PRODUCT + 1, sb);
            close(sb, PRODUCT < outer);
        } else {
            sb.append(u.op().symbol()).append('(');
            write(u.x(), names, 0, sb);
            sb.append(')');
        }
    }

    private static void binary(Binary b, String[] names, int outer, StringBuilder sb) {
        Expr base = b.op() == BinaryOp.MUL ? leftmostFactor(b) : null;
        int repeats = base == null || base instanceof Constant ? 0 : repeats(b, base);
        if (repeats >= 2 || b.op() == BinaryOp.POW) {
            open(sb, POWER < outer);
            write(repeats >= 2 ? base : b.a(), names, ATOM, sb);
            sb.append('^');
            if (repeats >= 2) {
                sb.append(repeats);
            } else {
                write(b.b(), names, ATOM, sb);
            }
            close(sb, POWER < outer);
            return;
        }
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
        open(sb, parens);
        write(b.a(), names, p, sb);
        sb.append(' ').append(b.op().infix()).append(' ');
        // + and * are associative; the right operand of -, / and a comparison needs parentheses at equal precedence
        boolean associative = b.op() == BinaryOp.ADD || b.op() == BinaryOp.MUL;
        write(b.b(), names, associative ? p : p + 1, sb);
        close(sb, parens);
    }

    private static Expr leftmostFactor(Expr e) {
        return e instanceof Binary b && b.op() == BinaryOp.MUL ? leftmostFactor(b.a()) : e;
    }

    /** How many times {@code base} is multiplied together in {@code e}: 3 for {@code u * u * u}; 0 if anything else is. */
    private static int repeats(Expr e, Expr base) {
        if (e.equals(base)) {
            return 1;
        }
        if (e instanceof Binary b && b.op() == BinaryOp.MUL) {
            int left = repeats(b.a(), base);
            int right = left == 0 ? 0 : repeats(b.b(), base);
            return right == 0 ? 0 : left + right;
        }
        return 0;
    }

    private static void open(StringBuilder sb, boolean parens) {
        if (parens) {
            sb.append('(');
        }
    }

    private static void close(StringBuilder sb, boolean parens) {
        if (parens) {
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
