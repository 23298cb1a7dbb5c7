package dev.glia.core;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.Layer;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import dev.glia.core.internal.AffineLayer;
import dev.glia.core.internal.DenseType;
import java.util.List;
import java.util.Map;

/**
 * Folds runs of affine layers joined only by the identity into single dense layers, on the backend; every other
 * layer is copied as it is.
 */
final class AffineFolding {
    private AffineFolding() {}

    static Network fold(Network net) {
        Backend backend = net.backend();
        NetworkBuilder builder = Network.builder(backend).dtype(net.dtype()).input(net.inputShape());
        List<Layer> layers = net.layers();
        int i = 0;
        while (i < layers.size()) {
            if (!(layers.get(i) instanceof AffineLayer first)) {
                LayerSnapshot copy = LayerSnapshot.of(layers.get(i));
                builder.add(copy.spec(LayerTypes.discoverFor(layers.get(i))), copy.tensors());
                i++;
                continue;
            }
            Tensor w = copy(backend, first.weight().value());
            Tensor b = null;
            try {
                b = row(backend, first.bias().value());
                Activation activation = first.activation();
                int j = i + 1;
                while (activation.isIdentity() && j < layers.size() && layers.get(j) instanceof AffineLayer next) {
                    Tensor w2 = next.weight().value();
                    Tensor nw = backend.allocate(
                            Shape.matrix(w.shape().dim(0), w2.shape().dim(1)), net.dtype());
                    Tensor nb = row(backend, next.bias().value());
                    backend.gemm(false, false, 1, w, w2, 0, nw); // W1 W2
                    backend.gemm(false, false, 1, b, w2, 1, nb); // b1 W2 + b2
                    w.close();
                    b.close();
                    w = nw;
                    b = nb;
                    activation = next.activation();
                    j++;
                }
                builder.add(
                        DenseType.spec(w.shape().dim(1), activation, null),
                        Map.of(
                                "weight", new TensorValues(w.shape(), w.toDoubleArray()),
                                "bias", new TensorValues(Shape.of(b.shape().size()), b.toDoubleArray())));
                i = j;
            } finally {
                w.close();
                if (b != null) {
                    b.close();
                }
            }
        }
        return builder.build();
    }

    /** A bias [units] copied into a [1, units] matrix, as gemm takes it. */
    private static Tensor row(Backend backend, Tensor bias) {
        Tensor c = backend.allocate(Shape.matrix(1, bias.shape().size()), bias.dtype());
        backend.elementwise(Expr.input(0), c, bias);
        return c;
    }

    private static Tensor copy(Backend backend, Tensor t) {
        Tensor c = backend.allocate(t.shape(), t.dtype());
        backend.elementwise(Expr.input(0), c, t);
        return c;
    }
}
