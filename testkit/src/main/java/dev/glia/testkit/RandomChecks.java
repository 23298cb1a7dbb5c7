package dev.glia.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.spi.Philox;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * Conformance checks of {@link Backend#randomUniform} and {@link Backend#randomNormal}: uniform numbers equal the
 * reference's bit for bit, normal ones within the tolerance, over awkward shapes (odd sizes, so a Box–Muller pair
 * is cut in half; sizes that are not a multiple of 4, so a counter block is cut) and several seeds and offsets
 * (negative seeds, offsets whose counter needs its high word); a fill continues where the previous one ended;
 * seeded statistics (mean, variance, Kolmogorov–Smirnov) of the backend's own numbers; and the refusals.
 */
final class RandomChecks {
    /** Sizes 1 to 1031: odd ones, ones that are not a multiple of 4, a matrix, a rank-3 tensor. */
    static final Shape[] SHAPES = {
        Shape.of(1),
        Shape.of(2),
        Shape.of(3),
        Shape.of(4),
        Shape.of(1, 5),
        Shape.of(7, 1),
        Shape.of(3, 5),
        Shape.of(2, 3, 5),
        Shape.of(17, 129),
        Shape.of(1031)
    };

    /** (seed, offset) pairs: zero, the kit's seed, negative seeds, an offset past 2^32, offsets up to the last one there is. */
    private static final long[][] STREAMS = {
        {0, 0},
        {0x611A_2024L, 1},
        {-1, 0xFFFF_FFFFL},
        {Long.MIN_VALUE, 1L << 40},
        {0x0123_4567_89AB_CDEFL, Long.MAX_VALUE - 549}
    };

    /** (low, high) and (mean, stddev) pairs. */
    private static final double[][] UNIFORM = {{0, 1}, {-0.05, 0.05}, {-3, 7.25}};

    private static final double[][] NORMAL = {{0, 1}, {5, 0.1}, {-2, 3}, {1.5, 0}};

    private RandomChecks() {}

    /** Uniform fills equal the reference's exactly, and lie in [low, high]; one test per stream. */
    static Stream<DynamicTest> uniform(Harness h, DType dtype) {
        List<DynamicTest> tests = new ArrayList<>();
        for (long[] stream : STREAMS) {
            tests.add(DynamicTest.dynamicTest(dtype + " uniform seed " + stream[0] + " offset " + stream[1], () -> {
                for (Shape shape : SHAPES) {
                    for (double[] range : UNIFORM) {
                        double[][] both = h.both(b -> fill(
                                b, shape, dtype, t -> b.randomUniform(t, stream[0], stream[1], range[0], range[1])));
                        String what = h.name() + " randomUniform " + shape + " " + dtype + " seed " + stream[0]
                                + " offset " + stream[1] + " [" + range[0] + ", " + range[1] + "]";
                        Approx.assertExact(what, shape, both[0], both[1]);
                        for (double v : both[1]) {
                            assertTrue(v >= range[0] && v <= range[1], () -> what + ": " + v + " is out of range");
                        }
                    }
                }
            }));
        }
        return tests.stream();
    }

    /** Normal fills agree with the reference's within {@code tol} relative to {@code max(|expected|, 1)}. */
    static Stream<DynamicTest> normal(Harness h, DType dtype, double tol) {
        List<DynamicTest> tests = new ArrayList<>();
        for (long[] stream : STREAMS) {
            tests.add(DynamicTest.dynamicTest(dtype + " normal seed " + stream[0] + " offset " + stream[1], () -> {
                for (Shape shape : SHAPES) {
                    for (double[] p : NORMAL) {
                        double[][] both = h.both(
                                b -> fill(b, shape, dtype, t -> b.randomNormal(t, stream[0], stream[1], p[0], p[1])));
                        Approx.assertClose(
                                h.name() + " randomNormal " + shape + " " + dtype + " seed " + stream[0] + " offset "
                                        + stream[1] + " N(" + p[0] + ", " + p[1] + ")",
                                shape,
                                both[0],
                                both[1],
                                tol);
                    }
                }
            }));
        }
        return tests.stream();
    }

