package dev.glia.core;

import dev.glia.api.Layer;
import dev.glia.api.LayerContext;
import dev.glia.api.LayerSpec;
import dev.glia.api.Shape;
import dev.glia.core.internal.RecurrentLayers;

/**
 * The recipe of a recurrent layer, from {@link Layers#lstm} or {@link Layers#gru}: per-sample input
 * {@code [T, F]} (T time steps of F features; {@link Layers#embedding} gives {@code [T, D]} from token ids),
 * output every step's {@code h}, {@code [T, H]}, or with {@code returnSequences(false)} only the last step's,
 * {@code [H]}. The layer built is a {@link dev.glia.api.RecurrentLayer}: its initial state, final state and
 * one-step-at-a-time generation are there.
 *
 * <pre>{@code
 * Layers.lstm(256)                         // [T, F] -> [T, 256]
 * Layers.gru(64).returnSequences(false)    // [T, F] -> [64]
 * }</pre>
 */
public final class RecurrentSpec implements LayerSpec {
    private final boolean lstm;
    private final int hidden;
    private final boolean sequences;

    private RecurrentSpec(boolean lstm, int hidden, boolean sequences) {
        if (hidden < 1) {
            throw new IllegalArgumentException("A recurrent layer has at least 1 hidden unit, got " + hidden);
        }
        this.lstm = lstm;
        this.hidden = hidden;
        this.sequences = sequences;
    }

    static RecurrentSpec lstm(int hidden) {
        return new RecurrentSpec(true, hidden, true);
    }

    static RecurrentSpec gru(int hidden) {
        return new RecurrentSpec(false, hidden, true);
    }

    /** Whether the layer returns every step ({@code [T, H]}, the default) or only the last ({@code [H]}). */
    public RecurrentSpec returnSequences(boolean all) {
        return new RecurrentSpec(lstm, hidden, all);
    }

    @Override
    public Layer build(Shape inputShape, LayerContext context) {
        LayerSpec spec = lstm ? RecurrentLayers.lstm(hidden, sequences) : RecurrentLayers.gru(hidden, sequences);
        return spec.build(inputShape, context);
    }
}
