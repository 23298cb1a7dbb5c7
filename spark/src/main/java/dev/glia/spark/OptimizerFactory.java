package dev.glia.spark;

import dev.glia.api.Optimizer;
import java.io.Serializable;

/**
 * Makes an optimiser wherever it is needed (the driver for synchronous training, every partition for parameter
 * averaging). A lambda such as {@code () -> Optimizers.adam(0.001)} is one.
 */
@FunctionalInterface
public interface OptimizerFactory extends Serializable {
    /** A new optimiser with its settings; the caller closes it. */
    Optimizer create();
}
