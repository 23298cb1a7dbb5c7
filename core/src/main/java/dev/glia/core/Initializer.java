package dev.glia.core;

import dev.glia.core.internal.WeightInit;
import java.util.Random;

/**
 * How a dense layer's weights start. Biases start at zero. Draws come from a {@link Random} seeded by
 * the network, so a seed gives the same weights on every backend.
 */
public enum Initializer {
    /** Glorot/Xavier uniform: U(-a, a) with {@code a = sqrt(6 / (fanIn + fanOut))}. Suits tanh and sigmoid. */
    XAVIER {
        @Override
        public double sample(Random random, int fanIn, int fanOut) {
            return WeightInit.xavier(random, fanIn, fanOut);
        }
    },
    /** He/Kaiming normal: N(0, 2 / fanIn). Suits ReLU. */
    HE {
        @Override
        public double sample(Random random, int fanIn, int fanOut) {
            return WeightInit.he(random, fanIn, fanOut);
        }
    };

    /** One weight drawn for a layer with these fan-in and fan-out sizes. */
    public abstract double sample(Random random, int fanIn, int fanOut);

    /**
     * {@code fanIn * fanOut} weights, row-major [fanIn, fanOut]. The count is computed in {@code long}: one
     * beyond what a tensor holds (2^31-9) is an {@link IllegalArgumentException}, not an overflowed size.
     */
    public double[] weights(Random random, int fanIn, int fanOut) {
        long count = (long) fanIn * fanOut;
        if (fanIn < 1 || fanOut < 1 || count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format(
                    java.util.Locale.ROOT,
                    "A layer of %,d inputs and %,d "
                            + "units needs %,d weights; one tensor holds 1 to 2,147,483,639 (2^31-9)",
                    fanIn,
                    fanOut,
                    count));
        }
        double[] w = new double[(int) count];
        for (int i = 0; i < w.length; i++) {
            w[i] = sample(random, fanIn, fanOut);
        }
        return w;
    }

    /** New weights of shape [fanIn, fanOut] drawn by this initialiser, for {@link dev.glia.api.LayerContext#tensor}. */
    public dev.glia.api.LayerContext.Initial asInitial() {
        return (shape, random) -> weights(random, shape.dim(0), shape.dim(1));
    }
}
