package dev.glia.testkit;

import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.AssertionFailureBuilder;

/**
 * Checks an analytic gradient against central differences in float64.
 *
 * <p>The numeric gradient is {@code n_i = (f(x + h e_i) - f(x - h e_i)) / (2h)}. Element {@code i}'s
 * error is
 * <pre>
 *   err_i = |a_i - n_i| / max(|a_i| + |n_i|, floor),   floor = 1e-5 * max(1, |f(x)|)
 * </pre>
 * that is, a relative error where the gradient is large and an absolute one (scaled by the size of
 * {@code f}) where both values are tiny. The floor is there because central differences carry
 * rounding noise of about {@code 1e-16 * |f| / h} (about {@code 1e-11 * |f|} with the default
 * {@code h = 1e-5}): without it an element whose true gradient is zero would show a "relative
 * error" of order 1 from noise alone. With the floor such noise stays near {@code 1e-6}, while a
 * wrong gradient of any visible size still gives an error far above the default threshold.
 * A NaN or infinite value on either side counts as an infinite error.
 *
 * <p>Typical correct gradients of smooth functions show errors of {@code 1e-8} or less; the default
 * threshold of {@link #DEFAULT_THRESHOLD} ({@code 1e-4}) fails only real mistakes. Keep {@code x}
 * away from kinks ({@code relu} at 0, {@code max} ties) by more than {@code h}.
 *
 * <pre>{@code
 * double[] x = {0.5, -1.25, 2.0};
 * GradientChecker.assertGradient(v -> v[0] * v[0] * v[1] + Math.sin(v[2]), x,
 *         new double[] {2 * x[0] * x[1], x[0] * x[0], Math.cos(x[2])});
 * }</pre>
 */
public final class GradientChecker {
    /** The step used when none is given. */
    public static final double DEFAULT_STEP = 1e-5;
    /** The largest error {@link #assertGradient} accepts when no threshold is given. */
    public static final double DEFAULT_THRESHOLD = 1e-4;
    /** Relative size of the floor of the error's denominator, scaled by {@code max(1, |f(x)|)}. */
    public static final double FLOOR = 1e-5;

    private GradientChecker() {}

    /**
     * The outcome of a check: the largest element error, where it occurred and both values there.
     *
     * @param maxRelativeError the largest {@code err_i} (0 for an empty {@code x}, infinite for NaN)
     * @param worstIndex       the index of that element, -1 for an empty {@code x}
     * @param analytic         the analytic gradient at that index
     * @param numeric          the central-difference gradient at that index
     */
    public record Result(double maxRelativeError, int worstIndex, double analytic, double numeric) {
        /** Whether the largest error is at most {@code threshold}. */
        public boolean passes(double threshold) {
            return maxRelativeError <= threshold;
        }

        /** A one-line summary naming the index and both values. */
        @Override
        public String toString() {
            return "max relative error " + maxRelativeError + " at index " + worstIndex + ": analytic " + analytic
                    + ", numeric " + numeric;
        }
    }

    /** The central-difference gradient of {@code f} at {@code x} with step {@code h}. {@code x} is left unchanged. */
    public static double[] numericGradient(ToDoubleFunction<double[]> f, double[] x, double h) {
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(x, "x");
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new IllegalArgumentException("The step h must be positive and finite, got " + h);
        }
        double[] work = x.clone();
        double[] grad = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double xi = work[i];
            work[i] = xi + h;
            double plus = f.applyAsDouble(work);
            work[i] = xi - h;
            double minus = f.applyAsDouble(work);
            work[i] = xi;
            // divide by the step actually taken, which rounding may make differ from 2h
            grad[i] = (plus - minus) / ((xi + h) - (xi - h));
        }
        return grad;
    }

    /** Compares {@code analyticGradient} with central differences of {@code f} at {@code x}, step {@link #DEFAULT_STEP}. */
    public static Result check(ToDoubleFunction<double[]> f, double[] x, double[] analyticGradient) {
        return check(f, x, analyticGradient, DEFAULT_STEP);
    }

    /**
     * Compares {@code analyticGradient} with central differences of {@code f} at {@code x} using step
     * {@code h}, and returns the worst element (see the class description for the error measure).
     * {@code f} receives a scratch copy of {@code x} and must not keep it; {@code x} is left unchanged.
     */
    public static Result check(ToDoubleFunction<double[]> f, double[] x, double[] analyticGradient, double h) {
        Objects.requireNonNull(analyticGradient, "analyticGradient");
        Objects.requireNonNull(x, "x");
        if (analyticGradient.length != x.length) {
            throw new IllegalArgumentException(
                    "The analytic gradient has " + analyticGradient.length + " elements but x has " + x.length);
        }
        double[] numeric = numericGradient(f, x, h);
        double fx = f.applyAsDouble(x.clone());
        double floor = FLOOR * (Double.isFinite(fx) ? Math.max(1, Math.abs(fx)) : 1);
        double worst = 0;
        int worstIndex = x.length == 0 ? -1 : 0;
        for (int i = 0; i < x.length; i++) {
            double err = error(analyticGradient[i], numeric[i], floor);
            if (err > worst) {
                worst = err;
                worstIndex = i;
            }
        }
        return worstIndex < 0
                ? new Result(0, -1, Double.NaN, Double.NaN)
                : new Result(worst, worstIndex, analyticGradient[worstIndex], numeric[worstIndex]);
    }

    private static double error(double a, double n, double floor) {
        if (!Double.isFinite(a) || !Double.isFinite(n)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs(a - n) / Math.max(Math.abs(a) + Math.abs(n), floor);
    }

    /** Fails unless the gradient is within {@link #DEFAULT_THRESHOLD}, with step {@link #DEFAULT_STEP}. */
    public static Result assertGradient(ToDoubleFunction<double[]> f, double[] x, double[] analyticGradient) {
        return assertGradient(f, x, analyticGradient, DEFAULT_STEP, DEFAULT_THRESHOLD);
    }

    /** Fails unless the gradient is within {@code threshold}, with step {@link #DEFAULT_STEP}. */
    public static Result assertGradient(
            ToDoubleFunction<double[]> f, double[] x, double[] analyticGradient, double threshold) {
        return assertGradient(f, x, analyticGradient, DEFAULT_STEP, threshold);
    }

    /**
     * Fails with an {@code AssertionFailedError} (as JUnit's assertions do) naming the worst index,
     * the analytic and the numeric value when the largest error exceeds {@code threshold}; returns the result otherwise.
     */
    public static Result assertGradient(
            ToDoubleFunction<double[]> f, double[] x, double[] analyticGradient, double h, double threshold) {
        Result r = check(f, x, analyticGradient, h);
        if (!r.passes(threshold)) {
            throw AssertionFailureBuilder.assertionFailure()
                    .message("Gradient check failed at index " + r.worstIndex() + " of " + x.length + ": analytic "
                            + r.analytic() + " but numeric (central differences, h=" + h + ") " + r.numeric()
                            + "; relative error " + r.maxRelativeError() + " > threshold " + threshold)
                    .expected(r.numeric())
                    .actual(r.analytic())
                    .build();
        }
        return r;
    }
}
