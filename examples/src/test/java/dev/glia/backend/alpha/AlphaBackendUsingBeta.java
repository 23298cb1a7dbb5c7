package dev.glia.backend.alpha;

import dev.glia.backend.beta.BetaBackend;

/** Breaks the independence of backends on purpose: backend alpha uses backend beta. */
public final class AlphaBackendUsingBeta {
    /** The forbidden dependency. */
    public BetaBackend beta;
}
