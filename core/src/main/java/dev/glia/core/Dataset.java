package dev.glia.core;

import dev.glia.api.Shape;
import java.util.Arrays;
import java.util.Objects;

/**
 * Features and targets held on the host, one sample after another, as flat row-major float arrays. Each
 * sample's features have a {@linkplain #sampleShape() shape} (e.g. {@code [1, 28, 28]} for a grey image,
 * {@code [784]} for a flat one, {@code [T]} for a sequence of token ids); its targets are one row of
 * {@link #targetWidth()} values: the network's output (e.g. a one-hot row, or {@code T·V} values for a
 * {@code [T, V]} output), or one class id per time step ({@code T} values for a {@code [T, V]} output, with a
 * {@link dev.glia.core.losses.MaskableLoss}). The training loop copies one mini-batch at a time into tensors it
 * reuses.
 *
 * <p><b>Masks.</b> {@link #withMask} adds a 0/1 value per time step of each sample: 0 marks padding, which
 * contributes neither loss nor gradient, and losses and accuracies are means over the unmasked steps. Batches,
 * shuffling and validation carry the mask with its samples.
 *
 * <pre>{@code
 * // 2 sequences of 4 token ids, the next token as the target at each step, the second padded after 3 steps
 * Dataset data = Dataset.of(tokens, Shape.of(4), nextTokens, 4)
 *         .withMask(new float[] {1, 1, 1, 1, 1, 1, 1, 0});
 * }</pre>
 */
public final class Dataset {
    private final float[] features;
    private final float[] targets;
    private final int size;
    private final Shape sampleShape;
    private final int featureWidth;
    private final int targetWidth;
    /** 0/1 per time step of each sample, or null. */
    private final float[] mask;

    private final int maskWidth;

    private Dataset(float[] features, Shape sampleShape, float[] targets, int targetWidth) {
        this(features, sampleShape, targets, targetWidth, null, 0);
    }

    private Dataset(
            float[] features, Shape sampleShape, float[] targets, int targetWidth, float[] mask, int maskWidth) {
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
        this.mask = mask;
        this.maskWidth = maskWidth;
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
        return new Dataset(features, sampleShape, targets, targetWidth, mask, maskWidth);
    }

