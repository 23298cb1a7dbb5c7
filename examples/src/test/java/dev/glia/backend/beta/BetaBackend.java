package dev.glia.backend.beta;

/** A pretend backend "beta" that backend alpha wrongly uses. */
public final class BetaBackend {}
