package dev.glia.kernels.java;

import dev.glia.api.expr.UnaryOp;
import dev.glia.api.spi.Broadcast;
import dev.glia.api.spi.lowering.Operand;
import dev.glia.api.spi.lowering.Program;
import dev.glia.api.spi.lowering.Step;
import dev.glia.api.spi.lowering.Variation;
import java.util.List;

/**
 * {@link KernelGenerator}'s rendering of a kernel with no row or column input that has several outputs, or one
 * output and a float {@code exp} or {@code tanh} to stage (below). With several outputs: the one fused
 * loop as a private method {@code fused}, and an {@code apply} that runs one loop per output instead, output
 * {@code j}'s loop reading the value of an earlier output from that output's array (Adam's parameter update reads the new
 * moments), unless an earlier output is an input that a later loop reads, when it calls {@code fused}. Why: one
 * loop with every output in its body is past the size up to which C2 unrolls and vectorises a loop (JDK 17's
 * LoopUnrollLimit): an Adam step, three outputs from six inputs, ran 5 to 15 times slower fused than as three
 * loops, and as fast as them with -XX:LoopUnrollLimit=250. Shared subexpressions that are not outputs are
 * recomputed in each loop that needs them, in registers.
 *
 * <p>In FLOAT32, each {@code exp} and {@code tanh} is staged: a loop writes its argument into a
 * {@link FloatMath#block} and {@link FloatMath} replaces the block by the function's values (a vectorised
 * polynomial, where {@code Math.exp} is a scalar call of 4 to 14 ns), which later loops read. Such a kernel
 * works on at most {@link FloatMath#BLOCK} elements at a time, every array indexed alike from 0; larger calls
 * go through {@link BlockStaging}, which copies each block of the full inputs in and the outputs back. Indexing
 * alike is what lets C2 vectorise the loops: one that read {@code in[i]} and wrote {@code block[i - b]} may
 * alias for an unknown {@code b} and stayed scalar, 0.4 to 0.8 ns per element against 0.1. The values are the
 * bits the element-at-a-time kernels give through the same functions. An LSTM cell's forward call (three
 * sigmoids, two tanh) went from 0.62 to 0.25 ms for 64 × 256 elements with the polynomials, and to 0.13 ms with
 * the loops vectorised (one core).
 */
// The code buffers are an array indexed by Variation's ordinal, as in KernelGenerator.
@SuppressWarnings("EnumOrdinal")
final class LoopPerOutput {
    private final KernelGenerator generator;

    LoopPerOutput(KernelGenerator generator) {
        this.generator = generator;
    }

