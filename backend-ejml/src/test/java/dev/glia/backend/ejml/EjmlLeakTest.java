package dev.glia.backend.ejml;

import dev.glia.api.Backend;
import dev.glia.api.spi.BackendOptions;
import dev.glia.testkit.network.LeakSuite;

/** Training, prediction, evaluation and model-file round trips on EJML keep live tensors and bytes flat. */
class EjmlLeakTest extends LeakSuite {
    @Override
    protected Backend createBackend() {
        return new EjmlBackendProvider().create(BackendOptions.defaults());
    }
}
