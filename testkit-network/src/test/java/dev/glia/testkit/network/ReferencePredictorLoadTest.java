package dev.glia.testkit.network;

import dev.glia.api.Backend;
import dev.glia.testkit.ReferenceBackend;

/**
 * The predictor load test on the float64 reference backend, shortened: the reference backend's plain loops take about
 * 9 s for the full 8 × 20,000, which the EJML and ND4J modules run.
 */
class ReferencePredictorLoadTest extends PredictorLoadSuite {
    @Override
    protected int predictionsPerThread() {
        return 2_500;
    }

    @Override
    protected Backend createBackend() {
        return new ReferenceBackend();
    }
}
