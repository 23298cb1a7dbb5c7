package dev.glia.kernels.java;

/**
 * The sum of a contiguous run of numbers in double, over four interleaved partial sums added at the end.
 * One running sum makes every addition wait for the one before (a chain of floating-point latency: about
 * 4 cycles an element); four independent chains let the CPU overlap them, which makes a long row sum several
 * times faster. The order of the additions is fixed, so a sum repeats bit for bit.
 */
public final class Sums {
    private Sums() {}

    /** {@code x[from] + ... + x[from + len - 1]} in double. */
    public static double of(float[] x, int from, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = from;
        int end = from + len;
        for (; i + 3 < end; i += 4) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
        }
        for (; i < end; i++) {
            s0 += x[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code x[from] + ... + x[from + len - 1]}. */
    public static double of(double[] x, int from, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = from;
        int end = from + len;
        for (; i + 3 < end; i += 4) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
        }
        for (; i < end; i++) {
            s0 += x[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
