package dev.glia.backend.alpha;

import dev.glia.core.Network;

/** Breaks the backend rule on purpose: a backend class that depends on the core. */
public final class AlphaBackendUsingCore {
    /** The forbidden dependency. */
    public Network network;
}
