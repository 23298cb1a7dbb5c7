package dev.glia.core.internal;

import dev.glia.api.Shape;
import dev.glia.api.Tensor;

/** Batch shapes: a per-sample shape with the batch dimension in front, and the check every layer makes. */
final class Shapes {
    private Shapes() {}

    /** {@code [batch, sample...]}. */
    static Shape batched(int batch, Shape sample) {
        int[] s = sample.dims();
        int[] d = new int[s.length + 1];
        d[0] = batch;
        System.arraycopy(s, 0, d, 1, s.length);
        return Shape.of(d);
    }

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
