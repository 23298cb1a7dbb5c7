package dev.glia.testkit;

import dev.glia.api.Backend;
import dev.glia.api.spi.Availability;
import dev.glia.api.spi.BackendOptions;
import dev.glia.api.spi.BackendProvider;

/**
 * Makes the {@link ReferenceBackend} selectable by configuration as {@code reference}. It has rank 0
 * and is available only by name: {@code auto} never picks a backend this slow, but a test or a
 * gradient check may ask for it ({@code -Dglia.backend=reference}) whenever the testkit is on the
 * class path. Registered in {@code META-INF/services/dev.glia.api.spi.BackendProvider}.
 */
public final class ReferenceBackendProvider implements BackendProvider {

    /** The provider ServiceLoader instantiates. */
    public ReferenceBackendProvider() {
        // stateless
    }

    @Override
    public String name() {
        return ReferenceBackend.NAME;
    }

    @Override
    public int rank() {
        return 0;
    }

    @Override
    public Availability probe(BackendOptions options) {
        return Availability.availableByNameOnly("float64 reference loops on the Java heap (glia-testkit); "
                + "for tests and gradient checks, not for training");
    }

    @Override
    public Backend create(BackendOptions options) {
        return new ReferenceBackend();
    }

    @Override
    public String toString() {
        return "ReferenceBackendProvider[reference, rank 0, by name only]";
    }
}
