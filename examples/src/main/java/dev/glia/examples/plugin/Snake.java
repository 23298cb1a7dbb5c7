package dev.glia.examples.plugin;

import dev.glia.api.ElementwiseActivation;
import dev.glia.api.expr.Expr;
import java.util.Locale;

/**
 * An example activation plugin that is not in Glia's catalogue: snake, {@code f(x) = x + sin²(a·x) / a}
 * (Liu Ziyin, Tilman Hartwig and Masahito Ueda, "Neural networks fail to learn periodic functions and how
 * to fix it", 2020). It is a line with a periodic ripple, monotone for every {@code a > 0}, and its
 * derivative {@code 1 + sin(2a·x)} is derived by Glia, not written here.
 *
 * <p>Being an {@link ElementwiseActivation} is all it takes to run on every backend: the formula is
 * data, and each backend compiles forward and backward into fused kernels, on the GPU included. It is
 * registered in {@code META-INF/services/dev.glia.api.Activation} of the examples' jar, so
 * {@code dense(8, "snake(a=1)")} finds it once the jar is on the class path. That registration makes the
 * default {@code a = 1}; other values are objects ({@code dense(8, new Snake(0.5))}) or can be bound
 * through Guice's {@code MapBinder<String, Activation>}.
 */
public final class Snake implements ElementwiseActivation {
    /** The frequency the service registration uses. */
    public static final double DEFAULT_A = 1;

    private final double a;

    /** Snake with {@code a = 1}; the constructor {@link java.util.ServiceLoader} calls. */
    public Snake() {
        this(DEFAULT_A);
    }

    /** Snake with frequency {@code a > 0}. */
    public Snake(double a) {
        if (!(a > 0) || Double.isInfinite(a)) {
            throw new IllegalArgumentException("snake needs a finite frequency a > 0, got " + a);
        }
        this.a = a;
    }

    /** The frequency {@code a}. */
    public double a() {
        return a;
    }

    /** {@code snake(a=1)}: the parameter is part of the id, as model files store it. */
    @Override
    public String id() {
        String value =
                a == Math.rint(a) ? Long.toString((long) a) : Double.toString(a).toLowerCase(Locale.ROOT);
        return "snake(a=" + value + ")";
    }

    /** {@code x + sin(a·x)² / a}. */
    @Override
    public Expr apply(Expr x) {
        Expr wave = x.mul(a).sin();
        return x.add(wave.mul(wave).div(a));
    }

    @Override
    public String toString() {
        return id() + " = " + forwardExpr().format("x");
    }
}
