package dev.glia.core.internal;

import java.util.Random;

/** The two weight initialisations, one draw at a time, shared by {@code Initializer} and the dense layer. */
public final class WeightInit {
    private WeightInit() {}

    /** Glorot/Xavier uniform: U(-a, a) with {@code a = sqrt(6 / (fanIn + fanOut))}. */
    public static double xavier(Random random, int fanIn, int fanOut) {
        double a = Math.sqrt(6.0 / (fanIn + fanOut));
        return (2 * random.nextDouble() - 1) * a;
    }

    /** He/Kaiming normal: N(0, 2 / fanIn). */
    public static double he(Random random, int fanIn, int fanOut) {
        return random.nextGaussian() * Math.sqrt(2.0 / fanIn);
    }

    /** {@code shape.size()} draws of [fanIn, fanOut] = {@code shape}, row-major, by {@code he} or else Xavier. */
    static double[] draw(boolean he, int fanIn, int fanOut, Random random) {
        double[] w = new double[fanIn * fanOut];
        for (int i = 0; i < w.length; i++) {
            w[i] = he ? he(random, fanIn, fanOut) : xavier(random, fanIn, fanOut);
        }
        return w;
    }
}
