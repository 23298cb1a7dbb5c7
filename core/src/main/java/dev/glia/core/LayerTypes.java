package dev.glia.core;

import dev.glia.api.LayerType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The layer types a model file may name, by id: the built-ins ({@code dense} and the others of {@link Layers})
 * and every plugin listed in {@code META-INF/services/dev.glia.api.LayerType} on the class path. Built-ins are
 * registered the same way, in core's own service file.
 *
 * <pre>{@code
 * LayerSpec spec = LayerTypes.discover().get("dense").spec(Map.of("units", 10, "activation", "softmax"));
 * }</pre>
 */
public final class LayerTypes {
    private final Map<String, LayerType> byId;

    private LayerTypes(Map<String, LayerType> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    /**
     * Every layer type on the class path of {@code LayerTypes}' class loader.
     *
     * @throws IllegalStateException when two types share an id, or a plugin cannot be loaded, naming it
     */
    public static LayerTypes discover() {
        return discover(LayerTypes.class.getClassLoader());
    }

    /**
     * Every layer type visible to the class loader of {@code layer}'s class (and its parents): so a plugin layer
     * loaded by a class loader of its own finds its type, to be copied or folded.
     */
    public static LayerTypes discoverFor(dev.glia.api.Layer layer) {
        ClassLoader loader = layer.getClass().getClassLoader();
        return discover(loader != null ? loader : LayerTypes.class.getClassLoader());
    }

    /** Every layer type visible to {@code loader}. */
    public static LayerTypes discover(ClassLoader loader) {
        List<LayerType> found = new ArrayList<>();
        try {
            ServiceLoader.load(LayerType.class, loader).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("A layer type plugin could not be loaded: " + e.getMessage(), e);
        }
        return of(found);
    }

    /**
     * A registry of exactly {@code types}.
     *
     * @throws IllegalStateException when two share an id
     */
    public static LayerTypes of(List<LayerType> types) {
        Map<String, LayerType> byId = new LinkedHashMap<>();
        for (LayerType t : types) {
            String id = Objects.requireNonNull(t.id(), () -> t.getClass().getName() + ".id() is null");
            LayerType old = byId.putIfAbsent(id, t);
            if (old != null) {
                throw new IllegalStateException("Two layer types have the id '" + id + "': "
                        + old.getClass().getName() + " and " + t.getClass().getName() + "; give the plugin another id");
            }
        }
        return new LayerTypes(byId);
    }

    /**
     * The type with this id.
     *
     * @throws IllegalArgumentException for an unknown id, listing the known ones and how to add a plugin
     */
    public LayerType get(String id) {
        LayerType t = byId.get(id);
        if (t == null) {
            throw new IllegalArgumentException("Unknown layer type '" + id + "'; known: " + String.join(", ", ids())
                    + ". A plugin type is listed in META-INF/services/dev.glia.api.LayerType on the class path");
        }
        return t;
    }

    /** The ids, in discovery order. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }
}
