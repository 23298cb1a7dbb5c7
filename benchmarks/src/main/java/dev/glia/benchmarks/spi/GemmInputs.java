package dev.glia.benchmarks.spi;

import java.util.SplittableRandom;

/** The operands every system multiplies: A (m×k) then B (k×n), row-major, seeded values in [-1, 1). */
@SuppressWarnings("ArrayRecordComponent") // benchmark inputs handed to every system as they are, never compared
public record GemmInputs(int m, int k, int n, float[] a, float[] b) {

    /** Seeded operands of these sizes. */
    public static GemmInputs random(int m, int k, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new GemmInputs(m, k, n, fill(r, Math.multiplyExact(m, k)), fill(r, Math.multiplyExact(k, n)));
    }

    private static float[] fill(SplittableRandom r, int count) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return v;
    }

    /** C[0][0] computed on the host in double: what every system's result is checked against. */
    public double expectedFirstElement() {
        double s = 0;
        for (int i = 0; i < k; i++) {
            s += (double) a[i] * b[i * n];
        }
        return s;
    }

    /** Floating-point operations of one product: 2·m·k·n. */
    public double flops() {
        return 2.0 * m * k * n;
    }
}
