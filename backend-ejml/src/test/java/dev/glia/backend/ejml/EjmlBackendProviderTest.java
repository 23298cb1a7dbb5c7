package dev.glia.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.spi.Availability;
import dev.glia.api.spi.BackendOptions;
import dev.glia.api.spi.BackendProvider;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class EjmlBackendProviderTest {

    @Test
    void isFoundByServiceLoader() {
        BackendProvider found = ServiceLoader.load(BackendProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("ejml"))
                .findFirst()
                .orElseThrow();
        assertTrue(found instanceof EjmlBackendProvider);
        assertEquals(100, found.rank());
    }

    @Test
    void probeIsAvailableWithVersionAndThreads() {
        Availability a = new EjmlBackendProvider().probe(BackendOptions.defaults());
        assertTrue(a.available());
        assertTrue(a.autoEligible());
        assertTrue(a.detail().startsWith("EJML 0.43.1, Java heap, "), a.detail());
        assertTrue(a.detail().endsWith("thread") || a.detail().endsWith("threads"), a.detail());
    }

    @Test
    void createsABackend() {
        try (Backend b = new EjmlBackendProvider()
                .create(BackendOptions.of(Map.of(EjmlBackendProvider.CONCURRENT_OPTION, "false")))) {
            assertEquals("ejml", b.name());
            assertEquals("EJML 0.43.1, Java heap, 1 thread", b.description());
        }
    }

    @Test
    void badOptionIsReported() {
        BackendOptions bad = BackendOptions.of(Map.of(EjmlBackendProvider.CONCURRENT_OPTION, "sometimes"));
        Availability a = new EjmlBackendProvider().probe(bad);
        assertFalse(a.available());
        assertTrue(a.detail().contains("glia.ejml.concurrent"), a.detail());
        assertThrows(IllegalArgumentException.class, () -> new EjmlBackendProvider().create(bad));
    }
}
