package dev.glia.core.losses;

import dev.glia.api.Backend;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.Workspace;

/** Sums a whole tensor on its backend and downloads the one number. */
final class Reductions {
    private Reductions() {}

    /** The sum of every element of {@code t}. */
    static double total(Workspace ws, Tensor t) {
        Backend b = ws.backend();
        Tensor rows = ws.buffer("loss.rows", Shape.matrix(t.shape().rows(), 1), t.dtype());
        Tensor one = ws.buffer("loss.total", Shape.matrix(1, 1), t.dtype());
        b.sum(t, 1, rows);
        b.sum(rows, 0, one);
        double[] out = new double[1];
        b.download(one, out);
        return out[0];
    }
}
