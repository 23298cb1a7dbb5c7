package dev.glia.core;

import dev.glia.api.Layer;
import dev.glia.api.LayerSpec;
import dev.glia.api.Parameter;
import dev.glia.api.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A host copy of one layer: its type, name, configuration and named tensors (parameter values, then state).
 * From it {@link NetworkBuilder#add(LayerSpec, Map)} rebuilds the same layer on any backend; model files and
 * predictor replicas are made this way.
 *
 * @param type    the id of the layer's type
 * @param name    the layer's name, e.g. {@code Dense #2}
 * @param config  the layer's configuration (JSON values)
 * @param tensors the layer's tensors by name, in the layer's order
 */
public record LayerSnapshot(String type, String name, Map<String, Object> config, Map<String, TensorValues> tensors) {
    /** Copies the maps (keeping their order). */
    public LayerSnapshot {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        config = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
        tensors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /** Copies {@code layer}'s tensors to the host. Call it on the thread that drives the layer's backend. */
    public static LayerSnapshot of(Layer layer) {
        Map<String, TensorValues> tensors = new LinkedHashMap<>();
        for (Parameter p : layer.parameters()) {
            put(tensors, p.name(), p.value(), layer);
        }
        for (Map.Entry<String, Tensor> s : layer.state().entrySet()) {
            put(tensors, s.getKey(), s.getValue(), layer);
        }
        return new LayerSnapshot(layer.type(), layer.name(), layer.config(), tensors);
    }

    private static void put(Map<String, TensorValues> tensors, String name, Tensor t, Layer layer) {
        if (tensors.put(name, new TensorValues(t.shape(), t.toDoubleArray())) != null) {
            throw new IllegalStateException(layer.name() + " has two tensors named '" + name + "'");
        }
    }

    /**
     * The recipe that rebuilds this layer, from its type in {@code types}.
     *
     * @throws IllegalArgumentException for an unknown type or a bad configuration
     */
    public LayerSpec spec(LayerTypes types) {
        return types.get(type).spec(config);
    }
}
