package dev.glia.api.spi.lowering;

import dev.glia.api.spi.Broadcast;

/**
 * How often a temporary of a {@link Program} changes over the output matrix, from the broadcast modes
 * of the inputs it depends on: a dialect may compute it once, once per row, or once per element.
 */
public enum Variation {
    /** The same for every element: only constants and {@link Broadcast#SCALAR} inputs. */
    ONCE,
    /** Changes with the row only: depends on a {@link Broadcast#COLUMN} input, on no full or row input. */
    PER_ROW,
    /** Changes from element to element. */
    PER_ELEMENT;

    /** How often an input read with {@code mode} changes. */
    public static Variation of(Broadcast mode) {
        return switch (mode) {
            case SCALAR -> ONCE;
            case COLUMN -> PER_ROW;
            case FULL, ROW, AXIS -> PER_ELEMENT;
        };
    }

    /** The more frequent of this and {@code other}. */
    public Variation and(Variation other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
