package dev.glia.api.expr;

import java.util.function.DoubleUnaryOperator;

/** The one-argument primitives of {@link Expr}, each with its float64 meaning. */
public enum UnaryOp {
    /** {@code -x}. */
    NEG(x -> -x),
    /** {@code |x|}. */
    ABS(Math::abs),
    /** {@code e^x}. */
    EXP(Math::exp),
    /** Natural logarithm; NaN below zero, -∞ at zero. */
    LOG(Math::log),
    /** Square root; NaN below zero. */
    SQRT(Math::sqrt),
    /** {@code 1 / x}. */
    RECIP(x -> 1.0 / x),
    /** Sine. */
    SIN(Math::sin),
    /** Cosine. */
    COS(Math::cos),
    /** Hyperbolic tangent. */
    TANH(Math::tanh),
    /** The error function. */
    ERF(SpecialFunctions::erf);

    // The operators are method references and lambdas that capture nothing, so the constant is immutable.
    @SuppressWarnings("ImmutableEnumChecker")
    private final DoubleUnaryOperator meaning;

    UnaryOp(DoubleUnaryOperator meaning) {
        this.meaning = meaning;
    }

    /** Applies the primitive in float64: the specification every backend is tested against. */
    public double apply(double x) {
        return meaning.applyAsDouble(x);
    }

    /** Lower-case name, as printed in formulas, e.g. {@code tanh}. */
    public String symbol() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
