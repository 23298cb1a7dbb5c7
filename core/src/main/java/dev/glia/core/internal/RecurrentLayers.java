package dev.glia.core.internal;

import dev.glia.api.LayerSpec;

/** The recurrent layers' recipes, for {@code dev.glia.core.RecurrentSpec}. */
public final class RecurrentLayers {
    private RecurrentLayers() {}

    /** An LSTM of {@code hidden} units returning every step ({@code sequences}) or only the last. */
    public static LayerSpec lstm(int hidden, boolean sequences) {
        return Lstm.spec(hidden, sequences);
    }

    /** A GRU of {@code hidden} units returning every step ({@code sequences}) or only the last. */
    public static LayerSpec gru(int hidden, boolean sequences) {
        return Gru.spec(hidden, sequences);
    }
}
