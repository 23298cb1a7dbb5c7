package dev.glia.core.internal;

import dev.glia.api.LayerSpec;

/** The recipes of the built-in layers other than dense, for {@code dev.glia.core.Layers}. */
public final class LayerSpecs {
    private LayerSpecs() {}

    /** Inverted dropout of a share {@code rate}. */
    public static LayerSpec dropout(double rate) {
        return Dropout.spec(rate);
    }

    /** Batch normalisation over features. */
    public static LayerSpec batchNorm(double momentum, double epsilon) {
        return BatchNorm.spec(momentum, epsilon);
    }

    /** A lookup table of {@code vocabulary} vectors of {@code dimension} values. */
    public static LayerSpec embedding(int vocabulary, int dimension) {
        return Embedding.spec(vocabulary, dimension);
    }
}
