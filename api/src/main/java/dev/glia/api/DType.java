package dev.glia.api;

/** Element type of a tensor. FLOAT32 is supported by every backend; FLOAT64 is optional. */
public enum DType {
    /** 32-bit IEEE 754 floating point: what networks use by default. */
    FLOAT32(4),
    /** 64-bit IEEE 754 floating point: what the reference backend and gradient checks use. */
    FLOAT64(8),
    /** 32-bit signed integer: indices (an embedding's token ids). */
    INT32(4);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }
}
