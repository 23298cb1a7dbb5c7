package dev.glia.kernels.java;

/**
 * {@code exp} and {@code tanh} in float arithmetic for the FLOAT32 kernels, one value at a time or over a block
 * of an array in place, the two giving the same bits. Why: {@code (float) Math.exp(x)} costs 4 to 14 ns here (an
 * intrinsic call in double that no loop vectorises), which made the exponentials the larger part of an LSTM
 * cell. Over a block, the polynomial runs in one loop that the JIT vectorises and only the scaling by
 * {@code 2^k} (a move between integer and float registers, which JDK 17 does not vectorise) in a scalar one.
 *
 * <p><b>exp.</b> {@code x = k ln 2 + r} with {@code k} the nearest integer to {@code x log₂e} and {@code |r| ≤ ln 2 / 2}
 * (Cody and Waite's two-part {@code ln 2}, whose first part times {@code k} is exact), {@code e^r} by its Taylor
 * polynomial of degree 7 (truncation below 6e-9 relative), then {@code 2^k} from its bits. Within 1.5 ulp of
 * {@code Math.exp} wherever the result is a normal float (1.2 at worst over the tests' 600,000 seeded values); where {@code k} would leave
 * [-126, 127] (results near overflow or subnormal, ±∞, NaN) the value is {@code (float) Math.exp(x)} itself.
 *
 * <p><b>tanh.</b> {@code tanh|x| = m / (m + 2)} with {@code m = e^{2|x|} − 1} from the same reduction without
 * cancellation ({@code 2^k (e^r − 1) + (2^k − 1)}), {@code |x|} first clamped to 20 (tanh 20 is 1 in float), and
 * the sign of {@code x} put back: within 3.5 ulp of {@code Math.tanh} (3.2 at worst in the tests, for small |x|), ±0
 * and NaN kept, ±1 at ±∞.
 *
 * <p>Public because the kernels compiled at run time call it; not an application API.
 */
public final class FloatMath {
    /** The longest block {@link #exp(float[], int)} and {@link #tanh(float[], int)} take, and {@link #block}'s length. */
    public static final int BLOCK = 1024;

    private static final float LOG2_E = (float) (1 / Math.log(2));
    /** 1.5 · 2²³: adding it rounds a float of magnitude below 2²² to an integer, which its low bits then hold. */
    private static final float ROUNDER = 12582912.0f;

    private static final int ROUNDER_BITS = 0x4B400000;
    /** ln 2 in two parts: the first has few bits, so {@code k · LN2_HIGH} is exact for |k| ≤ 2⁸. */
    private static final float LN2_HIGH = 355 / 512f;

    private static final float LN2_LOW = (float) (Math.log(2) - 355 / 512.0);
    private static final float TANH_CLAMP = 20.0f;

    /** Per thread: the two blocks exp and tanh stage through, then the kernels' staging slots. */
    private static final ThreadLocal<float[][]> BLOCKS = ThreadLocal.withInitial(() -> new float[2][BLOCK]);

    private FloatMath() {}

    /**
     * This thread's staging block number {@code slot} ({@link #BLOCK} floats), for a kernel's values between its
     * loops; kept for the thread, so the same slot is the same array on every call.
     */
    public static float[] block(int slot) {
        float[][] blocks = BLOCKS.get();
        int index = slot + 2;
        if (index >= blocks.length) {
            float[][] grown = java.util.Arrays.copyOf(blocks, index + 1);
            for (int i = blocks.length; i < grown.length; i++) {
                grown[i] = new float[BLOCK];
            }
            BLOCKS.set(grown);
            blocks = grown;
        }
        return blocks[index];
    }

    /** e^x, as described in the class comment; the same bits as {@link #exp(float[], int)} gives. */
    public static float exp(float x) {
        float shifted = shifted(x);
        return scale(expPolynomial(remainder(x, shifted)), shifted, x);
    }

