package dev.glia.core.io;

import dev.glia.api.Shape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One layer as a model file describes it.
 *
 * @param type        the id of the layer's type, e.g. {@code dense} (see {@code LayerTypes})
 * @param name        the layer's name, e.g. {@code Dense #1}
 * @param config      the layer's configuration, e.g. {@code {"units": 10, "activation": "softmax"}}
 * @param outputShape the shape of one output sample
 * @param tensors     the layer's tensor names (a parameter's or a state buffer's, e.g. {@code weight}) mapped to
 *                    the file's tensors, e.g. {@code layers.0.weight}
 */
public record LayerDescription(
        String type, String name, Map<String, Object> config, Shape outputShape, Map<String, String> tensors) {
    /** Copies the maps, keeping their order. */
    public LayerDescription {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outputShape, "outputShape");
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /** The id of the layer's activation when its configuration names one (a dense layer's), else null. */
    public String activation() {
        return config.get("activation") instanceof String s ? s : null;
    }
}
