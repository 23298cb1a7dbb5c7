package dev.glia.api.spi;

import dev.glia.api.Backend;

/**
 * Creates a backend. Each backend jar lists its provider in
 * {@code META-INF/services/dev.glia.api.spi.BackendProvider}; the core finds it by name.
 */
public interface BackendProvider {
    /** The name configuration uses, e.g. {@code ejml}. */
    String name();

    /**
     * Preference when the backend is {@code auto}: the available provider with the highest rank wins
     * (OpenCL on a GPU 300, ND4J 200, EJML 100).
     */
    int rank();

    /**
     * Whether this backend can run here, without creating it. Must not throw: a missing native
     * library is reported as {@link Availability#unavailable} with the reason and what to install.
     */
    Availability probe(BackendOptions options);

    /** Creates a backend. Fails with a clear message when {@link #probe} says it is unavailable. */
    Backend create(BackendOptions options);
}
