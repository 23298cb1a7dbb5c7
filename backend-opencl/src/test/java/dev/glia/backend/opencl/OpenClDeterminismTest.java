package dev.glia.backend.opencl;

import dev.glia.api.Backend;
import dev.glia.core.DeterminismSuite;

/**
 * Reproducible training on the OpenCL device (PoCL's CPU device where no GPU is present): the generated
 * kernels, the tiled gemm and the work-group reductions. Skipped, with a notice, without OpenCL.
 */
@RequiresOpenCl
class OpenClDeterminismTest extends DeterminismSuite {
    @Override
    protected Backend createBackend() {
        return OpenClTestSupport.newBackend();
    }
}
