package dev.glia.kernels.java;

import dev.glia.api.DType;
import dev.glia.api.expr.Expr;
import dev.glia.api.spi.Broadcast;
import dev.glia.api.spi.lowering.Lowering;
import dev.glia.api.spi.lowering.Operand;
import dev.glia.api.spi.lowering.Program;
import dev.glia.api.spi.lowering.Step;
import dev.glia.api.spi.lowering.Variation;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders an {@link Expr} and the broadcast mode of each input into the Java source of a
 * {@link FloatKernel} (float arithmetic over {@code float[]}) or a {@link DoubleKernel} (double
 * arithmetic over {@code double[]}): one fused loop. The expression is first {@link Lowering lowered}
 * (shared subexpressions, inputs read, broadcast indices); this class is the Java spelling of each
 * {@link Step}: temporary {@code k} becomes the {@code final} local {@code tk} (and the int mask {@code mk}).
 *
 * <p>Each local is placed at the outermost loop level where its inputs are known ({@link Variation}): constants and
 * {@link Broadcast#SCALAR} inputs before the loops, {@link Broadcast#COLUMN} inputs once per row,
 * {@link Broadcast#FULL}, {@link Broadcast#ROW} and {@link Broadcast#AXIS} inputs per element. Without row or
 * column inputs the kernel is a single flat loop over all elements, which the JIT vectorises. An
 * {@link Broadcast#AXIS} input is read at a counter that advances after each element; its stride and count are
 * arguments of the call, so one kernel serves every shape. (The counters keep such a loop from vectorising: the
 * CPU backends run the kernel generated with FULL in that input's place through {@link OffHeapRunner}, which
 * gathers it into chunks, about three times faster on a per-channel normalisation.) Every input of an element
 * is read into a local before the element is written, which makes {@code out} aliasing a full input safe.
 *
 * <p><b>Comparisons and {@code where} without branches.</b> A comparison becomes an {@code int} mask, all
 * ones or all zeros ({@code final int m3 = t1 > t2 ? -1 : 0;}); its value 1 or 0 and every {@code where}
 * are then read off the mask with bit operations on the float's bits. The JIT turns an integer conditional
 * like this into a conditional move, so a condition that changes from element to element at random (a ReLU's
 * mask in backpropagation) costs no mispredicted branches: written as {@code t1 > t2 ? 1.0f : 0.0f} or as a
 * float {@code ?:}, that kernel ran 4 to 7 times slower (152 against 34 µs per training step for a
 * 128×256 ReLU mask). The results are bit-for-bit those of the Java
 * operators, NaN and signed zeros included.
 *
 * <p>For {@code max(in0 + in1, 0)} in FLOAT32 with {@code in0} FULL and {@code in1} ROW the loop body is:
 * <pre>{@code
 * for (int r = 0; r < rows; r++) {
 *     final int base = r * columns;
 *     for (int c = 0; c < columns; c++) {
 *         final int i = base + c;
 *         final float t0 = in0[i];
 *         final float t1 = in1[c];
 *         final float t2 = t0 + t1;
 *         final float t3 = Math.max(t2, 0.0f);
 *         out[i] = t3;
 *     }
 * }
 * }</pre>
 */
// The code buffers are an array indexed by Variation's ordinal: a fixed enum of three, read in every
// rendering step, where an EnumMap would only add lookups.
@SuppressWarnings("EnumOrdinal")
public final class KernelGenerator {
    private static final String SPECIAL_FUNCTIONS = "dev.glia.api.expr.SpecialFunctions";
    static final String FLOAT_MATH = FloatMath.class.getName();

    final Program program;
    final boolean doubles;
    final String type;
    final boolean nested;
    /** Whether the kernel has an array of outputs ({@link MultiFloatKernel}, {@link MultiDoubleKernel}). */
    final boolean multi;
    /** The int mask (-1 true, 0 false) of each temporary used as a condition, once declared. */
    final String[] masks;
    /** Statements by {@link Variation}: before the loops, per row, per element. */
    final StringBuilder[] code = {new StringBuilder(), new StringBuilder(), new StringBuilder()};

    private KernelGenerator(Program program, DType dtype, boolean multi) {
        this.program = program;
        this.multi = multi;
        this.doubles = dtype == DType.FLOAT64;
        this.type = doubles ? "double" : "float";
        this.nested = program.needsRowAndColumn();
        this.masks = new String[program.size()];
    }

    /** {@link #generate(String, Expr, Broadcast[], DType)} for a FLOAT32 {@link FloatKernel}. */
    public static String generate(String className, Expr expr, Broadcast[] modes) {
        return generate(className, expr, modes, DType.FLOAT32);
    }

    /**
     * The source of a public class {@code className} (default package) implementing {@link FloatKernel}
     * (FLOAT32) or {@link DoubleKernel} (FLOAT64) for {@code expr}, where input {@code i} broadcasts as
     * {@code modes[i]} ({@code modes} covers at least every input read). Inputs the expression does not
     * read are ignored.
     */
    public static String generate(String className, Expr expr, Broadcast[] modes, DType dtype) {
        return generate(className, List.of(expr), modes, dtype, false);
    }

    /**
     * The source of a public class {@code className} (default package) implementing {@link MultiFloatKernel}
     * (FLOAT32) or {@link MultiDoubleKernel} (FLOAT64): every expression of {@code exprs} in one loop, output
     * {@code j} written with expression {@code j} after every expression of the element is computed.
     * Subexpressions shared by several expressions are one local. Modes as in {@link #generate}, except
     * {@link Broadcast#AXIS}, which fails with IllegalArgumentException: generate the kernel with
     * {@link Broadcast#FULL} in its place and run it through {@link OffHeapMultiRunner}, which gathers it.
     * Without row or column inputs the kernel runs one loop per output instead, with float {@code exp} and
     * {@code tanh} staged over blocks (the package's {@code LoopPerOutput} says why), giving the same values.
     */
    public static String generateMulti(String className, List<Expr> exprs, Broadcast[] modes, DType dtype) {
        return generate(className, exprs, modes, dtype, true);
    }

    private static String generate(String className, List<Expr> exprs, Broadcast[] modes, DType dtype, boolean multi) {
        Objects.requireNonNull(dtype, "dtype");
        KernelGenerator g = new KernelGenerator(Lowering.lower(exprs, modes), dtype, multi);
        if (multi && g.program.readsAlongAxes()) {
            throw new IllegalArgumentException("generateMulti: a kernel with several outputs takes no stride or count,"
                    + " so it cannot read an AXIS input; generate it with FULL in the AXIS input's place and gather that"
                    + " input as OffHeapMultiRunner does");
        }
        Spelling spelling = g.new Spelling();
        for (int k = 0; k < g.program.size(); k++) {
            spelling.k = k;
            String rhs = g.program.step(k).accept(spelling);
            if (rhs != null) {
                g.declare(g.type, "t" + k, rhs, g.program.variation(k));
            }
        }
        boolean flat = !g.nested && !g.program.readsAlongAxes();
        return flat && (multi || LoopPerOutput.stages(g))
                ? new LoopPerOutput(g).render(className, comment(exprs))
                : g.render(className, comment(exprs));
    }

    /** The interface a kernel of {@code dtype} implements. */
    static Class<?> kernelInterface(DType dtype) {
        return dtype == DType.FLOAT64 ? DoubleKernel.class : FloatKernel.class;
    }

    /** The interface a kernel of {@code dtype} with several outputs implements. */
    static Class<?> multiKernelInterface(DType dtype) {
        return dtype == DType.FLOAT64 ? MultiDoubleKernel.class : MultiFloatKernel.class;
    }

    /**
     * Which inputs {@code expr} reads: {@code used[i]} for input {@code i}, the array one longer than the
     * highest index read (see {@link Lowering#usedInputs}).
     */
    public static boolean[] usedInputs(Expr expr) {
        return Lowering.usedInputs(expr);
    }

    /**
     * The Java right-hand side of temporary {@code k}, or null when it needs no float local: a comparison
     * declares its int mask {@code mk} and, where it is read as a number, {@code tk} is read off the mask.
     */
    final class Spelling implements Step.Visitor<String> {
        int k;

        @Override
        public String read(Step.Read read) {
            if (read.mode() == Broadcast.AXIS) {
                return "in" + read.input() + "[a" + read.input() + "]"; // a counter, see axisCounters
            }
            return "in" + read.input() + "[" + read.mode().indexVariable() + "]";
        }

        @Override
        public String unary(Step.Unary unary) {
            String x = operand(unary.x());
            return switch (unary.op()) {
                case NEG -> "-" + x;
                case ABS -> "Math.abs(" + x + ")";
                case EXP -> doubles ? "Math.exp(" + x + ")" : FLOAT_MATH + ".exp(" + x + ")";
                case LOG -> call("Math.log", x);
                case SQRT -> call("Math.sqrt", x);
                case RECIP -> (doubles ? "1.0 / " : "1.0f / ") + x;
                case SIN -> call("Math.sin", x);
                case COS -> call("Math.cos", x);
                case TANH -> doubles ? SPECIAL_FUNCTIONS + ".tanh(" + x + ")" : FLOAT_MATH + ".tanh(" + x + ")";
                case ERF -> call(SPECIAL_FUNCTIONS + ".erf", x);
            };
        }

        @Override
        public String binary(Step.Binary binary) {
            String a = operand(binary.a());
            String b = operand(binary.b());
            String rhs = switch (binary.op()) {
                case ADD -> a + " + " + b;
                case SUB -> a + " - " + b;
                case MUL -> a + " * " + b;
                case DIV -> a + " / " + b;
                case MAX -> "Math.max(" + a + ", " + b + ")";
                case MIN -> "Math.min(" + a + ", " + b + ")";
                case POW -> call("Math.pow", a + ", " + b);
                case LT -> a + " < " + b;
                case LE -> a + " <= " + b;
                case GT -> a + " > " + b;
                case GE -> a + " >= " + b;
                case EQ -> a + " == " + b;
            };
            if (!binary.op().isComparison()) {
                return rhs;
            }
            masks[k] = declare("int", "m" + k, rhs + " ? -1 : 0", program.variation(k));
            return program.readAsValue(k)
                    ? fromBits(masks[k] + " & " + (doubles ? "0x3FF0000000000000L" : "0x3F800000"))
                    : null;
        }

        @Override
        public String select(Step.Select select) {
            String m = mask(select.condition());
            return fromBits("(" + toBits(operand(select.ifTrue())) + " & " + m + ") | ("
                    + toBits(operand(select.ifFalse())) + " & ~" + m + ")");
        }
    }

    /**
     * The int mask of a condition: -1 where it holds, 0 where not. A comparison's is declared with it; any
     * other value holds where it is not zero (NaN included), as {@code where} defines.
     */
    private String mask(Operand condition) {
        if (condition instanceof Operand.Temp t) {
            int j = t.index();
            if (masks[j] == null) {
                masks[j] = declare("int", "m" + j, "t" + j + " != " + zero() + " ? -1 : 0", program.variation(j));
            }
            return masks[j];
        }
        return "(" + operand(condition) + " != " + zero() + " ? -1 : 0)";
    }

    /** A temporary's local, or a constant's literal. */
    String operand(Operand o) {
        return o instanceof Operand.Temp t ? "t" + t.index() : literal(((Operand.Constant) o).value());
    }

    /** The raw bits of a value, as an int (FLOAT32) or a long (FLOAT64); an int mask widens with its sign. */
    private String toBits(String value) {
        return (doubles ? "Double.doubleToRawLongBits(" : "Float.floatToRawIntBits(") + value + ")";
    }

    /** The value with the raw bits {@code bits}. */
    private String fromBits(String bits) {
        return (doubles ? "Double.longBitsToDouble(" : "Float.intBitsToFloat(") + bits + ")";
    }

    /** Declares {@code final localType name = rhs;} at the loop level of {@code variation}; returns the name. */
    String declare(String localType, String name, String rhs, Variation variation) {
        code[variation.ordinal()]
                .append(indentOf(variation))
                .append("final ")
                .append(localType)
                .append(' ')
                .append(name)
                .append(" = ")
                .append(rhs)
                .append(";\n");
        return name;
    }

    /** Leading spaces of a statement at {@code variation}'s loop level. */
    private String indentOf(Variation variation) {
        return switch (variation) {
            case ONCE -> "        ";
            case PER_ROW -> "            ";
            case PER_ELEMENT -> nested ? "                " : "            ";
        };
    }

    private String zero() {
        return doubles ? "0.0" : "0.0f";
    }

    /** A double-valued library call, rounded back to float for FLOAT32. */
    private String call(String function, String args) {
        return doubles ? function + "(" + args + ")" : "(float) " + function + "(" + args + ")";
    }

    /** A literal for {@code value} (rounded to float for FLOAT32), parenthesised when negative. */
    private String literal(double value) {
        String prefix = doubles ? "Double." : "Float.";
        double v = doubles ? value : (float) value;
        if (Double.isNaN(v)) {
            return prefix + "NaN";
        } else if (v == Double.POSITIVE_INFINITY) {
            return prefix + "POSITIVE_INFINITY";
        } else if (v == Double.NEGATIVE_INFINITY) {
            return prefix + "NEGATIVE_INFINITY";
        }
        String text = doubles ? Double.toString(v) : Float.toString((float) v) + "f";
        return text.startsWith("-") ? "(" + text + ")" : text;
    }

    String render(String className, String comment) {
        String array = type + "[]";
        StringBuilder s = new StringBuilder(768);
        s.append("/* ").append(comment).append(" */\n");
        DType dtype = doubles ? DType.FLOAT64 : DType.FLOAT32;
        s.append("public final class ")
                .append(className)
                .append(" implements ")
                .append((multi ? multiKernelInterface(dtype) : kernelInterface(dtype)).getName())
                .append(" {\n");
        s.append("    private static final boolean[] READS = ")
                .append(readsLiteral())
                .append(";\n\n");
        s.append("    public boolean reads(int index) {\n");
        s.append("        return index >= 0 && index < READS.length && READS[index];\n    }\n\n");
        boolean axes = program.readsAlongAxes();
        if (multi) { // generateMulti refuses AXIS inputs: OffHeapMultiRunner gathers them into FULL ones
            s.append("    public void apply(final ")
                    .append(array)
                    .append("[] outs, final ")
                    .append(array)
                    .append("[] inputs, final int rows, final int columns) {\n");
            declareOutputs(s, array);
        } else {
            String fourArguments = "    public void apply(final " + array + " out, final " + array
                    + "[] inputs, final int rows, final int columns";
            if (axes) { // the loop takes the strides and counts; without them the kernel cannot run
                s.append(fourArguments)
                        .append(") {\n        throw new IllegalStateException(\"This kernel reads")
                        .append(" inputs broadcast along axes: call apply with their strides and counts\");\n")
                        .append("    }\n\n");
                s.append(fourArguments).append(", final int[] strides, final int[] counts) {\n");
            } else {
                s.append(fourArguments).append(", final int[] strides, final int[] counts) {\n");
                s.append("        apply(out, inputs, rows, columns);\n    }\n\n");
                s.append(fourArguments).append(") {\n");
            }
        }
        declareInputs(s, array);
        StringBuilder advance = axisCounters(s, nested ? "                " : "            ");
        s.append(code[Variation.ONCE.ordinal()]);
        if (nested) {
            s.append("        for (int r = 0; r < rows; r++) {\n");
            s.append("            final int base = r * columns;\n");
            s.append(code[Variation.PER_ROW.ordinal()]);
            s.append("            for (int c = 0; c < columns; c++) {\n");
            s.append("                final int i = base + c;\n");
            s.append(code[Variation.PER_ELEMENT.ordinal()]);
            writes(s, "                ");
            s.append(advance);
            s.append("            }\n");
        } else {
            s.append("        final int n = rows * columns;\n");
            s.append("        for (int i = 0; i < n; i++) {\n");
            s.append(code[Variation.PER_ELEMENT.ordinal()]);
            writes(s, "            ");
            s.append(advance);
        }
        s.append("        }\n    }\n}\n");
        return s.toString();
    }

    /** Declares {@code final float[] in3 = inputs[3]; // FULL} for each input the kernel reads. */
    void declareInputs(StringBuilder s, String array) {
        boolean[] used = program.usedInputs();
        for (int i = 0; i < used.length; i++) {
            if (used[i]) {
                s.append("        final ")
                        .append(array)
                        .append(" in")
                        .append(i)
                        .append(" = inputs[")
                        .append(i)
                        .append("]; // ")
                        .append(program.mode(i))
                        .append('\n');
            }
        }
    }

    /** Declares {@code final float[] out1 = outs[1];} for each output of a kernel with several. */
    void declareOutputs(StringBuilder s, String array) {
        for (int j = 0; j < program.results().size(); j++) {
            s.append("        final ")
                    .append(array)
                    .append(" out")
                    .append(j)
                    .append(" = outs[")
                    .append(j)
                    .append("];\n");
        }
    }

    /**
     * Declares, for each {@link Broadcast#AXIS} input {@code k}, its index {@code ak} and the elements
     * {@code leftk} until it moves on, and returns the statements that advance them after each element,
     * indented by {@code indent}: counting instead of {@code (i / stride) % count} keeps divisions out of the
     * loop. The loops visit the output in row-major order from element 0, so the counters follow {@code i}.
     */
    private StringBuilder axisCounters(StringBuilder s, String indent) {
        StringBuilder advance = new StringBuilder();
        boolean[] used = program.usedInputs();
        for (int k = 0; k < used.length; k++) {
            if (used[k] && program.mode(k) == Broadcast.AXIS) {
                s.append("        final int s")
                        .append(k)
                        .append(" = strides[")
                        .append(k)
                        .append("];\n");
                s.append("        final int n")
                        .append(k)
                        .append(" = counts[")
                        .append(k)
                        .append("];\n");
                s.append("        int a").append(k).append(" = 0;\n");
                s.append("        int left").append(k).append(" = s").append(k).append(";\n");
                advance.append(indent)
                        .append("if (--left")
                        .append(k)
                        .append(" == 0) {\n")
                        .append(indent)
                        .append("    left")
                        .append(k)
                        .append(" = s")
                        .append(k)
                        .append(";\n")
                        .append(indent)
                        .append("    if (++a")
                        .append(k)
                        .append(" == n")
                        .append(k)
                        .append(") {\n")
                        .append(indent)
                        .append("        a")
                        .append(k)
                        .append(" = 0;\n")
                        .append(indent)
                        .append("    }\n")
                        .append(indent)
                        .append("}\n");
            }
        }
        return advance;
    }

    /** The stores of element {@code i}, after every local: {@code out[i] = t3;}, or one per output. */
    private void writes(StringBuilder s, String indent) {
        if (!multi) {
            s.append(indent)
                    .append("out[i] = ")
                    .append(operand(program.result()))
                    .append(";\n");
            return;
        }
        for (int j = 0; j < program.results().size(); j++) {
            s.append(indent)
                    .append("out")
                    .append(j)
                    .append("[i] = ")
                    .append(operand(program.results().get(j)))
                    .append(";\n");
        }
    }

    private String readsLiteral() {
        boolean[] used = program.usedInputs();
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < used.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(used[i]);
        }
        return sb.append('}').toString();
    }

    /** The formulas for a source comment, separated by {@code ; }. */
    static String comment(List<Expr> exprs) {
        StringBuilder s = new StringBuilder();
        for (Expr e : exprs) {
            s.append(s.length() == 0 ? "" : "; ").append(comment(e));
        }
        return s.toString();
    }

    /** The formula for a source comment, or a placeholder when its unfolded tree is large. */
    public static String comment(Expr expr) {
        if (treeSize(expr, new IdentityHashMap<>()) > 200) {
            return "(a large expression)";
        }
        return expr.toString().replace("*/", "* /").replace('\n', ' ');
    }

    /** Nodes of the unfolded tree, saturating at 1000, memoised by identity so shared nodes cost once. */
    private static long treeSize(Expr e, Map<Expr, Long> memo) {
        Long known = memo.get(e);
        if (known != null) {
            return known;
        }
        long n = 1;
        if (e instanceof Expr.Unary u) {
            n += treeSize(u.x(), memo);
        } else if (e instanceof Expr.Binary b) {
            n += treeSize(b.a(), memo) + treeSize(b.b(), memo);
        } else if (e instanceof Expr.Where w) {
            n += treeSize(w.condition(), memo) + treeSize(w.ifTrue(), memo) + treeSize(w.ifFalse(), memo);
        }
        n = Math.min(n, 1000);
        memo.put(e, n);
        return n;
    }
}
