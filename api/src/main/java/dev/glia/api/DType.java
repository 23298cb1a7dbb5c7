package dev.glia.api;

/**
 * Element type of a tensor. FLOAT32 is supported by every backend; FLOAT64 is optional. INT32 is supported by
 * every backend too, but only for what indices need: allocation, the transfers and {@code reshape}, and as the
 * indices of {@link Backend#gather} and {@link Backend#scatterAdd}; every arithmetic operation refuses it.
 */
public enum DType {
    /** 32-bit IEEE 754 floating point: what networks use by default. */
    FLOAT32(4),
    /** 64-bit IEEE 754 floating point: what the reference backend and gradient checks use. */
    FLOAT64(8),
    /** 32-bit two's-complement integer: the row indices of {@link Backend#gather} and {@link Backend#scatterAdd}. */
    INT32(4);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Whether this is a floating-point type (FLOAT32 or FLOAT64), the types arithmetic operations take. */
    public boolean isFloatingPoint() {
        return this != INT32;
    }
}
