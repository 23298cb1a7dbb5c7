package dev.glia.backend.nd4j;

import dev.glia.api.Backend;
import dev.glia.api.spi.BackendOptions;
import dev.glia.testkit.network.CrossBackendSuite;

/** A few training steps and the predictions on ND4J agree with the reference backend within float32 tolerance. */
class Nd4jCrossBackendTest extends CrossBackendSuite {
    @Override
    protected Backend createBackend() {
        return new Nd4jBackendProvider().create(BackendOptions.defaults());
    }
}
