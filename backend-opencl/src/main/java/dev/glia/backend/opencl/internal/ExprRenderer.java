package dev.glia.backend.opencl.internal;

import dev.glia.api.DType;
import dev.glia.api.expr.BinaryOp;
import dev.glia.api.expr.Expr;
import dev.glia.api.expr.UnaryOp;
import dev.glia.api.spi.Broadcast;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Renders an {@link Expr}, with the broadcast mode of each input and the element type, into the
 * OpenCL C of one fused kernel (the {@code elementwise.cl} template filled in, after the shared
 * header). The semantics follow the float64 interpreter, not OpenCL's builtins where they differ:
 * {@code max}/{@code min} propagate NaN ({@code glia_max}, not {@code fmax}), {@code pow} follows
 * {@code Math.pow} ({@code glia_pow}), comparisons yield 1 or 0, {@code where(c, a, b)} is
 * {@code c != 0 ? a : b} (a NaN condition is true), {@code erf} is the builtin. Floating-point
 * contraction is off, so each primitive rounds as the specification's does.
 *
 * <p>Every distinct subexpression becomes one {@code const real} local (shared by identity, then by
 * its rendered right-hand side), so the source grows with the distinct nodes, not the unfolded tree.
 * For {@code max(in0 + in1, 0)} with {@code in1} a broadcast row:
 * <pre>{@code
 *     const int r = i / cols;
 *     const int c = i - r * cols;
 *     const real t0 = in0[i];
 *     const real t1 = in1[c];
 *     const real t2 = (t0 + t1);
 *     const real t3 = glia_max(t2, 0.0f);
 *     out[i] = t3;
 * }</pre>
 */
final class ExprRenderer {
    private final Broadcast[] modes;
    private final DType dtype;
    private final Map<Expr, String> byNode = new IdentityHashMap<>();
    private final Map<String, String> byText = new HashMap<>();
    private final StringBuilder body = new StringBuilder();
    private final boolean[] used;
    private int locals;

    private ExprRenderer(Broadcast[] modes, DType dtype, boolean[] used) {
        this.modes = modes;
        this.dtype = dtype;
        this.used = used;
    }

    /**
     * The complete program source for {@code expr} where input {@code i} broadcasts as {@code modes[i]}
     * ({@code modes} covers every input the expression reads; others are ignored).
     */
    static String render(Expr expr, Broadcast[] modes, DType dtype) {
        boolean[] used = usedInputs(expr);
        if (modes.length < used.length) {
            throw new IllegalArgumentException("The expression reads " + used.length + " inputs but " + modes.length
                    + " broadcast modes were given");
        }
        ExprRenderer r = new ExprRenderer(modes, dtype, used);
        String result = r.visit(expr);
        StringBuilder inputs = new StringBuilder();
        boolean index = false;
        for (int i = 0; i < used.length; i++) {
            if (used[i]) {
                inputs.append(", const __global real* in").append(i);
                index |= modes[i] == Broadcast.ROW || modes[i] == Broadcast.COLUMN;
            }
        }
        String indexCode = index ? "    const int r = i / cols;\n    const int c = i - r * cols;" : "";
        String kernel = KernelSources.resource("elementwise.cl")
                .replace("/*INPUTS*/", inputs)
                .replace("/*INDEX*/", indexCode)
                .replace("/*BODY*/", r.body.toString().stripTrailing())
                .replace("/*RESULT*/", result);
        return KernelSources.program("/* " + comment(expr) + " */\n" + kernel);
    }

    /** The formula, shortened and made safe inside a C comment. */
    private static String comment(Expr expr) {
        String text = expr.format().replace("*/", "* /").replace('\n', ' ');
        return text.length() > 200 ? text.substring(0, 200) + " ..." : text;
    }

    /** Which inputs {@code expr} reads: {@code used[i]}, one longer than the highest index read. */
    static boolean[] usedInputs(Expr expr) {
        boolean[] used = new boolean[expr.inputCount()];
        mark(expr, used, new IdentityHashMap<>());
        return used;
    }

    private static void mark(Expr e, boolean[] used, Map<Expr, Boolean> seen) {
        if (seen.put(e, Boolean.TRUE) != null) {
            return;
        }
        if (e instanceof Expr.Input in) {
            used[in.index()] = true;
        } else if (e instanceof Expr.Unary u) {
            mark(u.x(), used, seen);
        } else if (e instanceof Expr.Binary b) {
            mark(b.a(), used, seen);
            mark(b.b(), used, seen);
        } else if (e instanceof Expr.Where w) {
            mark(w.condition(), used, seen);
            mark(w.ifTrue(), used, seen);
            mark(w.ifFalse(), used, seen);
        }
    }

    private String visit(Expr e) {
        String known = byNode.get(e);
        if (known != null) {
            return known;
        }
        String v;
        if (e instanceof Expr.Constant k) {
            v = literal(k.value(), dtype);
        } else if (e instanceof Expr.Input in) {
            v = local(read(in.index()));
        } else if (e instanceof Expr.Unary u) {
            v = local(unary(u.op(), visit(u.x())));
        } else if (e instanceof Expr.Binary b) {
            String x = visit(b.a());
            v = local(binary(b.op(), x, visit(b.b())));
        } else {
            Expr.Where w = (Expr.Where) e;
            String c = visit(w.condition());
            String t = visit(w.ifTrue());
            v = local("(" + c + " != (real) 0 ? " + t + " : " + visit(w.ifFalse()) + ")");
        }
        byNode.put(e, v);
        return v;
    }

    private String local(String rhs) {
        String known = byText.get(rhs);
        if (known != null) {
            return known;
        }
        String name = "t" + locals++;
        body.append("    const real ").append(name).append(" = ").append(rhs).append(";\n");
        byText.put(rhs, name);
        return name;
    }

    private String read(int input) {
        return "in" + input + "[" + modes[input].indexVariable() + "]";
    }

    /** A literal of the element type; NaN and the infinities by their macros. */
    static String literal(double v, DType dtype) {
        boolean f32 = dtype == DType.FLOAT32;
        String cast = f32 ? "" : "(double) ";
        if (Double.isNaN(v)) {
            return "(" + cast + "NAN)";
        }
        if (Double.isInfinite(v)) {
            return "(" + cast + (v > 0 ? "INFINITY)" : "-INFINITY)");
        }
        String text = f32 ? Float.toString((float) v) + "f" : Double.toString(v);
        return text.startsWith("-") ? "(" + text + ")" : text;
    }

    private static String unary(UnaryOp op, String x) {
        switch (op) {
            case NEG:
                return "(-" + x + ")";
            case ABS:
                return "fabs(" + x + ")";
            case RECIP:
                return "((real) 1 / " + x + ")";
            default: // exp log sqrt sin cos tanh erf: the OpenCL builtins of the same name
                return op.symbol() + "(" + x + ")";
        }
    }

    private static String binary(BinaryOp op, String a, String b) {
        switch (op) {
            case ADD:
            case SUB:
            case MUL:
            case DIV:
                return "(" + a + " " + op.infix() + " " + b + ")";
            case MAX:
                return "glia_max(" + a + ", " + b + ")";
            case MIN:
                return "glia_min(" + a + ", " + b + ")";
            case POW:
                return "glia_pow(" + a + ", " + b + ")";
            default: // comparisons yield 1 or 0
                return "(" + a + " " + op.infix() + " " + b + " ? (real) 1 : (real) 0)";
        }
    }
}
