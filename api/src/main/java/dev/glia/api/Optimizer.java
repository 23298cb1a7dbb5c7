package dev.glia.api;

import java.util.List;

/**
 * Updates parameters from their gradients. An optimiser keeps per-parameter state (momentum,
 * Adam's moments) on the parameters' backend and frees it on {@link #close()}.
 */
public interface Optimizer extends AutoCloseable {
    /** Stable identifier with its settings, e.g. {@code adam(lr=0.001)}. */
    String id();

    /** Applies one update to every parameter, in place, from its current gradient. */
    void step(List<Parameter> parameters);

    /** Frees the optimiser's state. */
    @Override
    void close();
}
