package dev.glia.backend.nd4j.internal;

/**
 * {@link dev.glia.api.Backend#copyBlock} between the native buffers of two tensors: one bulk copy per row, or a
 * single one when the block is whole rows of both matrices (or one row).
 */
final class BlockCopy {
    private BlockCopy() {}

    /** Copies the checked block; {@code src} and {@code dst} share a dtype and, if one memory, no element. */
    static void copy(
            Nd4jTensor src,
            int srcRow,
            int srcColumn,
            Nd4jTensor dst,
            int dstRow,
            int dstColumn,
            int rows,
            int columns) {
        int srcColumns = src.shape().columns();
        int dstColumns = dst.shape().columns();
        int from = srcRow * srcColumns + srcColumn;
        int to = dstRow * dstColumns + dstColumn;
        boolean contiguous = rows == 1 || (columns == srcColumns && columns == dstColumns);
        int runs = contiguous ? 1 : rows;
        int length = contiguous ? rows * columns : columns;
        for (int r = 0; r < runs; r++) {
            int s = from + r * srcColumns;
            int d = to + r * dstColumns;
            if (src.floats != null) {
                dst.floats.put(d, src.floats, s, length);
            } else {
                dst.doubles.put(d, src.doubles, s, length);
            }
        }
    }
}
