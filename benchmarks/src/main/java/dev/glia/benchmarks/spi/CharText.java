package dev.glia.benchmarks.spi;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * A text as every system receives it: its characters as codes into a sorted alphabet, cut into a training part (the
 * first characters) and a held-out part (the last), each as non-overlapping windows of {@code sequence} characters
 * whose targets are the same characters shifted by one. The number of training windows is a multiple of the batch,
 * so that every mini-batch is full.
 */
public final class CharText {
    private final String alphabet;
    private final int[] codes;
    private final int sequence;
    private final int trainWindows;
    private final int testStart;
    private final int testWindows;

    private CharText(String alphabet, int[] codes, int sequence, int trainWindows, int testStart, int testWindows) {
        this.alphabet = alphabet;
        this.codes = codes;
        this.sequence = sequence;
        this.trainWindows = trainWindows;
        this.testStart = testStart;
        this.testWindows = testWindows;
    }

    /**
     * Cuts {@code text}: training windows from its first {@code trainChars} characters (as many as fill whole batches
     * of {@code batch}), held-out windows from its last {@code testChars} characters; the alphabet is every character
     * of the whole text.
     *
     * @throws IllegalArgumentException when the parts overlap or hold less than one batch or one window
     */
    public static CharText of(String text, int trainChars, int testChars, int sequence, int batch) {
        if (trainChars + testChars > text.length()) {
            throw new IllegalArgumentException(String.format(
                    java.util.Locale.ROOT,
                    "--train %,d and --test %,d characters need a text of at least %,d characters; the text has %,d:"
                            + " ask for fewer",
                    trainChars,
                    testChars,
                    (long) trainChars + testChars,
                    text.length()));
        }
        int trainWindows = (trainChars - 1) / sequence / batch * batch;
        int testWindows = (testChars - 1) / sequence;
        if (trainWindows < batch || testWindows < 1) {
            throw new IllegalArgumentException(String.format(
                    java.util.Locale.ROOT,
                    "--train needs at least %,d characters (one batch of %d windows of %d) and --test at least %d;"
                            + " got %,d and %,d",
                    batch * sequence + 1,
                    batch,
                    sequence,
                    sequence + 1,
                    trainChars,
                    testChars));
        }
        TreeSet<Character> set = new TreeSet<>();
        for (int i = 0; i < text.length(); i++) {
            set.add(text.charAt(i));
        }
        StringBuilder sb = new StringBuilder();
        set.forEach(sb::append);
        String alphabet = sb.toString();
        int[] codes = new int[text.length()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = alphabet.indexOf(text.charAt(i));
        }
        return new CharText(alphabet, codes, sequence, trainWindows, text.length() - testChars, testWindows);
    }

    /** The distinct characters of the text, sorted; a character's code is its index here. */
    public String alphabet() {
        return alphabet;
    }

    /** The number of distinct characters (V). */
    public int vocabulary() {
        return alphabet.length();
    }

    /** Characters per window (T). */
    public int sequence() {
        return sequence;
    }

    /** Training windows (a multiple of the batch). */
    public int trainWindows() {
        return trainWindows;
    }

    /** Held-out windows. */
    public int testWindows() {
        return testWindows;
    }

    /** Characters trained per epoch: training windows × T. */
    public long trainCharsPerEpoch() {
        return (long) trainWindows * sequence;
    }

    /** Copies the input codes of training windows {@code order[from..from+count)} into {@code dst} ([count, T]). */
    public void trainInputs(int[] order, int from, int count, int[] dst) {
        for (int i = 0; i < count; i++) {
            System.arraycopy(codes, order[from + i] * sequence, dst, i * sequence, sequence);
        }
    }

    /** Copies the target codes (inputs shifted by one) of training windows {@code order[from..from+count)}. */
    public void trainTargets(int[] order, int from, int count, int[] dst) {
        for (int i = 0; i < count; i++) {
            System.arraycopy(codes, order[from + i] * sequence + 1, dst, i * sequence, sequence);
        }
    }

    /** Copies the input codes of held-out windows {@code from..from+count)} into {@code dst} ([count, T]). */
    public void testInputs(int from, int count, int[] dst) {
        System.arraycopy(codes, testStart + from * sequence, dst, 0, count * sequence);
    }

    /** Copies the target codes of held-out windows {@code from..from+count)} into {@code dst}. */
    public void testTargets(int from, int count, int[] dst) {
        System.arraycopy(codes, testStart + from * sequence + 1, dst, 0, count * sequence);
    }

    /** The code of held-out character {@code i} (cycling), for feeding generation steps. */
    public int testCode(int i) {
        return codes[testStart + Math.floorMod(i, codes.length - testStart)];
    }

    /**
     * One-hot rows in {@code [count, T, V]} order (batch, time, feature) for {@code count × T} codes; {@code dst} is
     * cleared first.
     */
    public static void oneHotNtc(int[] codes, int count, int steps, int vocabulary, float[] dst) {
        Arrays.fill(dst, 0, count * steps * vocabulary, 0f);
        for (int i = 0; i < count * steps; i++) {
            dst[i * vocabulary + codes[i]] = 1f;
        }
    }

    /**
     * One-hot columns in {@code [count, V, T]} order (batch, feature, time: DL4J's NCW) for {@code count × T} codes;
     * {@code dst} is cleared first.
     */
    public static void oneHotNct(int[] codes, int count, int steps, int vocabulary, float[] dst) {
        Arrays.fill(dst, 0, count * steps * vocabulary, 0f);
        for (int n = 0; n < count; n++) {
            for (int t = 0; t < steps; t++) {
                dst[(n * vocabulary + codes[n * steps + t]) * steps + t] = 1f;
            }
        }
    }
}
