package dev.glia.core.optim;

import dev.glia.api.Optimizer;
import dev.glia.api.Parameter;
import dev.glia.api.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * An optimiser that keeps {@code slots} state tensors per parameter (zero-initialised, on the
 * parameter's backend), allocated on the first step and freed on close.
 */
abstract class StatefulOptimizer implements Optimizer {
    private final int slots;
    private final IdentityHashMap<Tensor, Tensor[]> state = new IdentityHashMap<>();
    private final List<Tensor> extra = new ArrayList<>();

    StatefulOptimizer(int slots) {
        this.slots = slots;
    }

    /** The state tensors of {@code p}. */
    final Tensor[] state(Parameter p) {
        return state.computeIfAbsent(p.value(), v -> {
            Tensor[] s = new Tensor[slots];
            for (int i = 0; i < slots; i++) {
                s[i] = v.backend().allocate(v.shape(), v.dtype());
            }
            return s;
        });
    }

    /** The number of state tensors per parameter. */
    final int slots() {
        return slots;
    }

    /** The number of steps taken, for optimisers whose update depends on it (Adam's bias correction); else 0. */
    long steps() {
        return 0;
    }

    /** Sets the number of steps taken (restoring a checkpoint); ignored by optimisers that do not count. */
    void steps(long taken) {
        // stateless in the step count
    }

    /** Registers a tensor to be freed on close. */
    final <T extends Tensor> T own(T t) {
        extra.add(t);
        return t;
    }

    @Override
    public void step(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            update(p, state(p));
        }
    }

    /** Updates one parameter in place. */
    abstract void update(Parameter p, Tensor[] state);

    @Override
    public void close() {
        state.values().forEach(s -> {
            for (Tensor t : s) {
                t.close();
            }
        });
        state.clear();
        extra.forEach(Tensor::close);
        extra.clear();
    }
}
