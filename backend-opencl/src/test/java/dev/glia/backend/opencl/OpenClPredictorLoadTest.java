package dev.glia.backend.opencl;

import dev.glia.api.Backend;
import dev.glia.testkit.network.PredictorLoadSuite;

/**
 * The predictor load suite on OpenCL, shortened to 4 threads × 300: every replica has its own context, queue and
 * compiled kernels, and a single-sample prediction on PoCL costs several kernel launches (8 × 2,000 took 31 s and
 * 8 × 300 11 s on a busy 2-core machine).
 */
@RequiresOpenCl
class OpenClPredictorLoadTest extends PredictorLoadSuite {
    @Override
    protected Backend createBackend() {
        return OpenClTestSupport.newBackend();
    }

    @Override
    protected int threads() {
        return 4;
    }

    /**
     * One replica that the 4 threads share. With one replica per thread, PoCL 3.1 crashed the JVM (SIGSEGV)
     * in 3 of 15 full runs of this module, also when every OpenCL call of every instance was serialised by a
     * lock, so the fault lies in PoCL's asynchronous execution of several contexts at once. See docs/serving.md.
     */
    @Override
    protected int replicas() {
        return 1;
    }

    @Override
    protected int predictionsPerThread() {
        return 300;
    }
}
