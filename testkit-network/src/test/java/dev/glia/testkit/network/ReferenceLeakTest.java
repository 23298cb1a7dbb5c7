package dev.glia.testkit.network;

import dev.glia.api.Backend;
import dev.glia.testkit.ReferenceBackend;

/**
 * The leak suite on the reference backend, whose ledger counts every tensor it allocates and closes. Its plain loops
 * are slow, so it trains 2,000 steps after the warm-up instead of 10,000 (every backend module runs the full count).
 */
class ReferenceLeakTest extends LeakSuite {
    @Override
    protected Backend createBackend() {
        return new ReferenceBackend();
    }

    @Override
    protected int trainingSteps() {
        return 2_000;
    }
}
