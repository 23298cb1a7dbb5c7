package dev.glia.core;

import dev.glia.api.Backend;
import dev.glia.api.Parameter;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * A copy of a network's parameter values kept on the backend, so that early stopping can return to the best
 * epoch without a round trip through the host. Tensors are allocated on the first {@link #save()}.
 */
final class WeightSnapshot implements AutoCloseable {
    private static final Expr COPY = Expr.input(0);

    private final List<Parameter> parameters;
    private final List<Tensor> copies = new ArrayList<>();

    WeightSnapshot(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
    }

    /** Copies every parameter's current value into the snapshot. */
    void save() {
        if (copies.isEmpty()) {
            for (Parameter p : parameters) {
                copies.add(p.value().backend().allocate(p.value().shape(), p.value().dtype()));
            }
        }
        for (int i = 0; i < parameters.size(); i++) {
            Tensor value = parameters.get(i).value();
            Backend b = value.backend();
            b.elementwise(COPY, copies.get(i), value);
        }
    }

    /** Whether {@link #save()} was called. */
    boolean isSaved() {
        return !copies.isEmpty();
    }

    /** Copies the snapshot back into the parameters. */
    void restore() {
        if (copies.isEmpty()) {
            throw new IllegalStateException("Nothing was saved");
        }
        for (int i = 0; i < parameters.size(); i++) {
            Tensor value = parameters.get(i).value();
            value.backend().elementwise(COPY, value, copies.get(i));
        }
    }

    @Override
    public void close() {
        copies.forEach(Tensor::close);
        copies.clear();
    }
}