    /**
     * The same samples with a mask (not copied): {@code mask.length / size()} values per sample, one per time
     * step, each 0 (padding: no loss, no gradient) or 1. A sample's targets divide evenly among its steps: one
     * class id per step, or a row per step (a one-hot row of the output's classes). Replaces any mask before.
     *
     * @throws IllegalArgumentException when the mask does not fit the samples and targets, or holds a value other
     *     than 0 or 1 (named with its sample and step)
     */
    public Dataset withMask(float[] mask) {
        Objects.requireNonNull(mask, "mask");
        if (mask.length == 0 || mask.length % size != 0) {
            throw new IllegalArgumentException("A mask holds the same number of values for each of the " + size
                    + " samples, but it has " + mask.length + " values; give one 0/1 value per time step");
        }
        int width = mask.length / size;
        if (targetWidth % width != 0) {
            throw new IllegalArgumentException("The mask has " + width + " steps per sample but the targets have "
                    + targetWidth + " values per sample, which do not divide among the steps; give one mask value"
                    + " per time step");
        }
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] != 0 && mask[i] != 1) {
                throw new IllegalArgumentException("The mask holds " + mask[i] + " for sample " + i / width + ", step "
                        + i % width + "; a mask holds 0 (padding) or 1");
            }
        }
        return new Dataset(features, sampleShape, targets, targetWidth, mask, width);
    }

    /** Whether the samples carry a {@linkplain #withMask mask}. */
    public boolean hasMask() {
        return mask != null;
    }

    /** Mask values (time steps) per sample, or 0 without a mask. */
    public int maskWidth() {
        return maskWidth;
    }

    /**
     * Copies the mask of samples {@code order[from..from+count)} into {@code dst}.
     *
     * @throws IllegalStateException without a mask
     */
    public void copyMask(int[] order, int from, int count, float[] dst) {
        if (mask == null) {
            throw new IllegalStateException("This dataset has no mask");
        }
        gather(mask, maskWidth, order, from, count, dst);
    }

    /**
     * Marks the masked steps of {@code count} samples' staged targets as holding no target, the way a
     * {@link dev.glia.core.losses.MaskableLoss} reads them: a step of one value (a class id) becomes
     * {@link dev.glia.core.losses.MaskableLoss#NO_TARGET}, a step of several (a probability row) zeros. Returns
     * the number of unmasked steps.
     */
    int applyMask(float[] stagedTargets, float[] stagedMask, int count) {
        int perStep = targetWidth / maskWidth;
        int kept = 0;
        for (int i = 0; i < count * maskWidth; i++) {
            if (stagedMask[i] != 0) {
                kept++;
            } else if (perStep == 1) {
                stagedTargets[i] = dev.glia.core.losses.MaskableLoss.NO_TARGET;
            } else {
                Arrays.fill(stagedTargets, i * perStep, (i + 1) * perStep, 0f);
            }
        }
        return kept;
    }

    /** The number of unmasked steps of samples {@code order[from..from+count)}, or {@code count} without a mask. */
    int weight(int[] order, int from, int count) {
        if (mask == null) {
            return count;
        }
        int kept = 0;
        for (int i = 0; i < count; i++) {
            int start = order[from + i] * maskWidth;
            for (int j = start; j < start + maskWidth; j++) {
                kept += mask[j] != 0 ? 1 : 0;
            }
        }
        return kept;
    }

    /**
     * The samples cut along their first (time) axis into {@code chunks} datasets of as many steps each, copied:
     * chunk {@code c} holds every sample's features, targets and mask from step {@code c·T/chunks} on. Truncated
     * backpropagation through time trains on them in order.
     */
    Dataset[] timeChunks(int chunks, String what) {
        if (featureWidth % chunks != 0 || targetWidth % chunks != 0 || (mask != null && maskWidth % chunks != 0)) {
            throw new IllegalArgumentException("The " + what + " samples (" + sampleShape + ", " + targetWidth
                    + " target values" + (mask != null ? ", " + maskWidth + " mask values" : "")
                    + " each) do not divide into " + chunks + " chunks of time steps; give sequences of a whole"
                    + " number of chunks");
        }
        Shape chunkShape = sampleShape.dim(0) % chunks == 0
                ? sampleShape.withFirst(sampleShape.dim(0) / chunks)
                : Shape.of(featureWidth / chunks);
        Dataset[] out = new Dataset[chunks];
        for (int c = 0; c < chunks; c++) {
            out[c] = new Dataset(
                    cut(features, featureWidth, chunks, c),
                    chunkShape,
                    cut(targets, targetWidth, chunks, c),
                    targetWidth / chunks,
                    mask == null ? null : cut(mask, maskWidth, chunks, c),
                    maskWidth / chunks);
        }
        return out;
    }

    /** Part {@code c} of {@code chunks} of every sample's {@code width} values. */
    private float[] cut(float[] values, int width, int chunks, int c) {
        int part = width / chunks;
        float[] out = new float[Math.multiplyExact(size, part)];
        for (int i = 0; i < size; i++) {
            System.arraycopy(values, i * width + c * part, out, i * part, part);
        }
        return out;
    }

    /**
     * The first NaN or infinity among the features and targets of samples {@code order[from..from+count)}, in words
     * ("the targets of sample 17 hold NaN at position 0"), or null when they are all finite.
     */
    String firstNonFinite(int[] order, int from, int count) {
        for (int i = from; i < from + count; i++) {
            int sample = order[i];
            String fault = nonFinite(features, featureWidth, sample, "features");
            if (fault == null) {
                fault = nonFinite(targets, targetWidth, sample, "targets");
            }
            if (fault != null) {
                return fault;
            }
        }
        return null;
    }

    private static String nonFinite(float[] values, int width, int sample, String what) {
        for (int j = 0; j < width; j++) {
            float v = values[sample * width + j];
            if (!Float.isFinite(v)) {
                return "the " + what + " of sample " + sample + " hold " + v + " at position " + j;
            }
        }
        return null;
    }

    /** Samples {@code from} to {@code from + count - 1}, copied. */
    Dataset slice(int from, int count) {
        return new Dataset(
                Arrays.copyOfRange(features, from * featureWidth, (from + count) * featureWidth),
                sampleShape,
                Arrays.copyOfRange(targets, from * targetWidth, (from + count) * targetWidth),
                targetWidth,
                mask == null ? null : Arrays.copyOfRange(mask, from * maskWidth, (from + count) * maskWidth),
                maskWidth);
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
