package dev.glia.backend.nd4j;

import dev.glia.api.Backend;
import dev.glia.api.spi.BackendOptions;
import dev.glia.testkit.network.LayerGradientSuite;

/** The built-in layers' gradient checks in FLOAT64 on ND4J, and dropout's masks against the reference's. */
class Nd4jLayerGradientTest extends LayerGradientSuite {
    @Override
    protected Backend createBackend() {
        return new Nd4jBackendProvider().create(BackendOptions.defaults());
    }
}
