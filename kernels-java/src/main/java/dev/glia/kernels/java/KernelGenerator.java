package dev.glia.kernels.java;

import dev.glia.api.DType;
import dev.glia.api.expr.Expr;
import dev.glia.api.expr.UnaryOp;
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
    private static final String FLOAT_MATH = FloatMath.class.getName();

    private final Program program;
    private final boolean doubles;
    private final String type;
    private final boolean nested;
    /** Whether the kernel has an array of outputs ({@link MultiFloatKernel}, {@link MultiDoubleKernel}). */
    private final boolean multi;
    /** The int mask (-1 true, 0 false) of each temporary used as a condition, once declared. */
    private final String[] masks;
    /** Statements by {@link Variation}: before the loops, per row, per element. */
    private final StringBuilder[] code = {new StringBuilder(), new StringBuilder(), new StringBuilder()};

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
        return multi && !g.nested
                ? g.renderWithLoopPerOutput(className, comment(exprs))
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
    private final class Spelling implements Step.Visitor<String> {
        private int k;

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
    private String operand(Operand o) {
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
    private String declare(String localType, String name, String rhs, Variation variation) {
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

    private String render(String className, String comment) {
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
            for (int j = 0; j < program.results().size(); j++) {
                s.append("        final ")
                        .append(array)
                        .append(" out")
                        .append(j)
                        .append(" = outs[")
                        .append(j)
                        .append("];\n");
            }
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

    /**
     * A kernel with several outputs and no row or column input: the one fused loop as a private method
     * {@code fused}, and an {@code apply} that runs one loop per output instead, output {@code j}'s loop
     * reading the value of an earlier output from that output's array (Adam's parameter update reads the new
     * moments), unless an earlier output is an input that a later loop reads, when it calls {@code fused}.
     * Why: one loop with every output in its body is past the size up to which C2 unrolls and vectorises a
     * loop (JDK 17's LoopUnrollLimit): an Adam step, three outputs from six inputs, ran 5 to 15 times slower
     * fused than as three loops, and as fast as them with -XX:LoopUnrollLimit=250. Shared subexpressions
     * that are not outputs are recomputed in each loop that needs them, in registers.
     *
     * <p>In FLOAT32, each {@code exp} and {@code tanh} is staged: a loop writes its argument into a
     * {@link FloatMath#block} and {@link FloatMath} replaces the block by the function's values (a vectorised
     * polynomial, where {@code Math.exp} is a scalar call of 4 to 14 ns), which later loops read. The loops then
     * run over blocks of {@link FloatMath#BLOCK} elements, every output's for one block before the next block.
     * The values are the bits the element-at-a-time kernels give through the same functions. An LSTM cell's
     * forward call (three sigmoids, two tanh) went from 0.62 to 0.25 ms for 64 × 256 elements.
     */
    private String renderWithLoopPerOutput(String className, String comment) {
        String fused = render(className, comment).replace("    public void apply(", "    private void fused(");
        String once = code[Variation.ONCE.ordinal()].toString();
        List<Operand> roots = program.results();
        String[] held = new String[program.size()]; // the array element that holds temporary k, once one does
        StringBuilder loops = new StringBuilder();
        StringBuilder conflicts = new StringBuilder();
        StringBuilder blocks = new StringBuilder(); // the staging blocks' declarations
        int staged = 0;
        String from = "0";
        String to = "n";
        boolean staging = !doubles && stagesAny();
        if (staging) {
            from = "b";
            to = "e";
        }
        for (int j = 0; j < roots.size(); j++) {
            boolean[] needed = new boolean[program.size()];
            need(roots.get(j), needed, held);
            for (int k = 0; k < program.size(); k++) {
                if (needed[k] && held[k] == null && program.step(k) instanceof Step.Read r) {
                    for (int earlier = 0; earlier < j; earlier++) {
                        conflicts
                                .append(conflicts.length() == 0 ? "" : " || ")
                                .append("outs[")
                                .append(earlier)
                                .append("] == inputs[")
                                .append(r.input())
                                .append(']');
                    }
                }
            }
            for (int k = 0; k < program.size(); k++) { // staged in order: each one's argument only reads earlier ones
                if (needed[k] && held[k] == null && staging && isStaged(k)) {
                    Step.Unary unary = (Step.Unary) program.step(k);
                    String block = "x" + k;
                    blocks.append("        final float[] ")
                            .append(block)
                            .append(" = ")
                            .append(FLOAT_MATH)
                            .append(".block(")
                            .append(staged++)
                            .append(");\n");
                    loops.append(loop(unary.x(), block + "[i - b]", held, from, to));
                    loops.append("        ")
                            .append(FLOAT_MATH)
                            .append(unary.op() == UnaryOp.EXP ? ".exp(" : ".tanh(")
                            .append(block)
                            .append(", e - b);\n");
                    held[k] = block + "[i - b]";
                }
            }
            loops.append(loop(roots.get(j), "out" + j + "[i]", held, from, to));
            if (roots.get(j) instanceof Operand.Temp t
                    && program.variation(t.index()) != Variation.ONCE
                    && held[t.index()] == null) {
                held[t.index()] = "out" + j + "[i]";
            }
        }
        String array = type + "[]";
        StringBuilder s = new StringBuilder(fused.length() + 2048);
        s.append(fused, 0, fused.lastIndexOf('}'));
        s.append("\n    public void apply(final ")
                .append(array)
                .append("[] outs, final ")
                .append(array)
                .append("[] inputs, final int rows, final int columns) {\n");
        if (conflicts.length() > 0) {
            s.append("        if (").append(conflicts).append(") {\n");
            s.append(
                    "            fused(outs, inputs, rows, columns); // a loop would read an input already overwritten\n");
            s.append("            return;\n        }\n");
        }
        boolean[] used = program.usedInputs();
        for (int i = 0; i < used.length; i++) {
            if (used[i]) {
                s.append("        final ")
                        .append(array)
                        .append(" in")
                        .append(i)
                        .append(" = inputs[")
                        .append(i)
                        .append("];\n");
            }
        }
        for (int j = 0; j < roots.size(); j++) {
            s.append("        final ")
                    .append(array)
                    .append(" out")
                    .append(j)
                    .append(" = outs[")
                    .append(j)
                    .append("];\n");
        }
        s.append(once);
        s.append("        final int n = rows * columns;\n");
        if (staging) {
            s.append(blocks);
            s.append("        for (int b = 0; b < n; b += ").append(FLOAT_MATH).append(".BLOCK) {\n");
            s.append("            final int e = Math.min(n, b + ")
                    .append(FLOAT_MATH)
                    .append(".BLOCK);\n");
            s.append(
                    loops.toString().replace("\n        ", "\n            ").replaceFirst("^        ", "            "));
            s.append("        }\n");
        } else {
            s.append(loops);
        }
        s.append("    }\n}\n");
        return s.toString();
    }

    /**
     * One loop over elements {@code [from, to)} that computes {@code value} and stores it in {@code target}: the
     * locals it needs, where a temporary already held in an array (an earlier output, a staged block) is read
     * from there.
     */
    private String loop(Operand value, String target, String[] held, String from, String to) {
        boolean[] needed = new boolean[program.size()];
        need(value, needed, held);
        code[Variation.PER_ELEMENT.ordinal()] = new StringBuilder();
        for (int k = 0; k < program.size(); k++) {
            if (program.variation(k) != Variation.ONCE) {
                masks[k] = null;
            }
        }
        Spelling spelling = new Spelling();
        for (int k = 0; k < program.size(); k++) {
            if (!needed[k]) {
                continue;
            }
            spelling.k = k;
            String rhs = held[k] != null ? held[k] : program.step(k).accept(spelling);
            if (rhs != null) {
                declare(type, "t" + k, rhs, Variation.PER_ELEMENT);
            }
        }
        return "        for (int i = " + from + "; i < " + to + "; i++) {\n"
                + code[Variation.PER_ELEMENT.ordinal()]
                + "            " + target + " = " + operand(value) + ";\n"
                + "        }\n";
    }

    /**
     * Whether temporary {@code k} is a float {@code exp} or {@code tanh} that a loop-per-output kernel computes
     * over a block through {@link FloatMath} (vectorised) instead of one element at a time.
     */
    private boolean isStaged(int k) {
        return program.variation(k) == Variation.PER_ELEMENT
                && program.step(k) instanceof Step.Unary u
                && (u.op() == UnaryOp.EXP || u.op() == UnaryOp.TANH);
    }

    private boolean stagesAny() {
        for (int k = 0; k < program.size(); k++) {
            if (isStaged(k)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Marks in {@code needed} every temporary the loop of one output computes or reads for {@code o}: its
     * dependencies, not looking past a temporary an earlier output wrote, nor into values computed once.
     */
    private void need(Operand o, boolean[] needed, String[] written) {
        if (!(o instanceof Operand.Temp t) || needed[t.index()] || program.variation(t.index()) == Variation.ONCE) {
            return;
        }
        needed[t.index()] = true;
        if (written[t.index()] != null) {
            return;
        }
        program.step(t.index()).accept(new Step.Visitor<Void>() {
            @Override
            public Void read(Step.Read read) {
                return null;
            }

            @Override
            public Void unary(Step.Unary unary) {
                need(unary.x(), needed, written);
                return null;
            }

            @Override
            public Void binary(Step.Binary binary) {
                need(binary.a(), needed, written);
                need(binary.b(), needed, written);
                return null;
            }

            @Override
            public Void select(Step.Select select) {
                need(select.condition(), needed, written);
                need(select.ifTrue(), needed, written);
                need(select.ifFalse(), needed, written);
                return null;
            }
        });
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
