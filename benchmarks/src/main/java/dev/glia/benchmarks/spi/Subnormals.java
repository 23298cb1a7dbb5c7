package dev.glia.benchmarks.spi;

import java.nio.FloatBuffer;

/**
 * How many float32 values of a system's training state are subnormal (non-zero and smaller in magnitude than
 * {@link Float#MIN_NORMAL}) at the end of an epoch: Adam's first and second moments and the parameters. On x86 an
 * arithmetic operation that reads or writes a subnormal float takes a slow microcode path unless the thread flushes
 * them to zero (MXCSR's FTZ and DAZ bits); the warm-up study of {@code docs/benchmarks.md} counts them.
 *
 * @param firstMoment  subnormal values of Adam's first moment (m), or -1 when the system cannot tell
 * @param secondMoment subnormal values of Adam's second moment (v), or -1 when the system cannot tell
 * @param parameters   subnormal parameter values
 * @param values       the number of parameters (each moment has as many values)
 */
public record Subnormals(long firstMoment, long secondMoment, long parameters, long values) {
    /** Whether {@code x} is subnormal; by its bits, so that a thread that treats subnormals as zero still sees them. */
    public static boolean isSubnormal(float x) {
        int bits = Float.floatToRawIntBits(x);
        return (bits & 0x7f80_0000) == 0 && (bits & 0x007f_ffff) != 0;
    }

    /** How many of {@code values} are subnormal. */
    public static long count(float[] values) {
        long n = 0;
        for (float v : values) {
            n += isSubnormal(v) ? 1 : 0;
        }
        return n;
    }

    /** How many of the remaining values of {@code values} are subnormal (the buffer's position is left as it was). */
    public static long count(FloatBuffer values) {
        long n = 0;
        for (int i = values.position(); i < values.limit(); i++) {
            n += isSubnormal(values.get(i)) ? 1 : 0;
        }
        return n;
    }

    /** The three counts as {@code m/v/p}, e.g. {@code 1523/0/0} ({@code ?} for a count the system cannot give). */
    public String compact() {
        return part(firstMoment) + "/" + part(secondMoment) + "/" + part(parameters);
    }

    private static String part(long n) {
        return n < 0 ? "?" : Long.toString(n);
    }
}
