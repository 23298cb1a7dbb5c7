package dev.glia.backend.ejml;

import dev.glia.api.Backend;
import dev.glia.api.spi.BackendOptions;
import dev.glia.testkit.network.LayerGradientSuite;

/**
 * The built-in layers on EJML: the FLOAT64 gradient checks are skipped (EJML has no FLOAT64), dropout's masks
 * are checked against the reference backend's.
 */
class EjmlLayerGradientTest extends LayerGradientSuite {
    @Override
    protected Backend createBackend() {
        return new EjmlBackendProvider().create(BackendOptions.defaults());
    }
}
