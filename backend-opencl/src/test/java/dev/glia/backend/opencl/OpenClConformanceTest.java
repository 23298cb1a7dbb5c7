package dev.glia.backend.opencl;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.core.activations.Activations;
import dev.glia.testkit.BackendConformanceTest;
import java.util.ArrayList;
import java.util.List;

/** The conformance kit (TCK) against the OpenCL backend, with core's activations and a plugin one. */
@RequiresOpenCl
class OpenClConformanceTest extends BackendConformanceTest {
    @Override
    protected Backend createBackend() {
        return OpenClTestSupport.newBackend();
    }

    @Override
    protected List<Activation> activations() {
        List<Activation> all = new ArrayList<>(Activations.builtIns());
        all.add(Activations.of("snake", x -> x.add(x.sin().mul(x.sin()))));
        all.add(Activations.of(
                "gelu", x -> x.mul(0.5).mul(x.mul(Math.sqrt(0.5)).erf().add(1))));
        return all;
    }
}
