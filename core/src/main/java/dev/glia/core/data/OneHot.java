package dev.glia.core.data;

/**
 * One-hot targets for classification: class {@code c} of {@code k} becomes a row of {@code k} zeros with a
 * one at column {@code c}, which is what softmax cross-entropy trains against.
 */
public final class OneHot {
    private OneHot() {}

    /** The labels as one-hot rows, flat row-major ({@code labels.length * classes} values). */
    public static float[] encode(int[] labels, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("There must be at least one class, got " + classes);
        }
        float[] out = new float[Math.multiplyExact(labels.length, classes)];
        for (int i = 0; i < labels.length; i++) {
            int c = labels[i];
            if (c < 0 || c >= classes) {
                throw new IllegalArgumentException("Label " + i + " is " + c + "; expected 0 to " + (classes - 1));
            }
            out[i * classes + c] = 1;
        }
        return out;
    }

    /**
     * The class of each row of {@code rows} (flat row-major, {@code classes} columns): the index of the
     * row's largest value, the first one on ties.
     */
    public static int[] decode(float[] rows, int classes) {
        if (classes < 1 || rows.length % classes != 0) {
            throw new IllegalArgumentException(rows.length + " values are not whole rows of " + classes);
        }
        int[] out = new int[rows.length / classes];
        for (int i = 0; i < out.length; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (rows[i * classes + c] > rows[i * classes + best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }
}
