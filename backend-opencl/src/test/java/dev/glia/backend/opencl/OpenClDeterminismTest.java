package dev.glia.backend.opencl;

import dev.glia.api.Backend;
import dev.glia.testkit.network.DeterminismSuite;

/**
 * Reproducible training on the OpenCL device (PoCL's CPU device where no GPU is present): the generated
 * kernels, the tiled gemm and the work-group reductions. Skipped, with a notice, without OpenCL. PoCL on a
 * small CPU is slow, so it trains one epoch of one full batch and one of 40.
 */
@RequiresOpenCl
class OpenClDeterminismTest extends DeterminismSuite {
    @Override
    protected Backend createBackend() {
        return OpenClTestSupport.newBackend();
    }

    @Override
    protected int samples() {
        return 128 + 40;
    }

    @Override
    protected int epochs() {
        return 1;
    }
}
