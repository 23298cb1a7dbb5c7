package dev.glia.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Glia's settings. Each key (e.g. {@code glia.backend}, {@code glia.opencl.device}) is looked up in
 * order, first match wins:
 * <ol>
 *   <li>values given in code ({@link Builder#set}, {@link Builder#backend});</li>
 *   <li>the system property ({@code -Dglia.backend=ejml});</li>
 *   <li>the environment variable, upper case with dots as underscores ({@code GLIA_BACKEND});</li>
 *   <li>{@code glia.properties} on the class path;</li>
 *   <li>the default: {@code auto} for the backend, nothing for the rest.</li>
 * </ol>
 */
public final class GliaConfig {
    /** The key that names the backend. */
    public static final String BACKEND = "glia.backend";
    /** The value of {@link #BACKEND} that picks the best available backend. */
    public static final String AUTO = "auto";
    /** The class-path resource read as the lowest-precedence source. */
    public static final String PROPERTIES_RESOURCE = "glia.properties";

    private final Map<String, String> resolved;
    private final Map<String, String> origins;

    private GliaConfig(Map<String, String> resolved, Map<String, String> origins) {
        this.resolved = resolved;
        this.origins = origins;
    }

    /** A builder reading the real system properties, environment and class path. */
    public static Builder builder() {
        return new Builder();
    }

    /** The configuration from the system properties, environment and class path alone. */
    public static GliaConfig fromEnvironment() {
        return builder().build();
    }

    /** The backend name, lower case; {@code auto} when nothing sets it. */
    public String backend() {
        return get(BACKEND).orElse(AUTO).trim().toLowerCase(Locale.ROOT);
    }

    /** The value of {@code key} after precedence. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(resolved.get(key));
    }

    /** Where the value of {@code key} came from (e.g. {@code system property}), or {@code default}. */
    public String origin(String key) {
        return origins.getOrDefault(key, "default");
    }

    /** Every {@code glia.*} setting, sorted. */
    public Map<String, String> asMap() {
        return new TreeMap<>(resolved);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }

    /** Builds a {@link GliaConfig}; the sources can be replaced for tests. */
    public static final class Builder {
        private final Map<String, String> code = new LinkedHashMap<>();
        private Properties systemProperties = System.getProperties();
        private Map<String, String> environment = System.getenv();
        private ClassLoader classLoader = Thread.currentThread().getContextClassLoader();

        private Builder() {}

        /** Names the backend in code (highest precedence). */
        public Builder backend(String name) {
            return set(BACKEND, name);
        }

        /** Sets any {@code glia.*} key in code (highest precedence). */
        public Builder set(String key, String value) {
            code.put(checkKey(key), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Reads system properties from {@code properties} instead of {@link System#getProperties()}. */
        public Builder systemProperties(Properties properties) {
            this.systemProperties = Objects.requireNonNull(properties);
            return this;
        }

        /** Reads environment variables from {@code env} instead of {@link System#getenv()}. */
        public Builder environment(Map<String, String> env) {
            this.environment = Objects.requireNonNull(env);
            return this;
        }

        /** Looks for {@code glia.properties} with this loader; null skips the class path. */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            return this;
        }

        /** Resolves every key by precedence. */
        public GliaConfig build() {
            Map<String, String> values = new HashMap<>();
            Map<String, String> origins = new HashMap<>();
            // lowest precedence first; later sources overwrite
            classPathProperties().forEach((k, v) -> put(values, origins, k, v, "glia.properties on the class path"));
            environment.forEach((name, v) -> {
                if (name.startsWith("GLIA_")) {
                    put(
                            values,
                            origins,
                            name.toLowerCase(Locale.ROOT).replace('_', '.'),
                            v,
                            "environment variable " + name);
                }
            });
            for (String name : systemProperties.stringPropertyNames()) {
                if (name.startsWith("glia.")) {
                    put(values, origins, name, systemProperties.getProperty(name), "system property");
                }
            }
            code.forEach((k, v) -> put(values, origins, k, v, "code"));
            return new GliaConfig(Map.copyOf(values), Map.copyOf(origins));
        }

        private static void put(
                Map<String, String> values, Map<String, String> origins, String key, String value, String origin) {
            values.put(key, value);
            origins.put(key, origin);
        }

        private Map<String, String> classPathProperties() {
            Map<String, String> out = new HashMap<>();
            if (classLoader == null) {
                return out;
            }
            try (InputStream in = classLoader.getResourceAsStream(PROPERTIES_RESOURCE)) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    for (String name : p.stringPropertyNames()) {
                        out.put(checkKey(name), p.getProperty(name));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + PROPERTIES_RESOURCE + " from the class path", e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PROPERTIES_RESOURCE + " on the class path: " + e.getMessage(), e);
            }
            return out;
        }

        private static String checkKey(String key) {
            if (key == null || !key.startsWith("glia.")) {
                throw new IllegalArgumentException("Glia settings start with 'glia.', got '" + key + "'");
            }
            return key;
        }
    }
}
