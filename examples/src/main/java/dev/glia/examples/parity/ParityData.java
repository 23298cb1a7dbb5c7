package dev.glia.examples.parity;

import dev.glia.core.Dataset;
import java.util.Random;

/**
 * Random bit streams and their running parity, drawn from a seeded {@link Random}: the same seed, count and
 * length give the same streams on every JVM. Stream {@code s} has bits {@code x_1 .. x_T} (each 0 or 1 with
 * probability 1/2) and targets {@code y_t = x_1 XOR ... XOR x_t}, so {@code y_t} is 1 exactly when an odd number
 * of the bits so far are 1.
 */
public final class ParityData {
    /** The most values (streams × length) one set may hold. */
    public static final long MAX_VALUES = 50_000_000L;

    private final int sequences;
    private final int length;
    private final byte[] bits;

    private ParityData(int sequences, int length, byte[] bits) {
        this.sequences = sequences;
        this.length = length;
        this.bits = bits;
    }

    /** {@code sequences} streams of {@code length} bits drawn from {@code new Random(seed)}. */
    public static ParityData generate(int sequences, int length, long seed) {
        if (sequences < 1 || length < 1 || (long) sequences * length > MAX_VALUES) {
            throw new IllegalArgumentException("A parity set needs at least one stream of at least one bit and at"
                    + " most " + MAX_VALUES + " bits in all, got " + sequences + " streams of " + length);
        }
        Random random = new Random(seed);
        byte[] bits = new byte[sequences * length];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (byte) (random.nextBoolean() ? 1 : 0);
        }
        return new ParityData(sequences, length, bits);
    }

    /**
     * The seed of a held-out set of streams of {@code length}, derived from the training seed so that it never
     * equals it (a set of another length is another draw anyway).
     */
    public static long heldOutSeed(long seed, int length) {
        return seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L * length + 1;
    }

    /** How many streams. */
    public int sequences() {
        return sequences;
    }

    /** Bits per stream. */
    public int length() {
        return length;
    }

    /** Bit {@code x_{t+1}} of stream {@code s} (time steps counted from 0 here), 0 or 1. */
    public int bit(int s, int t) {
        return bits[s * length + t];
    }

    /** The running parity {@code y_{t+1}} of stream {@code s}: the XOR of its bits 0..t. */
    public int parity(int s, int t) {
        int p = 0;
        for (int i = 0; i <= t; i++) {
            p ^= bits[s * length + i];
        }
        return p;
    }

    /** Every running parity, stream after stream, as 0/1 values. */
    public int[] parities() {
        int[] y = new int[bits.length];
        for (int s = 0; s < sequences; s++) {
            int p = 0;
            for (int t = 0; t < length; t++) {
                p ^= bits[s * length + t];
                y[s * length + t] = p;
            }
        }
        return y;
    }

    /**
     * One sample per time step of every stream for a network that sees a fixed window: the features are the
     * {@code window} bits ending at that step (oldest first; 0 before the stream starts, which leaves a parity
     * unchanged), the target the running parity there. Samples run stream after stream, step after step.
     */
    public Dataset windows(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("A window holds at least one bit, got " + window);
        }
        long values = (long) bits.length * window;
        if (values > MAX_VALUES) {
            throw new IllegalArgumentException("Windows of " + window + " bits over " + bits.length + " steps need "
                    + values + " values, more than " + MAX_VALUES);
        }
        float[] features = new float[(int) values];
        float[] targets = new float[bits.length];
        int[] y = parities();
        for (int s = 0; s < sequences; s++) {
            for (int t = 0; t < length; t++) {
                int sample = s * length + t;
                for (int k = 0; k < window; k++) {
                    int step = t - window + 1 + k;
                    features[sample * window + k] = step < 0 ? 0 : bits[s * length + step];
                }
                targets[sample] = y[sample];
            }
        }
        return Dataset.of(features, window, targets, 1);
    }
}
