package dev.glia.backend.nd4j.internal;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/**
 * Gathering and scatter-adding rows of a row-major table by index, over the tensors' direct buffers with
 * absolute indexing (no buffer's position moves); indices already checked.
 */
final class RowScatter {
    private RowScatter() {}

    /** The position of the first of the {@code n} indices outside [0, {@code limit}), or -1. */
    static int firstOutside(IntBuffer indices, int n, int limit) {
        for (int i = 0; i < n; i++) {
            int v = indices.get(i);
            if (v < 0 || v >= limit) {
                return i;
            }
        }
        return -1;
    }

    /** Row {@code i} of {@code out} = row {@code indices[i]} of {@code table}, whose rows hold {@code d} floats. */
    static void gather(FloatBuffer table, int d, IntBuffer indices, int n, FloatBuffer out) {
        for (int i = 0; i < n; i++) {
            out.put(i * d, table, indices.get(i) * d, d);
        }
    }

    /** Row {@code i} of {@code out} = row {@code indices[i]} of {@code table}, whose rows hold {@code d} doubles. */
    static void gather(DoubleBuffer table, int d, IntBuffer indices, int n, DoubleBuffer out) {
        for (int i = 0; i < n; i++) {
            out.put(i * d, table, indices.get(i) * d, d);
        }
    }

    /** Row {@code indices[i]} of {@code table} += row {@code i} of {@code src}, for i in order. */
    static void scatterAdd(FloatBuffer src, IntBuffer indices, int n, FloatBuffer table, int d) {
        for (int i = 0; i < n; i++) {
            int to = indices.get(i) * d;
            int from = i * d;
            for (int j = 0; j < d; j++) {
                table.put(to + j, table.get(to + j) + src.get(from + j));
            }
        }
    }

    /** Row {@code indices[i]} of {@code table} += row {@code i} of {@code src}, for i in order. */
    static void scatterAdd(DoubleBuffer src, IntBuffer indices, int n, DoubleBuffer table, int d) {
        for (int i = 0; i < n; i++) {
            int to = indices.get(i) * d;
            int from = i * d;
            for (int j = 0; j < d; j++) {
                table.put(to + j, table.get(to + j) + src.get(from + j));
            }
        }
    }
}
