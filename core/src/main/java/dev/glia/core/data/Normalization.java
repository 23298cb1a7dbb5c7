package dev.glia.core.data;

/**
 * Scales raw values into the range a network trains well on. Pixels of 8-bit images become
 * {@code value / 255}, in [0, 1]; the same scaling must be used for training and for prediction.
 */
public final class Normalization {
    /** The largest unsigned byte, the divisor of {@link #unitRange}. */
    public static final float BYTE_MAX = 255f;

    private Normalization() {}

    /** Unsigned bytes (0..255, stored in Java's signed bytes) as floats in [0, 1]. */
    public static float[] unitRange(byte[] unsignedBytes) {
        float[] out = new float[unsignedBytes.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (unsignedBytes[i] & 0xFF) / BYTE_MAX;
        }
        return out;
    }

    /** Unsigned byte values given as ints (each 0..255) as floats in [0, 1]. */
    public static float[] unitRange(int[] unsignedValues) {
        float[] out = new float[unsignedValues.length];
        for (int i = 0; i < out.length; i++) {
            int v = unsignedValues[i];
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("Value " + i + " is " + v + "; expected 0 to 255");
            }
            out[i] = v / BYTE_MAX;
        }
        return out;
    }
}
