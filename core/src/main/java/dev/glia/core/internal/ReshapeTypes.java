package dev.glia.core.internal;

import dev.glia.api.LayerSpec;
import dev.glia.api.LayerType;
import dev.glia.api.Shape;
import java.util.Map;

/** The {@code flatten} and {@code reshape} layer types. */
public final class ReshapeTypes {
    static final String FLATTEN = "flatten";
    static final String RESHAPE = "reshape";

    private ReshapeTypes() {}

    /** Samples of any shape become one dimension, {@code [size]}. */
    public static LayerSpec flatten() {
        return (in, context) -> new Reshape(context, "Flatten", FLATTEN, in, Shape.of(in.size()));
    }

    /** Samples become {@code shape}, of the same size. */
    public static LayerSpec reshape(Shape shape) {
        if (shape.rank() >= Shape.MAX_RANK) {
            throw new IllegalArgumentException("A sample has rank 1 to " + (Shape.MAX_RANK - 1) + ", got " + shape);
        }
        return (in, context) -> new Reshape(context, "Reshape", RESHAPE, in, shape);
    }

    /** The {@code flatten} type: no configuration. */
    public static final class FlattenType implements LayerType {
        /** For the service loader. */
        public FlattenType() {}

        @Override
        public String id() {
            return FLATTEN;
        }

        @Override
        public LayerSpec spec(Map<String, Object> config) {
            return flatten();
        }
    }

    /** The {@code reshape} type: configuration {@code {"shape": [d1, ...]}}. */
    public static final class ReshapeType implements LayerType {
        /** For the service loader. */
        public ReshapeType() {}

        @Override
        public String id() {
            return RESHAPE;
        }

        @Override
        public LayerSpec spec(Map<String, Object> config) {
            return reshape(Shape.of(Configs.positiveInts(config, "shape", RESHAPE)));
        }
    }
}
