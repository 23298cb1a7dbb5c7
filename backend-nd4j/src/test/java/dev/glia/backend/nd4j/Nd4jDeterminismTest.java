package dev.glia.backend.nd4j;

import dev.glia.api.Backend;
import dev.glia.api.spi.BackendOptions;
import dev.glia.testkit.network.DeterminismSuite;
import java.util.Map;

/**
 * Reproducible training on the ND4J backend with 3 threads, whatever the machine's processor count, so
 * that the large products and Adam's large updates are split over the helper threads in both runs.
 */
class Nd4jDeterminismTest extends DeterminismSuite {
    @Override
    protected Backend createBackend() {
        return new Nd4jBackendProvider().create(BackendOptions.of(Map.of(Nd4jBackendProvider.THREADS_OPTION, "3")));
    }
}
