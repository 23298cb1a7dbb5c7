package dev.glia.testkit.usage;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.testkit.BackendConformanceTest;
import dev.glia.testkit.ReferenceBackend;
import dev.glia.testkit.TestActivations;
import java.util.List;

/**
 * The conformance kit run against the reference backend itself, exactly as a backend module runs it:
 * a subclass in another package.
 */
class ReferenceBackendConformanceTest extends BackendConformanceTest {
    @Override
    protected Backend createBackend() {
        return new ReferenceBackend();
    }

    @Override
    protected List<Activation> activations() {
        return TestActivations.all();
    }
}
