package dev.glia.testkit.network;

import dev.glia.api.Backend;
import dev.glia.testkit.ReferenceBackend;

/**
 * Reproducible training on the float64 reference backend. It is single-threaded and slow, so it trains one
 * epoch of one full batch and one of 40, which still covers the suite's shapes.
 */
class ReferenceDeterminismTest extends DeterminismSuite {
    @Override
    protected Backend createBackend() {
        return new ReferenceBackend();
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
