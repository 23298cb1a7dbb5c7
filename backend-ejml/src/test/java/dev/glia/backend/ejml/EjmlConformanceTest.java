package dev.glia.backend.ejml;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.spi.BackendOptions;
import dev.glia.core.activations.Activations;
import dev.glia.testkit.BackendConformanceTest;
import java.util.List;

/** The conformance kit against the EJML backend, with every built-in activation of core. */
class EjmlConformanceTest extends BackendConformanceTest {

    @Override
    protected Backend createBackend() {
        return new EjmlBackendProvider().create(BackendOptions.defaults());
    }

    @Override
    protected List<Activation> activations() {
        return Activations.builtIns();
    }
}
