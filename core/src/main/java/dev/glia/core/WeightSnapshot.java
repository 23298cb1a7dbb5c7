package dev.glia.core;

import dev.glia.api.Backend;
import dev.glia.api.Parameter;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * A copy of a network's parameter values and state buffers (a batch normalisation's running statistics) kept on
 * the backend, so that early stopping can return to the best epoch without a round trip through the host.
 * Tensors are allocated on the first {@link #save()}.
 */
final class WeightSnapshot implements AutoCloseable {
    private static final Expr COPY = Expr.input(0);

    private final List<Tensor> tensors = new ArrayList<>();
    private final List<Tensor> copies = new ArrayList<>();

    WeightSnapshot(List<Parameter> parameters, List<Tensor> state) {
        parameters.forEach(p -> tensors.add(p.value()));
        tensors.addAll(state);
    }

    /** Copies every parameter's current value and every state buffer into the snapshot. */
    void save() {
        if (copies.isEmpty()) {
            for (Tensor t : tensors) {
                copies.add(t.backend().allocate(t.shape(), t.dtype()));
            }
        }
        for (int i = 0; i < tensors.size(); i++) {
            Tensor value = tensors.get(i);
            Backend b = value.backend();
            b.elementwise(COPY, copies.get(i), value);
        }
    }

    /** Whether {@link #save()} was called. */
    boolean isSaved() {
        return !copies.isEmpty();
    }

    /** Copies the snapshot back into the parameters and state buffers. */
    void restore() {
        if (copies.isEmpty()) {
            throw new IllegalStateException("Nothing was saved");
        }
        for (int i = 0; i < tensors.size(); i++) {
            Tensor value = tensors.get(i);
            value.backend().elementwise(COPY, value, copies.get(i));
        }
    }

    @Override
    public void close() {
        copies.forEach(Tensor::close);
        copies.clear();
    }
}
