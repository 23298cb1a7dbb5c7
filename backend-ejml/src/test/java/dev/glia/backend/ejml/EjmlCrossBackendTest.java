package dev.glia.backend.ejml;

import dev.glia.api.Backend;
import dev.glia.api.spi.BackendOptions;
import dev.glia.testkit.network.CrossBackendSuite;

/** A few training steps and the predictions on EJML agree with the reference backend within float32 tolerance. */
class EjmlCrossBackendTest extends CrossBackendSuite {
    @Override
    protected Backend createBackend() {
        return new EjmlBackendProvider().create(BackendOptions.defaults());
    }
}
