package dev.glia.backend.ejml;

import dev.glia.api.Backend;
import dev.glia.api.spi.BackendOptions;
import dev.glia.testkit.network.PredictorLoadSuite;

/** The predictor load suite (8 threads × 20,000 single-sample predictions, exact) on EJML. */
class EjmlPredictorLoadTest extends PredictorLoadSuite {
    @Override
    protected Backend createBackend() {
        return new EjmlBackendProvider().create(BackendOptions.defaults());
    }
}
