package dev.glia.backend.nd4j;

import dev.glia.api.Backend;
import dev.glia.api.spi.BackendOptions;
import dev.glia.testkit.network.PredictorLoadSuite;

/**
 * The predictor load suite (8 threads × 20,000 single-sample predictions, exact) on ND4J: eight backends in one
 * JVM, each driven by its own thread, over ND4J's shared native library.
 */
class Nd4jPredictorLoadTest extends PredictorLoadSuite {
    @Override
    protected Backend createBackend() {
        return new Nd4jBackendProvider().create(BackendOptions.defaults());
    }
}
