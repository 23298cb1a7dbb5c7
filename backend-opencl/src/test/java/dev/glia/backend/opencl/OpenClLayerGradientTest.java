package dev.glia.backend.opencl;

import dev.glia.api.Backend;
import dev.glia.testkit.network.LayerGradientSuite;

/**
 * The built-in layers' gradient checks in FLOAT64 on the OpenCL device (skipped without {@code cl_khr_fp64}), and
 * dropout's masks against the reference's.
 */
@RequiresOpenCl
class OpenClLayerGradientTest extends LayerGradientSuite {
    @Override
    protected Backend createBackend() {
        return OpenClTestSupport.newBackend();
    }
}
