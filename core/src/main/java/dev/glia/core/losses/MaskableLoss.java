package dev.glia.core.losses;

import dev.glia.api.Loss;

/**
 * A loss over classes along the prediction's last axis that is computed at each time step and can leave steps
 * out: padding in sequences of unequal length. For a prediction {@code [N, T, V]} (or {@code [N, V]}) each of the
 * {@code N·T} rows of {@code V} values is one step, and its target is either a probability row of {@code V}
 * values (one-hot or soft; the target then has the prediction's shape) or one class id (the target holds one
 * value per row: {@code [N, T]}, or {@code [N, 1]}). A step <em>without a target</em> (class id
 * {@link #NO_TARGET}, or a probability row of zeros) contributes neither loss nor gradient, and the loss is the
 * mean over the steps that have one.
 *
 * <p>This is how the training loop applies a {@linkplain dev.glia.core.Dataset#withMask dataset's mask}: a
 * masked step's class id becomes {@link #NO_TARGET}, its probability row zeros. A network refuses a mask with a
 * loss that is not a {@code MaskableLoss}.
 */
public interface MaskableLoss extends Loss {
    /** The class id of a step without a target. */
    int NO_TARGET = -1;
}
