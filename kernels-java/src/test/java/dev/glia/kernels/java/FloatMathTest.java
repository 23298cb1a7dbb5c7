package dev.glia.kernels.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * FloatMath's exp and tanh against {@code Math.exp} and {@code Math.tanh} (double, rounded once), in ulps of the
 * float result, over seeded values of every magnitude, and the block forms against the one-value forms bit for bit.
 */
class FloatMathTest {
    private static final int BLOCKS = 600;

    @Test
    void expIsWithinTwoUlpsAndTheBlockFormGivesTheSameBits() {
        SplittableRandom random = new SplittableRandom(11);
        double worst = 0;
        float[] a = new float[FloatMath.BLOCK];
        for (int round = 0; round < BLOCKS; round++) {
            double scale = Math.pow(10, random.nextInt(-6, 3)); // 1e-6 … 100: past both ends of the range
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) (random.nextDouble(-1, 1) * scale);
            }
            float[] x = a.clone();
            FloatMath.exp(a, a.length);
            for (int i = 0; i < a.length; i++) {
                assertEquals(
                        Float.floatToRawIntBits(FloatMath.exp(x[i])), Float.floatToRawIntBits(a[i]), "exp " + x[i]);
                worst = Math.max(worst, ulps(a[i], Math.exp(x[i]), x[i]));
            }
        }
        assertTrue(worst <= 1.5, "exp is " + worst + " ulp off at worst");
        assertTrue(
                worst > 0.5,
                "exp agrees with Math.exp to within rounding everywhere, " + worst + ": not what it computes");
    }

    @Test
    void tanhIsWithinFourUlpsAndTheBlockFormGivesTheSameBits() {
        SplittableRandom random = new SplittableRandom(12);
        double worst = 0;
        float[] a = new float[777];
        for (int round = 0; round < BLOCKS; round++) {
            double scale = Math.pow(10, random.nextInt(-6, 3));
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) (random.nextDouble(-1, 1) * scale);
            }
            float[] x = a.clone();
            FloatMath.tanh(a, a.length);
            for (int i = 0; i < a.length; i++) {
                assertEquals(
                        Float.floatToRawIntBits(FloatMath.tanh(x[i])), Float.floatToRawIntBits(a[i]), "tanh " + x[i]);
                worst = Math.max(worst, ulps(a[i], Math.tanh(x[i]), x[i]));
            }
        }
        assertTrue(worst <= 3.5, "tanh is " + worst + " ulp off at worst");
    }

    @Test
    void edgesKeepTheirMeaning() {
        float[] x = {
            0f,
            -0f,
            Float.NaN,
            Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY,
            88.72f,
            88.73f,
            -87.3f,
            -87.4f,
            -100f,
            -103.9f,
            -104f,
            -1000f,
            Float.MIN_VALUE,
            -Float.MIN_VALUE,
            Float.MIN_NORMAL,
            1e-30f,
            20f,
            -25f
        };
        float[] exp = x.clone();
        float[] tanh = x.clone();
        FloatMath.exp(exp, x.length);
        FloatMath.tanh(tanh, x.length);
        for (int i = 0; i < x.length; i++) {
            float e = (float) Math.exp(x[i]);
            float t = (float) Math.tanh(x[i]);
            assertEquals(e, exp[i], "exp " + x[i]); // overflow, subnormal results and ±∞ are Math.exp's own
            assertEquals(e, FloatMath.exp(x[i]), "exp " + x[i]);
            assertTrue(ulps(tanh[i], Math.tanh(x[i]), x[i]) <= 1, "tanh " + x[i] + ": " + tanh[i] + " against " + t);
            assertEquals(Float.floatToRawIntBits(t), Float.floatToRawIntBits(FloatMath.tanh(x[i])), "tanh " + x[i]);
        }
    }

    /** How far {@code got} is from {@code exact}, in ulps of the float nearest to it; 0 where both are NaN. */
    private static double ulps(float got, double exact, float x) {
        float nearest = (float) exact;
        if (Float.isNaN(nearest) || Float.isInfinite(nearest) || nearest == 0) {
            assertEquals(Float.floatToRawIntBits(nearest), Float.floatToRawIntBits(got), "at " + x);
            return 0;
        }
        return Math.abs(got - exact) / Math.ulp(nearest);
    }
}
