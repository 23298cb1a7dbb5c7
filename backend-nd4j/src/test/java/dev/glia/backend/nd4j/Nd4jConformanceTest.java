package dev.glia.backend.nd4j;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.spi.BackendOptions;
import dev.glia.core.activations.Activations;
import dev.glia.testkit.BackendConformanceTest;
import java.util.List;

/** The conformance kit against the ND4J backend (FLOAT32 and FLOAT64), with every built-in activation of core. */
class Nd4jConformanceTest extends BackendConformanceTest {

    @Override
    protected Backend createBackend() {
        return new Nd4jBackendProvider().create(BackendOptions.defaults());
    }

    @Override
    protected List<Activation> activations() {
        return Activations.builtIns();
    }
}
