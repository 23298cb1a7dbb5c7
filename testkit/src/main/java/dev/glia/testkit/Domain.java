package dev.glia.testkit;

import java.util.SplittableRandom;

/** Where random test inputs are drawn from, chosen so that every primitive is defined there. */
enum Domain {
    /** Uniform in [-3, 3]. */
    ANY,
    /** Uniform in [0.05, 5]: for log and sqrt. */
    POSITIVE,
    /** Uniform in [0.1, 3]: for the base of pow. */
    BASE,
    /** |v| uniform in [0.1, 3] with a random sign: for recip and divisors. */
    NONZERO,
    /** One of -1, -0.5, 0, 0.5, 1: for comparisons and conditions, so that ties happen. */
    DISCRETE,
    /** One of 0, 1, 2: for argmax, so that ties happen often. */
    TIES;

    private static final double[] DISCRETE_VALUES = {-1, -0.5, 0, 0.5, 1};
    private static final double[] TIE_VALUES = {0, 1, 2};

    /** {@code n} values in float64. */
    double[] draw(SplittableRandom random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = one(random);
        }
        return v;
    }

    private double one(SplittableRandom random) {
        return switch (this) {
            case ANY -> random.nextDouble(-3, 3);
            case POSITIVE -> random.nextDouble(0.05, 5);
            case BASE -> random.nextDouble(0.1, 3);
            case NONZERO -> (random.nextBoolean() ? 1 : -1) * random.nextDouble(0.1, 3);
            case DISCRETE -> DISCRETE_VALUES[random.nextInt(DISCRETE_VALUES.length)];
            case TIES -> TIE_VALUES[random.nextInt(TIE_VALUES.length)];
        };
    }

    /** Rounds to float, as float32 tensors hold them. */
    static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