    /** Replaces {@code a[0 … n)} by e to their power, as {@link #exp(float)}; {@code n ≤ BLOCK}. */
    public static void exp(float[] a, int n) {
        float[][] blocks = BLOCKS.get();
        float[] polynomial = blocks[0];
        float[] shifts = blocks[1];
        for (int i = 0; i < n; i++) { // vectorised
            float x = a[i];
            float shifted = shifted(x);
            polynomial[i] = expPolynomial(remainder(x, shifted));
            shifts[i] = shifted;
        }
        for (int i = 0; i < n; i++) {
            a[i] = scale(polynomial[i], shifts[i], a[i]);
        }
    }

    /** tanh x, as described in the class comment; the same bits as {@link #tanh(float[], int)} gives. */
    public static float tanh(float x) {
        float y = 2 * Math.min(Math.abs(x), TANH_CLAMP);
        float shifted = shifted(y);
        return tanhFrom(expm1Polynomial(remainder(y, shifted)), shifted, x);
    }

    /** Replaces {@code a[0 … n)} by their hyperbolic tangents, as {@link #tanh(float)}; {@code n ≤ BLOCK}. */
    public static void tanh(float[] a, int n) {
        float[][] blocks = BLOCKS.get();
        float[] polynomial = blocks[0];
        float[] shifts = blocks[1];
        for (int i = 0; i < n; i++) { // vectorised
            float y = 2 * Math.min(Math.abs(a[i]), TANH_CLAMP);
            float shifted = shifted(y);
            polynomial[i] = expm1Polynomial(remainder(y, shifted));
            shifts[i] = shifted;
        }
        for (int i = 0; i < n; i++) {
            a[i] = tanhFrom(polynomial[i], shifts[i], a[i]);
        }
    }

    /** {@code y log₂e + ROUNDER}: k, the nearest integer to {@code y log₂e}, sits in its low bits and is {@code shifted − ROUNDER}. */
    private static float shifted(float y) {
        return y * LOG2_E + ROUNDER;
    }

    /** {@code r = y − k ln 2}, with k from {@link #shifted}: |r| ≤ ln 2 / 2 (slightly more where y log₂e rounded). */
    private static float remainder(float y, float shifted) {
        float k = shifted - ROUNDER;
        return y - k * LN2_HIGH - k * LN2_LOW;
    }

    /** e^r for |r| ≤ ln 2 / 2: Taylor to degree 7, whose remainder is below 6e-9 relative. */
    private static float expPolynomial(float r) {
        return 1 + r * (1 + r * (1 / 2f + r * (1 / 6f + r * (1 / 24f + r * (1 / 120f + r * (1 / 720f + r / 5040f))))));
    }

    /** e^r − 1 for |r| ≤ ln 2 / 2, without the cancellation of subtracting 1. */
    private static float expm1Polynomial(float r) {
        return r * (1 + r * (1 / 2f + r * (1 / 6f + r * (1 / 24f + r * (1 / 120f + r * (1 / 720f + r / 5040f))))));
    }

    /** {@code polynomial · 2^k}, k read off {@code shifted}'s bits; {@code Math.exp(x)} where k is not in [-126, 127]. */
    private static float scale(float polynomial, float shifted, float x) {
        int k = Float.floatToRawIntBits(shifted) - ROUNDER_BITS;
        if (k < -126 || k > 127) {
            return (float) Math.exp(x); // near overflow, subnormal, infinite or NaN: rare, and exact there
        }
        return polynomial * Float.intBitsToFloat((k + 127) << 23);
    }

    /** tanh x from e^r − 1 and k of 2|x| = k ln 2 + r (k ≤ 58 after the clamp). */
    private static float tanhFrom(float expm1OfR, float shifted, float x) {
        int k = Float.floatToRawIntBits(shifted) - ROUNDER_BITS;
        float power = Float.intBitsToFloat((k + 127) << 23);
        float m = power * expm1OfR + (power - 1); // e^{2|x|} − 1
        return Math.copySign(m / (m + 2), x);
    }
}