    /** The kernel's source: the class {@code className}, {@code comment} at its top. */
    String render(String className, String comment) {
        String array = generator.type + "[]";
        String applyOneOutput = "    public void apply(final " + array + " out, final " + array
                + "[] inputs, final int rows, final int columns) {";
        // The class up to its new apply: with several outputs, the fused loop kept as the private method the new
        // apply falls back to; with one output no later loop can read an overwritten input, so it is dropped.
        String fusedClass = generator.render(className, comment);
        String head = generator.multi
                ? fusedClass
                        .substring(0, fusedClass.lastIndexOf('}'))
                        .replace("    public void apply(", "    private void fused(")
                : fusedClass.substring(0, fusedClass.indexOf(applyOneOutput));
        String once = generator.code[Variation.ONCE.ordinal()].toString();
        List<Operand> roots = generator.program.results();
        String[] held = new String[generator.program.size()]; // the array element that holds temporary k, once one does
        StringBuilder loops = new StringBuilder();
        StringBuilder conflicts = new StringBuilder();
        StringBuilder blocks = new StringBuilder(); // the staging blocks' declarations
        int staged = 0;
        boolean staging = stages(generator);
        for (int j = 0; j < roots.size(); j++) {
            boolean[] needed = new boolean[generator.program.size()];
            need(roots.get(j), needed, held);
            for (int k = 0; k < generator.program.size(); k++) {
                if (needed[k] && held[k] == null && generator.program.step(k) instanceof Step.Read r) {
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
            // staged in order: each one's argument reads only earlier temporaries
            for (int k = 0; k < generator.program.size(); k++) {
                if (needed[k] && held[k] == null && staging && isStaged(generator.program, k)) {
                    Step.Unary unary = (Step.Unary) generator.program.step(k);
                    String block = "x" + k;
                    blocks.append("        final float[] ")
                            .append(block)
                            .append(" = ")
                            .append(KernelGenerator.FLOAT_MATH)
                            .append(".block(")
                            .append(staged++)
                            .append(");\n");
                    loops.append(loop(unary.x(), block + "[i]", held));
                    loops.append("        ")
                            .append(KernelGenerator.FLOAT_MATH)
                            .append(unary.op() == UnaryOp.EXP ? ".exp(" : ".tanh(")
                            .append(block)
                            .append(", n);\n");
                    held[k] = block + "[i]";
                }
            }
            loops.append(loop(roots.get(j), "out" + j + "[i]", held));
            if (roots.get(j) instanceof Operand.Temp t
                    && generator.program.variation(t.index()) != Variation.ONCE
                    && held[t.index()] == null) {
                held[t.index()] = "out" + j + "[i]";
            }
        }
        StringBuilder s = new StringBuilder(head.length() + 2048);
        s.append(head);
        if (staging) {
            boolean[] used = generator.program.usedInputs();
            s.append("    private static final boolean[] STAGED = {");
            for (int i = 0; i < used.length; i++) {
                s.append(i == 0 ? "" : ", ").append(used[i] && generator.program.mode(i) == Broadcast.FULL);
            }
            s.append("};\n");
        }
        if (generator.multi) {
            s.append("\n    public void apply(final ")
                    .append(array)
                    .append("[] outs, final ")
                    .append(array)
                    .append("[] inputs, final int rows, final int columns) {\n");
        } else {
            s.append(applyOneOutput).append('\n');
        }
        if (staging) {
            s.append("        if (rows * columns > ")
                    .append(KernelGenerator.FLOAT_MATH)
                    .append(".BLOCK) { // a block at a time, every array indexed from 0\n")
                    .append("            dev.glia.kernels.java.BlockStaging.run(this, ")
                    .append(generator.multi ? "outs" : "out")
                    .append(", inputs, rows * columns, STAGED);\n")
                    .append("            return;\n        }\n");
        }
        if (conflicts.length() > 0) {
            s.append("        if (").append(conflicts).append(") {\n");
            s.append(
                    "            fused(outs, inputs, rows, columns); // a loop would read an input already overwritten\n");
            s.append("            return;\n        }\n");
        }
        generator.declareInputs(s, array);
        if (generator.multi) {
            generator.declareOutputs(s, array);
        } else {
            s.append("        final ").append(array).append(" out0 = out;\n");
        }
        s.append(once);
        s.append("        final int n = rows * columns;\n");
        s.append(blocks);
        s.append(loops);
        s.append("    }\n}\n");
        return s.toString();
    }

    /**
     * One loop over the elements that computes {@code value} and stores it in {@code target}: the
     * locals it needs, where a temporary already held in an array (an earlier output, a staged block) is read
     * from there.
     */
    private String loop(Operand value, String target, String[] held) {
        boolean[] needed = new boolean[generator.program.size()];
        need(value, needed, held);
        generator.code[Variation.PER_ELEMENT.ordinal()] = new StringBuilder();
        for (int k = 0; k < generator.program.size(); k++) {
            if (generator.program.variation(k) != Variation.ONCE) {
                generator.masks[k] = null;
            }
        }
        KernelGenerator.Spelling spelling = generator.new Spelling();
        for (int k = 0; k < generator.program.size(); k++) {
            if (!needed[k]) {
                continue;
            }
            spelling.k = k;
            String rhs = held[k] != null ? held[k] : generator.program.step(k).accept(spelling);
            if (rhs != null) {
                generator.declare(generator.type, "t" + k, rhs, Variation.PER_ELEMENT);
            }
        }
        return "        for (int i = 0; i < n; i++) {\n"
                + generator.code[Variation.PER_ELEMENT.ordinal()]
                + "            " + target + " = " + generator.operand(value) + ";\n"
                + "        }\n";
    }

    /**
     * Whether temporary {@code k} is a float {@code exp} or {@code tanh} that a loop-per-output kernel computes
     * over a block through {@link FloatMath} (vectorised) instead of one element at a time.
     */
    private static boolean isStaged(Program program, int k) {
        return program.variation(k) == Variation.PER_ELEMENT
                && program.step(k) instanceof Step.Unary u
                && (u.op() == UnaryOp.EXP || u.op() == UnaryOp.TANH);
    }

    /** Whether {@code generator}'s kernel, in this form, computes some {@code exp} or {@code tanh} over blocks. */
    static boolean stages(KernelGenerator generator) {
        return !generator.doubles && stages(generator.program);
    }

    /** Whether {@code program}, in FLOAT32, computes some {@code exp} or {@code tanh} element by element. */
    static boolean stages(Program program) {
        for (int k = 0; k < program.size(); k++) {
            if (isStaged(program, k)) {
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
        if (!(o instanceof Operand.Temp t)
                || needed[t.index()]
                || generator.program.variation(t.index()) == Variation.ONCE) {
            return;
        }
        needed[t.index()] = true;
        if (written[t.index()] != null) {
            return;
        }
        generator.program.step(t.index()).accept(new Step.Visitor<Void>() {
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
}
