package dev.glia.core.config;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.spi.BackendProvider;
import dev.glia.core.activations.Activations;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Guice module that provides the configured {@link Backend} and the {@link Activations} registry.
 *
 * <p>Backend providers come from {@code META-INF/services} and from any module that adds to
 * {@code Multibinder<BackendProvider>}; activations come from the built-ins, {@code META-INF/services}
 * and {@code MapBinder<String, Activation>}. The backend is a singleton: close it when done. It is chosen
 * exactly as {@link Backends#create(GliaConfig)} chooses it, the door for code without dependency injection
 * (Guice wraps a selection error in a {@code ProvisionException} whose cause is that same exception).
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new GliaModule(GliaConfig.fromEnvironment()));
 * try (Backend backend = injector.getInstance(Backend.class)) { ... }
 * }</pre>
 */
public final class GliaModule extends AbstractModule {
    private final GliaConfig config;

    /** A module for this configuration. */
    public GliaModule(GliaConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    protected void configure() {
        bind(GliaConfig.class).toInstance(config);
        Multibinder.newSetBinder(binder(), BackendProvider.class);
        MapBinder.newMapBinder(binder(), String.class, Activation.class);
    }

    @Provides
    @Singleton
    BackendSelector backendSelector(Set<BackendProvider> bound) {
        return BackendSelector.discover(bound);
    }

    @Provides
    @Singleton
    Backend backend(Set<BackendProvider> bound, GliaConfig config) {
        return Backends.create(config, bound);
    }

    @Provides
    @Singleton
    Activations activations(Map<String, Activation> bound) {
        bound.forEach((key, a) -> {
            if (!key.equals(a.id())) {
                throw new IllegalStateException("An activation bound under '" + key + "' has the id '" + a.id() + "' ("
                        + a.getClass().getName() + "); bind it under its id");
            }
        });
        return Activations.discover().with(bound.values());
    }
}
