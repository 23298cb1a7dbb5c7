package dev.glia.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.spi.Availability;
import dev.glia.api.spi.BackendOptions;
import dev.glia.api.spi.BackendProvider;
import dev.glia.core.config.BackendSelector;
import dev.glia.core.config.GliaConfig;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class Nd4jBackendProviderTest {

    /**
     * "ND4J x, OpenBLAS y" with the versions the POM pins (passed in by surefire), so that a build which
     * loads another OpenBLAS than the one pinned fails here. OpenBLAS 0.3.19, the one ND4J 1.0.0-M2.1 brings,
     * does not know current Intel server CPUs and runs a generic kernel ~4x slower (docs/nd4j.md).
     */
    private static String versions() {
        String openblas = System.getProperty("glia.test.openblas.version", "?").replaceFirst("-[0-9.]+$", "");
        return "ND4J " + System.getProperty("glia.test.nd4j.version", "?") + ", OpenBLAS " + openblas;
    }

    @Test
    void isFoundByServiceLoaderWithRank200() {
        BackendProvider found = ServiceLoader.load(BackendProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("nd4j"))
                .findFirst()
                .orElseThrow();
        assertTrue(found instanceof Nd4jBackendProvider);
        assertEquals(200, found.rank());
    }

    @Test
    void probeIsAvailableWithVersionsAndThreads() {
        Availability a =
                new Nd4jBackendProvider().probe(BackendOptions.of(Map.of(Nd4jBackendProvider.THREADS_OPTION, "3")));
        assertTrue(a.available(), a.detail());
        assertTrue(a.autoEligible());
        assertEquals(versions() + ", native memory, 3 threads", a.detail());
    }

    @Test
    void createsABackendWithTheThreadsAsked() {
        try (Backend b =
                new Nd4jBackendProvider().create(BackendOptions.of(Map.of(Nd4jBackendProvider.THREADS_OPTION, "1")))) {
            assertEquals("nd4j", b.name());
            assertEquals(versions() + ", native memory, 1 thread", b.description());
        }
    }

    @Test
    void badThreadsOptionIsReported() {
        for (String bad : new String[] {"0", "two", "-1", "100000"}) {
            BackendOptions options = BackendOptions.of(Map.of(Nd4jBackendProvider.THREADS_OPTION, bad));
            Availability a = new Nd4jBackendProvider().probe(options);
            assertFalse(a.available());
            assertTrue(a.detail().contains("glia.nd4j.threads") && a.detail().contains(bad), a.detail());
            assertThrows(IllegalArgumentException.class, () -> new Nd4jBackendProvider().create(options));
        }
    }

    @Test
    void autoPrefersNd4jToEjmlAndNamesSelectEither() {
        BackendSelector selector = BackendSelector.discover(List.of());
        try (Backend auto = selector.create(GliaConfig.builder().backend("auto").build())) {
            assertEquals("nd4j", auto.name());
        }
        try (Backend named =
                selector.create(GliaConfig.builder().backend("nd4j").build())) {
            assertEquals("nd4j", named.name());
        }
        try (Backend ejml = selector.create(GliaConfig.builder().backend("ejml").build())) {
            assertEquals("ejml", ejml.name());
        }
        String report = selector.report(BackendOptions.defaults());
        assertTrue(report.contains("nd4j") && report.contains("rank 200") && report.contains("available"), report);
    }
}
