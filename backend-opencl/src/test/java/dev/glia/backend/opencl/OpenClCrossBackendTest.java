package dev.glia.backend.opencl;

import dev.glia.api.Backend;
import dev.glia.testkit.network.CrossBackendSuite;

/**
 * A few training steps and the predictions on the OpenCL device (PoCL's CPU device where no GPU is present) agree
 * with the reference backend within float32 tolerance. Skipped, with a notice, without OpenCL.
 */
@RequiresOpenCl
class OpenClCrossBackendTest extends CrossBackendSuite {
    @Override
    protected Backend createBackend() {
        return OpenClTestSupport.newBackend();
    }
}
