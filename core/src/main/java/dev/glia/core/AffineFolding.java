package dev.glia.core;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.Layer;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.core.internal.Dense;
import java.util.ArrayList;
import java.util.List;

/** Folds runs of dense layers joined only by the identity into single layers, on the backend. */
final class AffineFolding {
    private AffineFolding() {
    }

    static Network fold(Network net) {
        Backend backend = net.backend();
        List<Layer> folded = new ArrayList<>();
        List<Layer> layers = net.layers();
        try {
            int i = 0;
            while (i < layers.size()) {
                Dense first = (Dense) layers.get(i);
                Tensor w = copy(backend, first.weight().value());
                Tensor b = copy(backend, first.bias().value());
                Activation activation = first.activation();
                int j = i + 1;
                while ("identity".equals(activation.id()) && j < layers.size()) {
                    Dense next = (Dense) layers.get(j);
                    Tensor w2 = next.weight().value();
                    Tensor nw = backend.allocate(Shape.matrix(w.shape().dim(0), w2.shape().dim(1)), net.dtype());
                    Tensor nb = copy(backend, next.bias().value());
                    backend.gemm(false, false, 1, w, w2, 0, nw);   // W1 W2
                    backend.gemm(false, false, 1, b, w2, 1, nb);   // b1 W2 + b2
                    w.close();
                    b.close();
                    w = nw;
                    b = nb;
                    activation = next.activation();
                    j++;
                }
                try {
                    folded.add(new Dense("Dense #" + (folded.size() + 1), backend, net.dtype(), w.shape().dim(0),
                            w.shape().dim(1), activation, w.toDoubleArray(), b.toDoubleArray()));
                } finally {
                    w.close();
                    b.close();
                }
                i = j;
            }
        } catch (RuntimeException e) {
            folded.forEach(Layer::close);
            throw e;
        }
        return new Network(backend, net.dtype(), folded);
    }

    private static Tensor copy(Backend backend, Tensor t) {
        Tensor c = backend.allocate(t.shape(), t.dtype());
        backend.elementwise(dev.glia.api.expr.Expr.input(0), c, t);
        return c;
    }
}
