package dev.glia.core;

import dev.glia.api.Shape;
import java.util.Arrays;

/**
 * Features and targets held on the host, one sample after another, as flat row-major float arrays. Each
 * sample's features have a {@linkplain #sampleShape() shape} (e.g. {@code [1, 28, 28]} for a grey image,
 * {@code [784]} for a flat one); its targets are one row of {@link #targetWidth()} values. The training loop
 * copies one mini-batch at a time into tensors it reuses.
 */
public final class Dataset {
    private final float[] features;
    private final float[] targets;
    private final int size;
    private final Shape sampleShape;
    private final int featureWidth;
    private final int targetWidth;

    private Dataset(float[] features, Shape sampleShape, float[] targets, int targetWidth) {
        int featureWidth = sampleShape.size();
        if (targetWidth < 1) {
            throw new IllegalArgumentException(
                    "Feature and target widths must be at least 1, got " + featureWidth + " and " + targetWidth);
        }
        if (features.length % featureWidth != 0
                || targets.length % targetWidth != 0
                || features.length / featureWidth != targets.length / targetWidth) {
            throw new IllegalArgumentException("Features (" + features.length + " values, width " + featureWidth
                    + ") and targets (" + targets.length + " values, width " + targetWidth
                    + ") must hold the same whole number of samples");
        }
        this.features = features;
        this.targets = targets;
        this.sampleShape = sampleShape;
        this.featureWidth = featureWidth;
        this.targetWidth = targetWidth;
        this.size = features.length / featureWidth;
        if (size == 0) {
            throw new IllegalArgumentException("A dataset needs at least one sample");
        }
    }

    /** A dataset over flat row-major arrays (not copied) whose samples are rows of {@code featureWidth} values. */
    public static Dataset of(float[] features, int featureWidth, float[] targets, int targetWidth) {
        if (featureWidth < 1) {
            throw new IllegalArgumentException(
                    "Feature and target widths must be at least 1, got " + featureWidth + " and " + targetWidth);
        }
        return new Dataset(features, Shape.of(featureWidth), targets, targetWidth);
    }

    /**
     * A dataset over flat row-major arrays (not copied) whose samples have {@code sampleShape}, e.g.
     * {@code [1, 28, 28]}; {@code features} holds {@code sampleShape.size()} values per sample.
     */
    public static Dataset of(float[] features, Shape sampleShape, float[] targets, int targetWidth) {
        return new Dataset(features, sampleShape, targets, targetWidth);
    }

    /** A dataset from one array per sample (copied). Every row must have the same length. */
    public static Dataset of(float[][] features, float[][] targets) {
        float[] f = flatten(features, "features");
        float[] t = flatten(targets, "targets");
        return of(f, features[0].length, t, targets[0].length);
    }

    /** The same samples and targets, each sample seen as {@code sampleShape} (of the same size), not copied. */
    public Dataset withSampleShape(Shape sampleShape) {
        if (sampleShape.size() != featureWidth) {
            throw new IllegalArgumentException("A sample of shape " + this.sampleShape + " holds " + featureWidth
                    + " values; it cannot be seen as " + sampleShape + " (" + sampleShape.size() + " values)");
        }
        return new Dataset(features, sampleShape, targets, targetWidth);
    }

    private static float[] flatten(float[][] rows, String what) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("The " + what + " are empty");
        }
        int width = rows[0].length;
        float[] flat = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != width) {
                throw new IllegalArgumentException(
                        "Row " + i + " of the " + what + " has " + rows[i].length + " values, row 0 has " + width);
            }
            System.arraycopy(rows[i], 0, flat, i * width, width);
        }
        return flat;
    }

    /** Number of samples. */
    public int size() {
        return size;
    }

    /** The shape of one sample's features. */
    public Shape sampleShape() {
        return sampleShape;
    }

    /** Values per sample of the features: the size of {@link #sampleShape()}. */
    public int featureWidth() {
        return featureWidth;
    }

    /** Values per sample of the targets. */
    public int targetWidth() {
        return targetWidth;
    }

    /** Copies the features of samples {@code order[from..from+count)} into {@code dst}. */
    public void copyFeatures(int[] order, int from, int count, float[] dst) {
        gather(features, featureWidth, order, from, count, dst);
    }

    /** Copies the targets of samples {@code order[from..from+count)} into {@code dst}. */
    public void copyTargets(int[] order, int from, int count, float[] dst) {
        gather(targets, targetWidth, order, from, count, dst);
    }

    private static void gather(float[] src, int width, int[] order, int from, int count, float[] dst) {
        for (int i = 0; i < count; i++) {
            System.arraycopy(src, order[from + i] * width, dst, i * width, width);
        }
    }

    /** The features of one sample (a copy). */
    public float[] features(int sample) {
        return Arrays.copyOfRange(features, sample * featureWidth, (sample + 1) * featureWidth);
    }

    /** The targets of one sample (a copy). */
    public float[] targets(int sample) {
        return Arrays.copyOfRange(targets, sample * targetWidth, (sample + 1) * targetWidth);
    }
}
