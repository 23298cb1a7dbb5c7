package dev.glia.api;

import java.util.Map;

/**
 * A kind of layer, registered by id, so that a model file can name any layer and get it back.
 *
 * <p>Plugins: list an implementation in {@code META-INF/services/dev.glia.api.LayerType} and it is found at
 * start-up, as activations are. Its {@link #id()} must be unique; the layers it builds report it as their
 * {@link Layer#type()}.
 */
public interface LayerType {
    /** Stable identifier written into model files, e.g. {@code dense}. Lower case. */
    String id();

    /**
     * The recipe for a layer of this type with {@code config}, a layer's {@link Layer#config()} as a model file
     * gives it back (JSON numbers may come back as another Number type).
     *
     * @throws IllegalArgumentException when the configuration lacks a field or holds a bad value, naming it
     */
    LayerSpec spec(Map<String, Object> config);
}
