package dev.glia.benchmarks.spi;

import java.util.Arrays;

/**
 * Images and labels on the host, as every system receives them: pixels scaled to [0, 1], row-major
 * {@code [size, width]}, labels as class numbers and as one-hot rows {@code [size, classes]}.
 *
 * @param pixels  {@code size * width} floats in [0, 1]
 * @param labels  {@code size} classes
 * @param oneHot  {@code size * classes} floats
 * @param width   values per image (784)
 * @param classes number of classes (10)
 */
@SuppressWarnings("ArrayRecordComponent") // benchmark inputs handed to every system as they are, never compared
public record ImageData(float[] pixels, int[] labels, float[] oneHot, int width, int classes) {
    /** Checks the sizes agree. */
    public ImageData {
        if (pixels.length != labels.length * width || oneHot.length != labels.length * classes) {
            throw new IllegalArgumentException(labels.length + " samples need " + labels.length * width
                    + " pixels and " + labels.length * classes + " one-hot values, got " + pixels.length + " and "
                    + oneHot.length);
        }
    }

    /** Number of samples. */
    public int size() {
        return labels.length;
    }

    /** The first {@code count} samples (copied), or this when {@code count} is at least {@link #size()}. */
    public ImageData first(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("A subset needs at least one sample, got " + count);
        }
        if (count >= size()) {
            return this;
        }
        return new ImageData(
                Arrays.copyOf(pixels, count * width),
                Arrays.copyOf(labels, count),
                Arrays.copyOf(oneHot, count * classes),
                width,
                classes);
    }

    /** Copies the pixels of samples {@code order[from..from+count)} into {@code dst}. */
    public void gatherPixels(int[] order, int from, int count, float[] dst) {
        for (int i = 0; i < count; i++) {
            System.arraycopy(pixels, order[from + i] * width, dst, i * width, width);
        }
    }

    /** Copies the one-hot targets of samples {@code order[from..from+count)} into {@code dst}. */
    public void gatherOneHot(int[] order, int from, int count, float[] dst) {
        for (int i = 0; i < count; i++) {
            System.arraycopy(oneHot, order[from + i] * classes, dst, i * classes, classes);
        }
    }

    /**
     * The classes {@code classify} gives every sample, asked for {@code chunk} consecutive samples at a time (the
     * last chunk may be shorter): how a peer predicts a test set in batches.
     */
    public int[] classifyInChunks(int chunk, ChunkClassifier classify) {
        int n = size();
        int[] out = new int[n];
        for (int from = 0; from < n; from += chunk) {
            int count = Math.min(chunk, n - from);
            int[] classes = classify.classes(Arrays.copyOfRange(pixels, from * width, (from + count) * width), count);
            System.arraycopy(classes, 0, out, from, count);
        }
        return out;
    }

    /** Classifies {@code count} samples given as row-major {@code [count, width]} pixels. */
    @FunctionalInterface
    public interface ChunkClassifier {
        /** The {@code count} predicted classes of {@code pixels}. */
        int[] classes(float[] pixels, int count);
    }
}
