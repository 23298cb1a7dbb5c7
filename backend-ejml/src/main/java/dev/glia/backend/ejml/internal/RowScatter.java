package dev.glia.backend.ejml.internal;

/** Gathering and scatter-adding rows of a row-major float table by index; indices already checked. */
final class RowScatter {
    private RowScatter() {}

    /** Row {@code i} of {@code out} = row {@code indices[i]} of {@code table}, whose rows hold {@code d} floats. */
    static void gather(float[] table, int d, int[] indices, float[] out) {
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(table, indices[i] * d, out, i * d, d);
        }
    }

    /** Row {@code indices[i]} of {@code table} += row {@code i} of {@code src}, for i in order. */
    static void scatterAdd(float[] src, int[] indices, float[] table, int d) {
        for (int i = 0; i < indices.length; i++) {
            int to = indices[i] * d;
            int from = i * d;
            for (int j = 0; j < d; j++) {
                table[to + j] += src[from + j];
            }
        }
    }
}
