package dev.glia.backend.nd4j;

import dev.glia.api.Backend;
import dev.glia.api.spi.BackendOptions;
import dev.glia.testkit.network.GradientCheckSuite;

/**
 * The network gradient checks in float64 on the ND4J backend: every activation, every loss and Dense with
 * each of them. The analytic gradients come from the backend's own backward pass (gemm with transpose
 * flags, fused kernels, reductions), so this checks its FLOAT64 path end to end.
 */
class Nd4jGradientCheckTest extends GradientCheckSuite {
    @Override
    protected Backend createBackend() {
        return new Nd4jBackendProvider().create(BackendOptions.defaults());
    }
}
