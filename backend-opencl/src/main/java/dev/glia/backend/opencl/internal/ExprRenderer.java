package dev.glia.backend.opencl.internal;

import dev.glia.api.DType;
import dev.glia.api.expr.Expr;
import dev.glia.api.spi.Broadcast;
import dev.glia.api.spi.lowering.Lowering;
import dev.glia.api.spi.lowering.Operand;
import dev.glia.api.spi.lowering.Program;
import dev.glia.api.spi.lowering.Step;
import java.util.List;

/**
 * Renders an {@link Expr}, with the broadcast mode of each input and the element type, into the
 * OpenCL C of one fused kernel (the {@code elementwise.cl} template filled in, after the shared
 * header). The semantics follow the float64 interpreter, not OpenCL's builtins where they differ:
 * {@code max}/{@code min} propagate NaN ({@code glia_max}, not {@code fmax}), {@code pow} follows
 * {@code Math.pow} ({@code glia_pow}), comparisons yield 1 or 0, {@code where(c, a, b)} is
 * {@code c != 0 ? a : b} (a NaN condition is true), {@code erf} is the builtin. Floating-point
 * contraction is off, so each primitive rounds as the specification's does.
 *
 * <p>The expression is first {@link Lowering lowered} (shared subexpressions, inputs read, broadcast
 * indices); this class is the OpenCL C spelling of each {@link Step}: an {@link Broadcast#AXIS} input {@code k}
 * is read at {@code (i / sk) % nk}, its stride and count being kernel arguments after its buffer, so one
 * kernel serves every shape; temporary {@code k} becomes the
 * {@code const real} local {@code tk}, so the source grows with the distinct nodes, not the unfolded tree.
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
final class ExprRenderer implements Step.Visitor<String> {
    private final DType dtype;

    private ExprRenderer(DType dtype) {
        this.dtype = dtype;
    }

    /**
     * The complete program source for {@code expr} where input {@code i} broadcasts as {@code modes[i]}
     * ({@code modes} covers every input the expression reads; others are ignored and may be null).
     */
    static String render(Expr expr, Broadcast[] modes, DType dtype) {
        return render(List.of(expr), modes, dtype, false);
    }

    /**
     * The program source of one kernel computing every expression of {@code exprs}, output {@code j}
     * ({@code outj}) from expression {@code j}, with the subexpressions they share computed once;
     * {@code multi} false gives the one-output kernel of {@link #render(Expr, Broadcast[], DType)}.
     */
    static String render(List<Expr> exprs, Broadcast[] modes, DType dtype, boolean multi) {
        Program program = Lowering.lower(exprs, modes);
        ExprRenderer spelling = new ExprRenderer(dtype);
        StringBuilder body = new StringBuilder();
        for (int k = 0; k < program.size(); k++) {
            body.append("    const real t")
                    .append(k)
                    .append(" = ")
                    .append(program.step(k).accept(spelling))
                    .append(";\n");
        }
        StringBuilder inputs = new StringBuilder(); // in increasing order, as ElementwiseKernels passes them
        boolean[] used = program.usedInputs();
        for (int i = 0; i < used.length; i++) {
            if (used[i]) {
                inputs.append(", const __global real* in").append(i);
                if (program.mode(i) == Broadcast.AXIS) { // its stride and count: arguments, not constants
                    inputs.append(", const int s")
                            .append(i)
                            .append(", const int n")
                            .append(i);
                }
            }
        }
        String indexCode =
                program.needsRowAndColumn() ? "    const int r = i / cols;\n    const int c = i - r * cols;" : "";
        StringBuilder outputs = new StringBuilder();
        StringBuilder writes = new StringBuilder();
        for (int j = 0; j < program.results().size(); j++) {
            String name = multi ? "out" + j : "out";
            outputs.append(", __global real* ").append(name);
            writes.append(j == 0 ? "" : "\n")
                    .append("    ")
                    .append(name)
                    .append("[i] = ")
                    .append(spelling.operand(program.results().get(j)))
                    .append(';');
        }
        String kernel = KernelSources.resource("elementwise.cl")
                .replace("/*OUTPUTS*/", outputs)
                .replace("/*INPUTS*/", inputs)
                .replace("/*INDEX*/", indexCode)
                .replace("/*BODY*/", body.toString().stripTrailing())
                .replace("/*WRITES*/", writes);
        return KernelSources.program("/* " + comment(exprs) + " */\n" + kernel);
    }

    /** The formulas, shortened and made safe inside a C comment. */
    private static String comment(List<Expr> exprs) {
        StringBuilder all = new StringBuilder();
        for (Expr e : exprs) {
            all.append(all.length() == 0 ? "" : "; ").append(e.format());
        }
        String text = all.toString().replace("*/", "* /").replace('\n', ' ');
        return text.length() > 200 ? text.substring(0, 200) + " ..." : text;
    }

    @Override
    public String read(Step.Read read) {
        int k = read.input();
        if (read.mode() == Broadcast.AXIS) {
            return "in" + k + "[(i / s" + k + ") % n" + k + "]";
        }
        return "in" + k + "[" + read.mode().indexVariable() + "]";
    }

    @Override
    public String unary(Step.Unary unary) {
        String x = operand(unary.x());
        return switch (unary.op()) {
            case NEG -> "(-" + x + ")";
            case ABS -> "fabs(" + x + ")";
            case EXP -> "exp(" + x + ")";
            case LOG -> "log(" + x + ")";
            case SQRT -> "sqrt(" + x + ")";
            case RECIP -> "((real) 1 / " + x + ")";
            case SIN -> "sin(" + x + ")";
            case COS -> "cos(" + x + ")";
            case TANH -> "tanh(" + x + ")";
            case ERF -> "erf(" + x + ")";
        };
    }

    @Override
    public String binary(Step.Binary binary) {
        String a = operand(binary.a());
        String b = operand(binary.b());
        return switch (binary.op()) {
            case ADD -> "(" + a + " + " + b + ")";
            case SUB -> "(" + a + " - " + b + ")";
            case MUL -> "(" + a + " * " + b + ")";
            case DIV -> "(" + a + " / " + b + ")";
            case MAX -> "glia_max(" + a + ", " + b + ")";
            case MIN -> "glia_min(" + a + ", " + b + ")";
            case POW -> "glia_pow(" + a + ", " + b + ")";
            case LT -> "(" + a + " < " + b + " ? (real) 1 : (real) 0)";
            case LE -> "(" + a + " <= " + b + " ? (real) 1 : (real) 0)";
            case GT -> "(" + a + " > " + b + " ? (real) 1 : (real) 0)";
            case GE -> "(" + a + " >= " + b + " ? (real) 1 : (real) 0)";
            case EQ -> "(" + a + " == " + b + " ? (real) 1 : (real) 0)";
        };
    }

    @Override
    public String select(Step.Select select) {
        return "(" + operand(select.condition()) + " != (real) 0 ? " + operand(select.ifTrue()) + " : "
                + operand(select.ifFalse()) + ")";
    }

    /** A temporary's local, or a constant's literal. */
    private String operand(Operand o) {
        return o instanceof Operand.Temp t ? "t" + t.index() : literal(((Operand.Constant) o).value(), dtype);
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
}
