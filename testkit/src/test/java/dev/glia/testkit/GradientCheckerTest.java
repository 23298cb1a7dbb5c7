package dev.glia.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class GradientCheckerTest {
    private static final ToDoubleFunction<double[]> CUBES = x -> {
        double s = 0;
        for (double v : x) {
            s += v * v * v;
        }
        return s;
    };

    private static double[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble(-2, 2);
        }
        return x;
    }

    private static double[] cubeGradient(double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = 3 * x[i] * x[i];
        }
        return g;
    }

    @Test
    void correctGradientOfSumOfCubesPasses() {
        double[] x = random(50, 1);
        double[] before = x.clone();
        GradientChecker.Result r = GradientChecker.assertGradient(CUBES, x, cubeGradient(x));
        assertTrue(r.maxRelativeError() < 1e-6, r.toString());
        assertArrayEquals(before, x, "x must be left unchanged");
    }

    @Test
    void wrongGradientFailsNamingIndexAndValues() {
        double[] x = random(20, 2);
        double[] g = cubeGradient(x);
        g[7] *= 1.01;
        AssertionFailedError e =
                assertThrows(AssertionFailedError.class, () -> GradientChecker.assertGradient(CUBES, x, g));
        assertTrue(e.getMessage().contains("index 7"), e.getMessage());
        assertTrue(e.getMessage().contains(Double.toString(g[7])), e.getMessage());
        GradientChecker.Result r = GradientChecker.check(CUBES, x, g);
        assertEquals(7, r.worstIndex());
        assertEquals(g[7], r.analytic());
        assertEquals(3 * x[7] * x[7], r.numeric(), 1e-8);
        assertEquals(0.01 / 2.01, r.maxRelativeError(), 1e-6, "|a - n| / (|a| + |n|)");
        assertFalse(r.passes(1e-4));
    }

    @Test
    void smallButWrongGradientFails() {
        // f = sum(1e-3 x_i^2): gradients around 1e-3; one off by 10% must still fail
        ToDoubleFunction<double[]> f = x -> {
            double s = 0;
            for (double v : x) {
                s += 1e-3 * v * v;
            }
            return s;
        };
        double[] x = random(10, 3);
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = 2e-3 * x[i];
        }
        GradientChecker.assertGradient(f, x, g);
        g[4] *= 1.1;
        assertThrows(AssertionFailedError.class, () -> GradientChecker.assertGradient(f, x, g));
    }

    @Test
    void zeroGradientsOfALargeFunctionAreNotNoise() {
        // half the elements barely influence f (gradient 1e-9) while f is about 1e4, so their central
        // differences are mostly rounding noise (about 1e-16 * 1e4 / 1e-5 = 1e-7): the floor must absorb it
        double[] x = random(1000, 4);
        ToDoubleFunction<double[]> f = v -> {
            double s = 1e4;
            for (int i = 0; i < v.length; i++) {
                s += i % 2 == 0 ? Math.sin(v[i]) * 50 : 1e-9 * v[i];
            }
            return s;
        };
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = i % 2 == 0 ? 50 * Math.cos(x[i]) : 1e-9;
        }
        GradientChecker.Result r = GradientChecker.assertGradient(f, x, g);
        assertTrue(r.maxRelativeError() < 1e-5, r.toString());
    }

    @Test
    void numericGradientOfAProduct() {
        double[] n = GradientChecker.numericGradient(x -> x[0] * x[1] * x[1], new double[] {3, -2}, 1e-5);
        assertArrayEquals(new double[] {4, -12}, n, 1e-8);
    }

    @Test
    void nanGradientIsAnInfiniteError() {
        double[] x = {1, 2};
        GradientChecker.Result r = GradientChecker.check(CUBES, x, new double[] {3, Double.NaN});
        assertEquals(Double.POSITIVE_INFINITY, r.maxRelativeError());
        assertEquals(1, r.worstIndex());
        assertThrows(
                AssertionFailedError.class,
                () -> GradientChecker.assertGradient(CUBES, x, new double[] {3, Double.NaN}));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> GradientChecker.check(CUBES, new double[2], new double[3]));
        assertThrows(
                IllegalArgumentException.class, () -> GradientChecker.check(CUBES, new double[2], new double[2], 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> GradientChecker.check(CUBES, new double[2], new double[2], Double.NaN));
    }

    @Test
    void emptyInputHasNoError() {
        GradientChecker.Result r = GradientChecker.check(CUBES, new double[0], new double[0]);
        assertEquals(0, r.maxRelativeError());
        assertEquals(-1, r.worstIndex());
        assertTrue(r.passes(0));
    }
}
