package dev.glia.api.expr;

import java.util.function.DoubleBinaryOperator;

/**
 * The two-argument primitives of {@link Expr}, each with its float64 meaning. Comparisons yield
 * 1 for true and 0 for false. {@code MAX} and {@code MIN} propagate NaN like {@link Math#max}.
 */
public enum BinaryOp {
    /** {@code a + b}. */
    ADD("+", Double::sum),
    /** {@code a - b}. */
    SUB("-", (a, b) -> a - b),
    /** {@code a * b}. */
    MUL("*", (a, b) -> a * b),
    /** {@code a / b}. */
    DIV("/", (a, b) -> a / b),
    /** The larger of the two; NaN if either is NaN. */
    MAX(null, Math::max),
    /** The smaller of the two; NaN if either is NaN. */
    MIN(null, Math::min),
    /** {@code a} to the power {@code b}, as {@link Math#pow}. */
    POW(null, Math::pow),
    /** 1 if {@code a < b}, else 0. */
    LT("<", (a, b) -> a < b ? 1 : 0),
    /** 1 if {@code a <= b}, else 0. */
    LE("<=", (a, b) -> a <= b ? 1 : 0),
    /** 1 if {@code a > b}, else 0. */
    GT(">", (a, b) -> a > b ? 1 : 0),
    /** 1 if {@code a >= b}, else 0. */
    GE(">=", (a, b) -> a >= b ? 1 : 0),
    /** 1 if {@code a == b}, else 0. */
    EQ("==", (a, b) -> a == b ? 1 : 0);

    private final String infix;
    // The operators are method references and lambdas that capture nothing, so the constant is immutable.
    @SuppressWarnings("ImmutableEnumChecker")
    private final DoubleBinaryOperator meaning;

    BinaryOp(String infix, DoubleBinaryOperator meaning) {
        this.infix = infix;
        this.meaning = meaning;
    }

    /** Applies the primitive in float64. */
    public double apply(double a, double b) {
        return meaning.applyAsDouble(a, b);
    }

    /** The infix operator ({@code +}, {@code <=} …), or null for those printed as functions. */
    public String infix() {
        return infix;
    }

    /** Whether the result is a 1/0 truth value. */
    public boolean isComparison() {
        return switch (this) {
            case ADD, SUB, MUL, DIV, MAX, MIN, POW -> false;
            case LT, LE, GT, GE, EQ -> true;
        };
    }

    /** Lower-case name, e.g. {@code max}. */
    public String symbol() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
