package dev.glia.core.config;

import dev.glia.api.Backend;
import dev.glia.api.spi.BackendProvider;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The plain front door: the configured {@link Backend}, without dependency injection.
 *
 * <p>The choice is {@link BackendSelector}'s, the same code {@link GliaModule} uses: the providers in
 * {@code META-INF/services} of the class path, {@code glia.backend} naming one of them or {@code auto}, and
 * the same {@link IllegalStateException} (with its report of every provider) when none fits. The caller
 * owns the backend and closes it.
 *
 * <pre>{@code
 * try (Backend backend = Backends.create()) { ... }                                  // glia.backend, else auto
 * try (Backend backend = Backends.create(GliaConfig.builder().backend("ejml").build())) { ... }
 * }</pre>
 */
public final class Backends {
    private Backends() {}

    /**
     * The backend that {@link GliaConfig#fromEnvironment()} selects (system property, environment,
     * {@code glia.properties}, else {@code auto}); the caller closes it.
     *
     * @throws IllegalStateException if the named backend is unknown or unavailable, or none is available for
     *     {@code auto}; the message lists every provider with its state
     */
    public static Backend create() {
        return create(GliaConfig.fromEnvironment());
    }

    /**
     * The backend that {@code config} selects; the caller closes it.
     *
     * @throws IllegalStateException if the named backend is unknown or unavailable, or none is available for
     *     {@code auto}; the message lists every provider with its state
     */
    public static Backend create(GliaConfig config) {
        return create(config, List.of());
    }

    /** The one way a backend is chosen: the discovered providers plus {@code extra}; GliaModule calls it too. */
    static Backend create(GliaConfig config, Collection<? extends BackendProvider> extra) {
        Objects.requireNonNull(config, "config");
        return BackendSelector.discover(extra).create(config);
    }
}
