package dev.glia.backend.opencl;

import dev.glia.api.Backend;
import dev.glia.backend.opencl.internal.OpenClBackend;
import dev.glia.testkit.network.LeakSuite;
import java.util.Map;

/**
 * Long training, repeated prediction and evaluation, and model-file round trips keep live tensors, bytes and OpenCL
 * objects flat on the device: nothing leaks per step, and no element-wise kernel is compiled after the warm-up.
 * Skipped, with a notice, without OpenCL.
 */
@RequiresOpenCl
class OpenClLeakTest extends LeakSuite {
    @Override
    protected Backend createBackend() {
        return OpenClTestSupport.newBackend();
    }

    @Override
    protected Map<String, Long> resources(Backend backend) {
        OpenClBackend b = (OpenClBackend) backend;
        return Map.of("OpenCL buffers, programs and kernels", b.openClObjects(), "cached element-wise kernels", (long)
                b.cachedElementwiseKernels());
    }
}
