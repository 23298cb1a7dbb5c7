package dev.glia.testkit.network;

import dev.glia.api.Backend;
import dev.glia.testkit.ReferenceBackend;

/** The cross-backend suite with the reference backend against itself: a check of the suite's own plumbing. */
class ReferenceCrossBackendTest extends CrossBackendSuite {
    @Override
    protected Backend createBackend() {
        return new ReferenceBackend();
    }
}