    /**
     * A fill of n elements (a multiple of 4) and then one of m from {@code offset + n / 4} give the same numbers as
     * one fill of n + m, on the backend under test, bit for bit.
     */
    static void continuation(Backend b, DType dtype) {
        int[][] splits = {{4, 1}, {8, 5}, {128, 129}, {1024, 7}};
        for (int[] split : splits) {
            int n = split[0];
            int m = split[1];
            long seed = 99L + n;
            long offset = 1000;
            for (boolean normal : new boolean[] {false, true}) {
                Filler filler = (t, off) -> {
                    if (normal) {
                        b.randomNormal(t, seed, off, 0.5, 2);
                    } else {
                        b.randomUniform(t, seed, off, -1, 1);
                    }
                };
                double[] whole = fill(b, Shape.of(n + m), dtype, t -> filler.fill(t, offset));
                double[] first = fill(b, Shape.of(n), dtype, t -> filler.fill(t, offset));
                double[] rest = fill(b, Shape.of(m), dtype, t -> filler.fill(t, offset + Philox.counters(n)));
                double[] joined = Arrays.copyOf(first, n + m);
                System.arraycopy(rest, 0, joined, n, m);
                Approx.assertExact(
                        "backend '" + b.name() + "' " + (normal ? "randomNormal" : "randomUniform")
                                + " of " + n + " then " + m + " elements from offset + " + Philox.counters(n) + ", "
                                + dtype
                                + ", against one fill of " + (n + m),
                        Shape.of(n + m),
                        whole,
                        joined);
            }
        }
    }

    /**
     * Seeded statistics of 65536 numbers from the backend under test: uniform in [-2, 6] and N(1, 2) have the
     * right mean and variance (within 5 standard errors) and pass a Kolmogorov–Smirnov test at the 0.1 % level
     * (D below 1.95 / sqrt(n)); a fill of the same tensor under another seed differs.
     */
    static void statistics(Backend b, DType dtype) {
        int n = 1 << 16;
        double ksBound = 1.95 / Math.sqrt(n);
        double[] u = fill(b, Shape.of(256, 256), dtype, t -> b.randomUniform(t, 2024, 7, -2, 6));
        double[] moments = moments(u);
        String what = "backend '" + b.name() + "' randomUniform [-2, 6] " + dtype + " of " + n;
        assertEquals(2, moments[0], 5 * Math.sqrt(64.0 / 12 / n), what + ": mean");
        assertEquals(64.0 / 12, moments[1], 5 * 64 * Math.sqrt(1.0 / 180 / n), what + ": variance");
        double dUniform = ks(u, x -> (x + 2) / 8);
        assertTrue(dUniform < ksBound, () -> what + ": Kolmogorov-Smirnov D = " + dUniform + " >= " + ksBound);

        double[] z = fill(b, Shape.of(n), dtype, t -> b.randomNormal(t, 2024, 7, 1, 2));
        moments = moments(z);
        String whatNormal = "backend '" + b.name() + "' randomNormal N(1, 2) " + dtype + " of " + n;
        assertEquals(1, moments[0], 5 * 2 / Math.sqrt(n), whatNormal + ": mean");
        assertEquals(4, moments[1], 5 * 4 * Math.sqrt(2.0 / n), whatNormal + ": variance");
        double dNormal = ks(z, x -> normalCdf((x - 1) / 2));
        assertTrue(dNormal < ksBound, () -> whatNormal + ": Kolmogorov-Smirnov D = " + dNormal + " >= " + ksBound);

        double[] other = fill(b, Shape.of(n), dtype, t -> b.randomNormal(t, 2025, 7, 1, 2));
        int same = 0;
        for (int i = 0; i < n; i++) {
            same += z[i] == other[i] ? 1 : 0;
        }
        assertTrue(
                same < 10, "backend '" + b.name() + "': seeds 2024 and 2025 gave " + same + " equal numbers of " + n);
    }

