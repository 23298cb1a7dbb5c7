package dev.glia.core;

import dev.glia.api.Shape;
import java.util.Objects;

/**
 * A host copy of one of a layer's tensors: its shape and its values, row-major, as doubles (so a FLOAT32 or
 * FLOAT64 tensor is copied exactly). What model files and replicas give {@link NetworkBuilder#add(
 * dev.glia.api.LayerSpec, java.util.Map)} instead of a fresh draw. The array is held, not copied: do not change
 * it while a builder may read it.
 */
public final class TensorValues {
    private final Shape shape;
    private final double[] values;

    /**
     * The values of a tensor of {@code shape}.
     *
     * @throws IllegalArgumentException unless there are {@code shape.size()} values
     */
    public TensorValues(Shape shape, double[] values) {
        this.shape = Objects.requireNonNull(shape, "shape");
        this.values = Objects.requireNonNull(values, "values");
        if (values.length != shape.size()) {
            throw new IllegalArgumentException(
                    "A tensor of shape " + shape + " holds " + shape.size() + " values, got " + values.length);
        }
    }

    /** The tensor's shape. */
    public Shape shape() {
        return shape;
    }

    /** Its elements, row-major: the array itself, not a copy. */
    public double[] values() {
        return values;
    }

    @Override
    public String toString() {
        return "TensorValues" + shape;
    }
}
