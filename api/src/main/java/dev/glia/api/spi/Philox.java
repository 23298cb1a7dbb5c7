package dev.glia.api.spi;

/**
 * The Philox-4x32-10 counter-based generator (Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as
 * easy as 1, 2, 3", SC 2011; the Random123 library), and the one definition of Glia's
 * {@link dev.glia.api.Backend#randomUniform randomUniform} and {@link dev.glia.api.Backend#randomNormal
 * randomNormal} fills, shared by the Java backends and the reference. A device backend (OpenCL) computes the
 * same numbers in a kernel.
 *
 * <p><b>The generator.</b> {@link #block} maps a 128-bit counter {@code (c0, c1, c2, c3)} and a 64-bit key
 * {@code (k0, k1)} to four 32-bit words by ten rounds; each round multiplies {@code c0} by {@code 0xD2511F53}
 * and {@code c2} by {@code 0xCD9E8D57} (64-bit products), and the key is bumped by the Weyl constants
 * {@code 0x9E3779B9} and {@code 0xBB67AE85} between rounds. There is no state: any block can be computed on
 * its own, in any order, on any device.
 *
 * <p><b>The fills.</b> For a tensor of {@code n} elements (row-major) under {@code seed} and {@code offset}:
 * <ul>
 *   <li>the key is the seed's two 32-bit halves, {@code k0 = (int) seed}, {@code k1 = (int) (seed >>> 32)};</li>
 *   <li>element {@code i} is word {@code i % 4} of the block at counter
 *       {@code (low and high 32 bits of offset + i / 4, 0, 0)}, so the tensor uses {@link #counters
 *       ceil(n / 4)} counters and the next call continues at {@code offset + ceil(n / 4)};</li>
 *   <li>a word {@code w} (unsigned) gives {@code u = (w + 0.5) * 2^-32}, exactly, in (0, 1);</li>
 *   <li>uniform: {@code low + (high - low) * u}, in double, rounded once to the tensor's type (rounding may
 *       reach either end of [low, high]);</li>
 *   <li>normal: Box–Muller on the elements {@code (2j, 2j + 1)}, with {@code u1} and {@code u2} their
 *       uniforms: {@code r = sqrt(-2 ln u1)}, {@code z0 = r cos(2 pi u2)}, {@code z1 = r sin(2 pi u2)}, and
 *       the elements are {@code mean + stddev * z0} and {@code mean + stddev * z1}; an odd last element
 *       uses its pair's {@code z0} (its partner's word lies in the same block). In double with
 *       {@link StrictMath}, rounded once. |z| is below 6.7 because {@code u1 >= 2^-33}.</li>
 * </ul>
 *
 * <p>Every method is a pure function of its arguments and thread-safe.
 */
public final class Philox {
    private static final long M0 = 0xD2511F53L;
    private static final long M1 = 0xCD9E8D57L;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;
    private static final double TWO_TO_MINUS_32 = 0x1p-32;
    private static final double TWO_PI = 2 * Math.PI;

    /** The rounds of Philox-4x32-10. */
    public static final int ROUNDS = 10;

    private Philox() {}

    /**
     * Philox-4x32-10 of the counter {@code (c0, c1, c2, c3)} under the key {@code (k0, k1)}: writes the four
     * output words to {@code out[at .. at + 3]}. Word order follows Random123 ({@code philox4x32}).
     */
    public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out, int at) {
        int x0 = c0;
        int x1 = c1;
        int x2 = c2;
        int x3 = c3;
        int key0 = k0;
        int key1 = k1;
        for (int round = 0; round < ROUNDS; round++) {
            if (round > 0) {
                key0 += W0;
                key1 += W1;
            }
            long p0 = M0 * Integer.toUnsignedLong(x0);
            long p1 = M1 * Integer.toUnsignedLong(x2);
            int y0 = (int) (p1 >>> 32) ^ x1 ^ key0;
            int y1 = (int) p1;
            int y2 = (int) (p0 >>> 32) ^ x3 ^ key1;
            int y3 = (int) p0;
            x0 = y0;
            x1 = y1;
            x2 = y2;
            x3 = y3;
        }
        out[at] = x0;
        out[at + 1] = x1;
        out[at + 2] = x2;
        out[at + 3] = x3;
    }

    /** The counters a fill of {@code n} elements uses, {@code ceil(n / 4)}: the next fill's offset is this much higher. */
    public static long counters(long n) {
        return (n + 3) >>> 2;
    }

    /** The uniform number of a word, {@code (w + 0.5) * 2^-32} with {@code w} unsigned: exact, in (0, 1). */
    public static double unit(int word) {
        return (Integer.toUnsignedLong(word) + 0.5) * TWO_TO_MINUS_32;
    }

    /** The words of elements {@code 0 .. n-1} under {@code seed} from counter {@code offset}, padded to a whole block. */
    private static int[] words(long seed, long offset, int n) {
        int blocks = (int) counters(n);
        int[] w = new int[blocks * 4];
        int k0 = (int) seed;
        int k1 = (int) (seed >>> 32);
        for (int b = 0; b < blocks; b++) {
            long counter = offset + b;
            block((int) counter, (int) (counter >>> 32), 0, 0, k0, k1, w, 4 * b);
        }
        return w;
    }

    /** The uniform fill of {@code out.length} elements in double (see the class description). */
    public static void uniform(long seed, long offset, double low, double high, double[] out) {
        int[] w = words(seed, offset, out.length);
        double span = high - low;
        for (int i = 0; i < out.length; i++) {
            out[i] = low + span * unit(w[i]);
        }
    }

    /** The uniform fill of {@code out.length} elements, computed in double and rounded once to float. */
    public static void uniform(long seed, long offset, double low, double high, float[] out) {
        int[] w = words(seed, offset, out.length);
        double span = high - low;
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (low + span * unit(w[i]));
        }
    }

    /** The normal fill of {@code out.length} elements in double (see the class description). */
    public static void normal(long seed, long offset, double mean, double stddev, double[] out) {
        int[] w = words(seed, offset, out.length);
        for (int i = 0; i < out.length; i += 2) {
            double u1 = unit(w[i]);
            double u2 = unit(w[i + 1]);
            double r = StrictMath.sqrt(-2 * StrictMath.log(u1));
            double theta = TWO_PI * u2;
            out[i] = mean + stddev * (r * StrictMath.cos(theta));
            if (i + 1 < out.length) {
                out[i + 1] = mean + stddev * (r * StrictMath.sin(theta));
            }
        }
    }

    /** The normal fill of {@code out.length} elements, computed in double and rounded once to float. */
    public static void normal(long seed, long offset, double mean, double stddev, float[] out) {
        double[] d = new double[out.length];
        normal(seed, offset, mean, stddev, d);
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) d[i];
        }
    }
}
