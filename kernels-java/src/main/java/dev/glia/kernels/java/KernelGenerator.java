package dev.glia.kernels.java;

import dev.glia.api.DType;
import dev.glia.api.expr.BinaryOp;
import dev.glia.api.expr.Expr;
import dev.glia.api.expr.UnaryOp;
import dev.glia.api.spi.Broadcast;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Renders an {@link Expr} and the broadcast mode of each input into the Java source of a
 * {@link FloatKernel} (float arithmetic over {@code float[]}) or a {@link DoubleKernel} (double
 * arithmetic over {@code double[]}): one fused loop.
 *
 * <p>Every distinct subexpression becomes one {@code final} local, so the code grows with the number of
 * distinct nodes, never with the size of the unfolded tree: nodes are shared by identity first and then
 * by their rendered right-hand side (hash-consing over already-named children).
 *
 * <p>Each local is placed at the outermost loop level where its inputs are known: constants and
 * {@link Broadcast#SCALAR} inputs before the loops, {@link Broadcast#COLUMN} inputs once per row,
 * {@link Broadcast#FULL} and {@link Broadcast#ROW} inputs per element. Without row or column inputs the
 * kernel is a single flat loop over all elements, which the JIT vectorises. Every input of an element is
 * read into a local before the element is written, which makes {@code out} aliasing a full input safe.
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
public final class KernelGenerator {
    private static final String SPECIAL_FUNCTIONS = "dev.glia.api.expr.SpecialFunctions";

    /** Where a value is computed: once per call, once per row, or once per element. */
    private enum Level { ONCE, PER_ROW, PER_ELEMENT }

    /** A rendered value: a local's name or a literal, and the loop level it belongs to. */
    private record Value(String text, Level level) {
    }

    private final Broadcast[] modes;
    private final boolean doubles;
    private final String type;
    private final boolean nested;
    private final Map<Expr, Value> byNode = new IdentityHashMap<>();
    /** The int mask (-1 true, 0 false) of each comparison or condition already rendered. */
    private final Map<Expr, Value> masks = new IdentityHashMap<>();
    private final Map<String, Value> byText = new HashMap<>();
    private final StringBuilder[] code = {new StringBuilder(), new StringBuilder(), new StringBuilder()};
    private final boolean[] used;
    private int locals;

    private KernelGenerator(Broadcast[] modes, boolean[] used, DType dtype) {
        this.modes = modes;
        this.used = used;
        this.doubles = dtype == DType.FLOAT64;
        this.type = doubles ? "double" : "float";
        boolean anyRowOrColumn = false;
        for (int i = 0; i < modes.length; i++) {
            if (used[i] && (modes[i] == Broadcast.ROW || modes[i] == Broadcast.COLUMN)) {
                anyRowOrColumn = true;
            }
        }
        this.nested = anyRowOrColumn;
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
        Objects.requireNonNull(dtype, "dtype");
        boolean[] read = usedInputs(expr);
        if (modes.length < read.length) {
            throw new IllegalArgumentException("The expression reads " + read.length + " inputs but only "
                    + modes.length + " broadcast modes were given");
        }
        boolean[] used = Arrays.copyOf(read, modes.length);
        KernelGenerator g = new KernelGenerator(modes, used, dtype);
        Value root = g.visit(expr);
        return g.render(className, expr, root);
    }

    /** The interface a kernel of {@code dtype} implements. */
    static Class<?> kernelInterface(DType dtype) {
        return dtype == DType.FLOAT64 ? DoubleKernel.class : FloatKernel.class;
    }

    /**
     * Which inputs {@code expr} reads: {@code used[i]} for input {@code i}, the array one longer than the
     * highest index read. Found in time linear in the distinct nodes.
     */
    public static boolean[] usedInputs(Expr expr) {
        BitSet used = new BitSet();
        Map<Expr, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Expr> todo = new ArrayDeque<>();
        todo.push(expr);
        while (!todo.isEmpty()) {
            Expr e = todo.pop();
            if (seen.put(e, Boolean.TRUE) != null) {
                continue;
            }
            if (e instanceof Expr.Input in) {
                used.set(in.index());
            } else if (e instanceof Expr.Unary u) {
                todo.push(u.x());
            } else if (e instanceof Expr.Binary b) {
                todo.push(b.a());
                todo.push(b.b());
            } else if (e instanceof Expr.Where w) {
                todo.push(w.condition());
                todo.push(w.ifTrue());
                todo.push(w.ifFalse());
            }
        }
        boolean[] result = new boolean[used.length()];
        for (int i = 0; i < result.length; i++) {
            result[i] = used.get(i);
        }
        return result;
    }

    private Value visit(Expr e) {
        Value known = byNode.get(e);
        if (known != null) {
            return known;
        }
        Value v;
        if (e instanceof Expr.Constant k) {
            v = new Value(literal(k.value()), Level.ONCE);
        } else if (e instanceof Expr.Input in) {
            v = local(read(in.index()), level(modes[in.index()]));
        } else if (e instanceof Expr.Unary u) {
            Value x = visit(u.x());
            v = local(unary(u.op(), x.text()), x.level());
        } else if (e instanceof Expr.Binary b && b.op().isComparison()) {
            Value m = mask(b);
            v = local(fromBits(m.text() + " & " + (doubles ? "0x3FF0000000000000L" : "0x3F800000")), m.level());
        } else if (e instanceof Expr.Binary b) {
            Value x = visit(b.a());
            Value y = visit(b.b());
            v = local(binary(b.op(), x.text(), y.text()), max(x.level(), y.level()));
        } else {
            Expr.Where w = (Expr.Where) e;
            Value m = mask(w.condition());
            Value t = visit(w.ifTrue());
            Value f = visit(w.ifFalse());
            v = local(fromBits("(" + toBits(t.text()) + " & " + m.text() + ") | (" + toBits(f.text()) + " & ~"
                    + m.text() + ")"), max(m.level(), max(t.level(), f.level())));
        }
        byNode.put(e, v);
        return v;
    }

    /**
     * The int mask of a condition: -1 where it holds, 0 where not. A comparison is tested directly; any other
     * value holds where it is not zero (NaN included), as {@code where} defines.
     */
    private Value mask(Expr condition) {
        Value known = masks.get(condition);
        if (known != null) {
            return known;
        }
        String test;
        Level level;
        if (condition instanceof Expr.Binary b && b.op().isComparison()) {
            Value x = visit(b.a());
            Value y = visit(b.b());
            test = x.text() + " " + b.op().infix() + " " + y.text();
            level = max(x.level(), y.level());
        } else {
            Value c = visit(condition);
            test = c.text() + " != " + zero();
            level = c.level();
        }
        Value m = local("int", "m", test + " ? -1 : 0", level);
        masks.put(condition, m);
        return m;
    }

    /** The raw bits of a value, as an int (FLOAT32) or a long (FLOAT64); an int mask widens with its sign. */
    private String toBits(String value) {
        return (doubles ? "Double.doubleToRawLongBits(" : "Float.floatToRawIntBits(") + value + ")";
    }

    /** The value with the raw bits {@code bits}. */
    private String fromBits(String bits) {
        return (doubles ? "Double.longBitsToDouble(" : "Float.intBitsToFloat(") + bits + ")";
    }

    /** A local holding {@code rhs} at {@code level}, shared with an earlier identical right-hand side. */
    private Value local(String rhs, Level level) {
        return local(type, "t", rhs, level);
    }

    /** A local of {@code localType} named {@code prefix} and a number. */
    private Value local(String localType, String prefix, String rhs, Level level) {
        Value known = byText.get(rhs);
        if (known != null) {
            return known;
        }
        String name = prefix + locals++;
        code[level.ordinal()].append(indentOf(level))
                .append("final ").append(localType).append(' ').append(name).append(" = ").append(rhs).append(";\n");
        Value v = new Value(name, level);
        byText.put(rhs, v);
        return v;
    }

    private String read(int input) {
        return "in" + input + "[" + modes[input].indexVariable() + "]";
    }

    /** Leading spaces of a statement at {@code level}. */
    private String indentOf(Level level) {
        switch (level) {
            case ONCE:
                return "        ";
            case PER_ROW:
                return "            ";
            default:
                return nested ? "                " : "            ";
        }
    }

    private static Level level(Broadcast mode) {
        switch (mode) {
            case SCALAR:
                return Level.ONCE;
            case COLUMN:
                return Level.PER_ROW;
            default:
                return Level.PER_ELEMENT;
        }
    }

    private static Level max(Level a, Level b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private String zero() {
        return doubles ? "0.0" : "0.0f";
    }

    /** A double-valued library call, rounded back to float for FLOAT32. */
    private String call(String function, String args) {
        return doubles ? function + "(" + args + ")" : "(float) " + function + "(" + args + ")";
    }

    private String unary(UnaryOp op, String x) {
        switch (op) {
            case NEG:
                return "-" + x;
            case ABS:
                return "Math.abs(" + x + ")";
            case RECIP:
                return (doubles ? "1.0 / " : "1.0f / ") + x;
            case ERF:
                return call(SPECIAL_FUNCTIONS + ".erf", x);
            default: // exp log sqrt sin cos tanh
                return call("Math." + op.symbol(), x);
        }
    }

    private String binary(BinaryOp op, String a, String b) {
        switch (op) {
            case MAX:
                return "Math.max(" + a + ", " + b + ")";
            case MIN:
                return "Math.min(" + a + ", " + b + ")";
            case POW:
                return call("Math.pow", a + ", " + b);
            case ADD:
            case SUB:
            case MUL:
            case DIV:
                return a + " " + op.infix() + " " + b;
            default: // comparisons are masks (see visit)
                throw new AssertionError(op);
        }
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

    private String render(String className, Expr expr, Value root) {
        String array = type + "[]";
        StringBuilder s = new StringBuilder(768);
        s.append("/* ").append(comment(expr)).append(" */\n");
        s.append("public final class ").append(className).append(" implements ")
                .append(kernelInterface(doubles ? DType.FLOAT64 : DType.FLOAT32).getName()).append(" {\n");
        s.append("    private static final boolean[] READS = ").append(readsLiteral()).append(";\n\n");
        s.append("    public boolean reads(int index) {\n");
        s.append("        return index >= 0 && index < READS.length && READS[index];\n    }\n\n");
        s.append("    public void apply(final ").append(array).append(" out, final ").append(array)
                .append("[] inputs, final int rows, final int columns) {\n");
        for (int i = 0; i < modes.length; i++) {
            if (used[i]) {
                s.append("        final ").append(array).append(" in").append(i).append(" = inputs[").append(i)
                        .append("]; // ").append(modes[i]).append('\n');
            }
        }
        s.append(code[Level.ONCE.ordinal()]);
        if (nested) {
            s.append("        for (int r = 0; r < rows; r++) {\n");
            s.append("            final int base = r * columns;\n");
            s.append(code[Level.PER_ROW.ordinal()]);
            s.append("            for (int c = 0; c < columns; c++) {\n");
            s.append("                final int i = base + c;\n");
            s.append(code[Level.PER_ELEMENT.ordinal()]);
            s.append("                out[i] = ").append(root.text()).append(";\n");
            s.append("            }\n");
        } else {
            s.append("        final int n = rows * columns;\n");
            s.append("        for (int i = 0; i < n; i++) {\n");
            s.append(code[Level.PER_ELEMENT.ordinal()]);
            s.append("            out[i] = ").append(root.text()).append(";\n");
        }
        s.append("        }\n    }\n}\n");
        return s.toString();
    }

    private String readsLiteral() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < used.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(used[i]);
        }
        return sb.append('}').toString();
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
