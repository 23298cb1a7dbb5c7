package dev.glia.backend.ejml;

import dev.glia.api.Backend;
import dev.glia.api.spi.BackendOptions;
import dev.glia.testkit.network.GradientCheckSuite;

/**
 * The float64 network gradient checks on EJML. The backend computes in FLOAT32 only, so every check is skipped as an
 * assumption, with a notice, as the conformance kit skips its FLOAT64 cases; it runs here so that FLOAT64 support,
 * when EJML gains it, is checked at once.
 */
class EjmlGradientCheckTest extends GradientCheckSuite {
    @Override
    protected Backend createBackend() {
        return new EjmlBackendProvider().create(BackendOptions.defaults());
    }
}
