package dev.glia.core;

import dev.glia.api.Shape;
import java.util.Objects;

/**
 * A host copy of one of a layer's tensors: its shape and its values, row-major, as doubles (so a FLOAT32 or
 * FLOAT64 tensor is copied exactly). What model files and replicas give {@link NetworkBuilder#add(
 * dev.glia.api.LayerSpec, java.util.Map)} instead of a fresh draw.
 *
 * @param shape  the tensor's shape
 * @param values its elements, {@code shape.size()} of them
 */
public record TensorValues(Shape shape, double[] values) {
    /** Checks that the values fill the shape. */
    public TensorValues {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(values, "values");
        if (values.length != shape.size()) {
            throw new IllegalArgumentException("A tensor of shape " + shape + " holds " + shape.size()
                    + " values, got " + values.length);
        }
    }
}