    /** Wrong dtypes of parameters, negative or overflowing offsets, closed and foreign tensors are refused. */
    @SuppressWarnings("try") // closes a tensor on purpose to check its use after close
    static void badArguments(Backend b, Backend reference) {
        try (Tensor t = b.allocate(Shape.of(2, 3), DType.FLOAT32);
                Tensor foreign = reference.allocate(Shape.of(2, 3), DType.FLOAT32)) {
            refuses(
                    IllegalArgumentException.class,
                    "low and high must be finite with low < high",
                    () -> b.randomUniform(t, 1, 0, 1, 1));
            refuses(IllegalArgumentException.class, "high=NaN", () -> b.randomUniform(t, 1, 0, 0, Double.NaN));
            refuses(
                    IllegalArgumentException.class,
                    "does not fit the FLOAT32 tensor",
                    () -> b.randomUniform(t, 1, 0, -1e40, 1));
            refuses(IllegalArgumentException.class, "stddev finite and >= 0", () -> b.randomNormal(t, 1, 0, 0, -0.5));
            refuses(
                    IllegalArgumentException.class,
                    "mean=Infinity",
                    () -> b.randomNormal(t, 1, 0, Double.POSITIVE_INFINITY, 1));
            refuses(
                    IllegalArgumentException.class,
                    "offset must be >= 0, got -4",
                    () -> b.randomNormal(t, 1, -4, 0, 1));
            refuses(
                    IllegalArgumentException.class,
                    "passes Long.MAX_VALUE",
                    () -> b.randomUniform(t, 1, Long.MAX_VALUE, 0, 1));
            refuses(IllegalArgumentException.class, "belongs to", () -> b.randomUniform(foreign, 1, 0, 0, 1));
            t.close();
            refuses(IllegalStateException.class, "", () -> b.randomNormal(t, 1, 0, 0, 1));
        }
    }

    private static <X extends Throwable> void refuses(Class<X> type, String words, Executable call) {
        X e = assertThrows(type, call);
        assertTrue(
                String.valueOf(e.getMessage()).contains(words), () -> "expected '" + words + "' in: " + e.getMessage());
    }

    /** One fill of a tensor of {@code shape} and {@code dtype} on {@code b}: what it holds afterwards. */
    private static double[] fill(Backend b, Shape shape, DType dtype, java.util.function.Consumer<Tensor> op) {
        try (Tensor t = Harness.upload(b, Harness.nans(shape.size()), shape, dtype)) {
            op.accept(t);
            return t.toDoubleArray();
        }
    }

    /** {@code {mean, variance}} (population variance). */
    private static double[] moments(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        double mean = sum / v.length;
        double squares = 0;
        for (double x : v) {
            squares += (x - mean) * (x - mean);
        }
        return new double[] {mean, squares / v.length};
    }

    /** The Kolmogorov–Smirnov statistic of {@code v} against the distribution function {@code cdf}. */
    private static double ks(double[] v, java.util.function.DoubleUnaryOperator cdf) {
        double[] s = v.clone();
        Arrays.sort(s);
        double d = 0;
        for (int i = 0; i < s.length; i++) {
            double f = cdf.applyAsDouble(s[i]);
            d = Math.max(d, Math.max((i + 1.0) / s.length - f, f - (double) i / s.length));
        }
        return d;
    }

    /** The standard normal distribution function, through erf (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
    static double normalCdf(double x) {
        double y = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * y);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double erf = 1 - poly * Math.exp(-y * y);
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    /** A fill of a tensor from a given offset. */
    private interface Filler {
        void fill(Tensor t, long offset);
    }
}
