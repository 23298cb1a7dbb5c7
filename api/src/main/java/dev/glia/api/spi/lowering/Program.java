package dev.glia.api.spi.lowering;

import dev.glia.api.spi.Broadcast;
import java.util.Arrays;
import java.util.List;

/**
 * An element-wise expression lowered by {@link Lowering#lower}: temporaries {@code 0 … size()-1} in
 * evaluation order, each a {@link Step} over earlier temporaries, and the {@link #result()}. Each distinct
 * subexpression is one temporary. For {@code max(in0 + in1, 0)} with {@code in1} a broadcast row:
 * <pre>{@code
 * t0 = read in0 (FULL)      per element
 * t1 = read in1 (ROW)       per element
 * t2 = add(t0, t1)          per element
 * t3 = max(t2, 0.0)         per element
 * result t3
 * }</pre>
 * A program lowered from several expressions has one result per expression ({@link #results()}), over
 * one shared list of temporaries.
 */
public final class Program {
    private final List<Step> steps;
    private final List<Variation> variations;
    private final boolean[] readAsValue;
    private final List<Operand> results;
    private final boolean[] usedInputs;

    Program(
            List<Step> steps,
            List<Variation> variations,
            boolean[] readAsValue,
            List<Operand> results,
            boolean[] usedInputs) {
        this.steps = List.copyOf(steps);
        this.variations = List.copyOf(variations);
        this.readAsValue = readAsValue.clone();
        this.results = List.copyOf(results);
        this.usedInputs = usedInputs.clone();
    }

    /** The number of temporaries. */
    public int size() {
        return steps.size();
    }

    /** How temporary {@code index} is computed; its operands are earlier temporaries or constants. */
    public Step step(int index) {
        return steps.get(index);
    }

    /** Every step, in evaluation order. */
    public List<Step> steps() {
        return steps;
    }

    /** How often temporary {@code index} changes over the output. */
    public Variation variation(int index) {
        return variations.get(index);
    }

    /** How often {@code operand} changes: {@link Variation#ONCE} for a constant. */
    public Variation variation(Operand operand) {
        return operand instanceof Operand.Temp t ? variation(t.index()) : Variation.ONCE;
    }

    /**
     * Whether temporary {@code index} is read as a number: by a primitive, as a branch of a select or as the
     * result. A temporary read only as a select's condition need not be materialised as a number.
     */
    public boolean readAsValue(int index) {
        return readAsValue[index];
    }

    /** The value written to each output element: the first {@linkplain #results() result}. */
    public Operand result() {
        return results.get(0);
    }

    /**
     * The value written to each element of every output, one per expression lowered, in order. Several may
     * be the same temporary or constant.
     */
    public List<Operand> results() {
        return results;
    }

    /** Which inputs are read: {@code [i]} for input {@code i}, the array one longer than the highest read. */
    public boolean[] usedInputs() {
        return usedInputs.clone();
    }

    /** Whether input {@code index} is read. */
    public boolean reads(int index) {
        return index >= 0 && index < usedInputs.length && usedInputs[index];
    }

    /** The broadcast mode input {@code index} is read with; null if it is not read. */
    public Broadcast mode(int index) {
        for (Step s : steps) {
            if (s instanceof Step.Read r && r.input() == index) {
                return r.mode();
            }
        }
        return null;
    }

    /** Whether an input read is a {@link Broadcast#ROW} or {@link Broadcast#COLUMN}: the row and column are needed. */
    public boolean needsRowAndColumn() {
        for (Step s : steps) {
            if (s instanceof Step.Read r && (r.mode() == Broadcast.ROW || r.mode() == Broadcast.COLUMN)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an input is read as {@link Broadcast#AXIS}: the kernel then takes its stride and count as arguments. */
    public boolean readsAlongAxes() {
        for (Step s : steps) {
            if (s instanceof Step.Read r && r.mode() == Broadcast.AXIS) {
                return true;
            }
        }
        return false;
    }

    /** One line per temporary, e.g. {@code t2 = Binary[op=ADD, …]}, then the result. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            s.append('t')
                    .append(i)
                    .append(" = ")
                    .append(steps.get(i))
                    .append("  ")
                    .append(variations.get(i))
                    .append('\n');
        }
        return s.append(results.size() == 1 ? "result " : "results ")
                .append(results.size() == 1 ? results.get(0) : results)
                .append(", inputs read ")
                .append(Arrays.toString(usedInputs))
                .toString();
    }
}
