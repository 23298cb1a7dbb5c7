package dev.glia.api.spi;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Backend settings resolved from configuration, keyed like {@code glia.opencl.device}. Immutable.
 */
public final class BackendOptions {
    private final Map<String, String> values;

    private BackendOptions(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Options holding these key/value pairs. */
    public static BackendOptions of(Map<String, String> values) {
        return new BackendOptions(values);
    }

    /** No options: every backend's defaults. */
    public static BackendOptions defaults() {
        return new BackendOptions(Map.of());
    }

    /** The value of {@code key}, if set. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The value of {@code key}, or {@code fallback}. */
    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    /** All options, sorted by key. */
    public Map<String, String> asMap() {
        return new TreeMap<>(values);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
