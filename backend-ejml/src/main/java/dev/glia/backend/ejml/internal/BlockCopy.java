package dev.glia.backend.ejml.internal;

/** {@link dev.glia.api.Backend#copyBlock} over row-major float arrays: one copy per row, or one for whole rows. */
final class BlockCopy {
    private BlockCopy() {}

    /**
     * Copies the {@code rows × columns} block at ({@code srcRow}, {@code srcColumn}) of the matrix of
     * {@code srcColumns} columns in {@code src} to ({@code dstRow}, {@code dstColumn}) of the one of
     * {@code dstColumns} columns in {@code dst}. The arguments are checked and the blocks, if one array, disjoint.
     */
    static void copy(
            float[] src,
            int srcRow,
            int srcColumn,
            int srcColumns,
            float[] dst,
            int dstRow,
            int dstColumn,
            int dstColumns,
            int rows,
            int columns) {
        int from = srcRow * srcColumns + srcColumn;
        int to = dstRow * dstColumns + dstColumn;
        if (rows == 1 || (columns == srcColumns && columns == dstColumns)) {
            System.arraycopy(src, from, dst, to, rows * columns); // one contiguous run
            return;
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(src, from + r * srcColumns, dst, to + r * dstColumns, columns);
        }
    }
}
