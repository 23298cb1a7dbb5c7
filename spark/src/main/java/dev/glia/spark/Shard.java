package dev.glia.spark;

import dev.glia.core.Dataset;
import dev.glia.core.TrainingSteps;
import java.io.Serializable;
import java.util.Iterator;
import java.util.Random;

/**
 * The samples of one partition as flat arrays, cached by Spark as one object, with the partition's sample order
 * of the current epoch. The order is a function of (seed, partition, epoch) alone, so a retried or recomputed
 * task, or a resumed run, visits the same samples.
 */
final class Shard implements Serializable {
    private static final long serialVersionUID = 1L;

    private final float[] features;
    private final float[] targets;
    private final int featureWidth;
    private final int targetWidth;
    private final int size;

    private transient Dataset dataset;
    private transient int[] order;
    private transient Random shuffler;
    private transient int orderEpoch;

    private Shard(float[] features, int featureWidth, float[] targets, int targetWidth, int size) {
        this.features = features;
        this.targets = targets;
        this.featureWidth = featureWidth;
        this.targetWidth = targetWidth;
        this.size = size;
    }

    /** The shard of the samples in {@code samples}, all of one feature and one target width. */
    static Shard of(Iterator<Sample> samples) {
        FloatBuffer x = new FloatBuffer();
        FloatBuffer y = new FloatBuffer();
        int fw = -1;
        int tw = -1;
        int n = 0;
        while (samples.hasNext()) {
            Sample s = samples.next();
            if (fw < 0) {
                fw = s.features().length;
                tw = s.target().length;
            }
            if (s.features().length != fw || s.target().length != tw) {
                throw new IllegalArgumentException("Every sample needs " + fw + " features and " + tw
                        + " target values, like the partition's first, but sample " + n + " has "
                        + s.features().length + " and " + s.target().length);
            }
            x.add(s.features());
            y.add(s.target());
            n++;
        }
        return new Shard(x.toArray(), Math.max(fw, 1), y.toArray(), Math.max(tw, 1), n);
    }

    int size() {
        return size;
    }

    int featureWidth() {
        return size == 0 ? -1 : featureWidth;
    }

    int targetWidth() {
        return size == 0 ? -1 : targetWidth;
    }

    synchronized Dataset dataset() {
        if (dataset == null) {
            dataset = Dataset.of(features, featureWidth, targets, targetWidth);
        }
        return dataset;
    }

    /**
     * The sample order of {@code epoch} (1-based): the identity shuffled once per epoch by one
     * {@code Random(seed)}, as {@code Network.fit} does, or the identity when not shuffling.
     */
    synchronized int[] order(int epoch, long seed, boolean shuffle) {
        if (!shuffle) {
            return TrainingSteps.identityOrder(size);
        }
        if (order == null || epoch < orderEpoch) {
            order = TrainingSteps.identityOrder(size);
            shuffler = new Random(seed);
            orderEpoch = 0;
        }
        while (orderEpoch < epoch) {
            TrainingSteps.shuffle(order, shuffler);
            orderEpoch++;
        }
        return order;
    }

    /** A growing float array. */
    private static final class FloatBuffer {
        private float[] data = new float[1024];
        private int length;

        void add(float[] values) {
            if (length + values.length > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(2 * data.length, length + values.length));
            }
            System.arraycopy(values, 0, data, length, values.length);
            length += values.length;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(data, length);
        }
    }
}
