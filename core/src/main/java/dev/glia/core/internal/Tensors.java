package dev.glia.core.internal;

import dev.glia.api.Tensor;
import java.util.ArrayList;
import java.util.List;

/** The tensors a layer's constructor has made so far, to close them all if a later one fails. */
final class Tensors implements AutoCloseable {
    private final List<Tensor> tensors = new ArrayList<>();

    Tensor add(Tensor t) {
        tensors.add(t);
        return t;
    }

    @Override
    public void close() {
        tensors.forEach(Tensor::close);
        tensors.clear();
    }
}
