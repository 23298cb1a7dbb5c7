package dev.glia.api.spi.lowering;

/** What a {@link Step} reads: an earlier temporary of the same {@link Program}, or a constant. */
public sealed interface Operand permits Operand.Temp, Operand.Constant {

    /** Temporary number {@code index}: the value of {@link Program#step(int) step index}. */
    record Temp(int index) implements Operand {
        /** Checks the index. */
        public Temp {
            if (index < 0) {
                throw new IllegalArgumentException("A temporary's index must be >= 0, got " + index);
            }
        }
    }

    /**
     * A constant. Equal constants are those {@link Double#compare} calls equal, so {@code -0.0} and
     * {@code 0.0} stay apart and NaN equals NaN.
     */
    record Constant(double value) implements Operand {}
}
