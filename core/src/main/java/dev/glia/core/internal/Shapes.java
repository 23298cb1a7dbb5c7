package dev.glia.core.internal;

import dev.glia.api.Shape;
import dev.glia.api.Tensor;

/** The check every layer makes of a batch against its per-sample shape. */
final class Shapes {
    private Shapes() {}

    /** Fails unless {@code t} is a batch of {@code sample}s, naming both shapes. */
    static void checkBatch(String what, Tensor t, Shape sample) {
        Shape s = t.shape();
        boolean ok = s.rank() == sample.rank() + 1;
        for (int i = 0; ok && i < sample.rank(); i++) {
            ok = s.dim(i + 1) == sample.dim(i);
        }
        if (!ok) {
            throw new IllegalArgumentException(what + " expects a batch of samples of shape " + sample
                    + ", [batchSize, " + sample.toString().substring(1) + ", got " + s);
        }
    }
}
