package dev.glia.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * One training sample as Spark moves it: the input values (row-major, as many as the network's input shape)
 * and the target values (a one-hot row for classification). The arrays are held, not copied.
 */
public final class Sample implements Serializable {
    private static final long serialVersionUID = 1L;

    private final float[] features;
    private final float[] target;

    /** A sample of {@code features} with {@code target}. */
    public Sample(float[] features, float[] target) {
        this.features = Objects.requireNonNull(features, "features");
        this.target = Objects.requireNonNull(target, "target");
    }

    /** The input values. */
    public float[] features() {
        return features;
    }

    /** The target values. */
    public float[] target() {
        return target;
    }
}
