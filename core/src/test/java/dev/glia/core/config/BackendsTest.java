package dev.glia.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.ProvisionException;
import com.google.inject.multibindings.Multibinder;
import dev.glia.api.Backend;
import dev.glia.api.spi.Availability;
import dev.glia.api.spi.BackendOptions;
import dev.glia.api.spi.BackendProvider;
import dev.glia.testkit.ReferenceBackend;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link Backends#create} and {@link GliaModule} choose the same backend and fail with the same message. */
class BackendsTest {

    /** A provider that remembers the options it created its backend with. */
    static final class RecordingProvider implements BackendProvider {
        final AtomicReference<BackendOptions> created = new AtomicReference<>();

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public int rank() {
            return 5;
        }

        @Override
        public Availability probe(BackendOptions options) {
            return Availability.available("test");
        }

        @Override
        public Backend create(BackendOptions options) {
            created.set(options);
            return new ReferenceBackend();
        }
    }

    private static GliaConfig.Builder isolated() {
        return GliaConfig.builder()
                .systemProperties(new Properties())
                .environment(Map.of())
                .classLoader(null);
    }

    private static Backend throughGuice(GliaConfig config, List<BackendProvider> extra) {
        try {
            return Guice.createInjector(new GliaModule(config), new AbstractModule() {
                        @Override
                        protected void configure() {
                            Multibinder<BackendProvider> providers =
                                    Multibinder.newSetBinder(binder(), BackendProvider.class);
                            extra.forEach(p -> providers.addBinding().toInstance(p));
                        }
                    })
                    .getInstance(Backend.class);
        } catch (ProvisionException e) {
            throw assertInstanceOf(IllegalStateException.class, e.getCause(), "Guice wraps the selector's error");
        }
    }

    @Test
    void theReferenceBackendByNameIsTheSameThroughBothDoors() {
        GliaConfig config = isolated().backend("reference").build();
        try (Backend plain = Backends.create(config);
                Backend injected = throughGuice(config, List.of())) {
            assertEquals(ReferenceBackend.NAME, plain.name());
            assertEquals(plain.getClass(), injected.getClass());
            assertEquals(plain.name(), injected.name());
        }
    }

    @Test
    void autoPicksTheSameProviderWithTheSameOptionsThroughBothDoors() {
        RecordingProvider viaPlain = new RecordingProvider();
        RecordingProvider viaGuice = new RecordingProvider();
        GliaConfig config = isolated().set("glia.recording.threads", "3").build();
        try (Backend plain = Backends.create(config, List.of(viaPlain));
                Backend injected = throughGuice(config, List.of(viaGuice))) {
            assertEquals(plain.name(), injected.name());
        }
        // auto passed over "reference" (by name only) and took the available provider
        assertEquals(viaPlain.created.get().asMap(), viaGuice.created.get().asMap());
        assertEquals("3", viaPlain.created.get().asMap().get("glia.recording.threads"));
    }

    @Test
    void anUnknownBackendFailsWithTheIdenticalMessage() {
        GliaConfig config = isolated().backend("cuda").build();
        IllegalStateException plain = assertThrows(IllegalStateException.class, () -> Backends.create(config));
        IllegalStateException injected =
                assertThrows(IllegalStateException.class, () -> throughGuice(config, List.of()));
        assertEquals(plain.getMessage(), injected.getMessage());
        assertTrue(
                plain.getMessage().startsWith("Unknown backend 'cuda' (set by code). Known backends:\n"),
                plain.getMessage());
        assertTrue(plain.getMessage().contains("reference"), plain.getMessage());
    }

    @Test
    void autoWithNoEligibleProviderFailsWithTheIdenticalMessage() {
        GliaConfig config = isolated().build(); // auto; only "reference" (by name only) is on core's test path
        IllegalStateException plain = assertThrows(IllegalStateException.class, () -> Backends.create(config));
        IllegalStateException injected =
                assertThrows(IllegalStateException.class, () -> throughGuice(config, List.of()));
        assertEquals(plain.getMessage(), injected.getMessage());
        assertTrue(plain.getMessage().startsWith("No backend is available for glia.backend=auto."), plain.getMessage());
    }

    @Test
    void aNullConfigurationIsRefused() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> Backends.create(null));
        assertEquals("config", e.getMessage());
    }
}
