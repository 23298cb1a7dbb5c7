package dev.glia.backend.ejml;

import dev.glia.api.Backend;
import dev.glia.backend.ejml.internal.EjmlBackend;
import dev.glia.testkit.network.DeterminismSuite;

/**
 * Reproducible training on the EJML backend with its concurrent products on (their rows split over EJML's
 * thread pool; on a one-processor machine the pool runs them on one thread).
 */
class EjmlDeterminismTest extends DeterminismSuite {
    @Override
    protected Backend createBackend() {
        return new EjmlBackend(3);
    }
}
