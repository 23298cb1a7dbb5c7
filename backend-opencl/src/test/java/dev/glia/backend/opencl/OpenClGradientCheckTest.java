package dev.glia.backend.opencl;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.core.activations.Activations;
import dev.glia.testkit.network.GradientCheckSuite;
import java.util.ArrayList;
import java.util.List;

/**
 * The network gradient checks in FLOAT64 on the OpenCL device — every activation (with a plugin one defined
 * only as a formula), every loss and Dense networks — running the generated kernels and the gemm and
 * reduction kernels in double. Skipped, with a notice, on a device without {@code cl_khr_fp64}.
 */
@RequiresOpenCl
class OpenClGradientCheckTest extends GradientCheckSuite {
    @Override
    protected Backend createBackend() {
        return OpenClTestSupport.newBackend();
    }

    @Override
    protected List<Activation> activations() {
        List<Activation> all = new ArrayList<>(Activations.builtIns());
        all.add(Activations.of("snake", x -> x.add(x.sin().mul(x.sin()))));
        return all;
    }
}
