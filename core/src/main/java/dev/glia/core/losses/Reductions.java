package dev.glia.core.losses;

import dev.glia.api.Backend;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.Workspace;

/** Sums whole tensors on their backend and downloads only the totals. */
final class Reductions {
    private Reductions() {}

    /** The sum of every element of {@code t}. */
    static double total(Workspace ws, Tensor t) {
        Tensor one = ws.buffer("loss.total", Shape.matrix(1, 1), t.dtype());
        sum(ws, t, one);
        double[] out = new double[1];
        ws.backend().download(one, out);
        return out[0];
    }

    /** The sums of every element of {@code a} and of {@code b}, downloaded together. */
    static double[] totals(Workspace ws, Tensor a, Tensor b) {
        Backend backend = ws.backend();
        Tensor first = ws.buffer("loss.total", Shape.matrix(1, 1), a.dtype());
        Tensor second = ws.buffer("loss.total2", Shape.matrix(1, 1), a.dtype());
        Tensor pair = ws.buffer("loss.pair", Shape.matrix(1, 2), a.dtype());
        sum(ws, a, first);
        sum(ws, b, second);
        backend.copyBlock(first, 0, 0, pair, 0, 0, 1, 1);
        backend.copyBlock(second, 0, 0, pair, 0, 1, 1, 1);
        double[] out = new double[2];
        backend.download(pair, out);
        return out;
    }

    /** Writes the sum of every element of {@code t} into the one-element {@code out}, on the backend. */
    static void sum(Workspace ws, Tensor t, Tensor out) {
        Tensor rows = ws.buffer("loss.rows", Shape.matrix(t.shape().rows(), 1), t.dtype());
        ws.backend().sum(t, 1, rows);
        ws.backend().sum(rows, 0, out);
    }
}
