package dev.glia.testkit.network;

import dev.glia.api.Backend;
import dev.glia.testkit.ReferenceBackend;

/** The built-in layers' gradient checks on the float64 reference backend. */
class ReferenceLayerGradientTest extends LayerGradientSuite {
    @Override
    protected Backend createBackend() {
        return new ReferenceBackend();
    }
}
