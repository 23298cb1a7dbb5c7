package dev.glia.api.spi;

import dev.glia.api.Shape;
import dev.glia.api.Tensor;

/**
 * The argument checks of {@link dev.glia.api.Backend#reshape} and {@link dev.glia.api.Backend#copyBlock}, worded
 * like {@link OpChecks}'s, and the test of whether two tensors share memory (the same tensor, or views of one
 * base) that the aliasing checks use.
 */
final class RegionChecks {
    private RegionChecks() {}

    /** Whether {@code a} and {@code b} are the same memory: the same tensor, or views of one base. */
    static boolean sameMemory(Tensor a, Tensor b) {
        if (a == b) {
            return true;
        }
        return a instanceof AbstractTensor x && b instanceof AbstractTensor y && x.memoryOwner() == y.memoryOwner();
    }

    /** Checks that {@code shape} holds as many elements as {@code tensor}. */
    static void reshape(Tensor tensor, Shape shape) {
        Shape from = tensor.shape();
        if (from.size() != shape.size()) {
            throw new IllegalArgumentException("reshape: a tensor " + from + " of " + from.size()
                    + " elements cannot be viewed as " + shape + " of " + shape.size() + " elements; the new shape"
                    + " must hold the same number of elements");
        }
    }

    /**
     * Checks a block copy: a block of at least 1 × 1 that lies inside both matrix views and, when both tensors are
     * one memory, two blocks that share no element.
     */
    static void copyBlock(
            Tensor src, int srcRow, int srcColumn, Tensor dst, int dstRow, int dstColumn, int rows, int columns) {
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException("copyBlock: the block must have at least 1 row and 1 column, got " + rows
                    + "x" + columns + " (src " + src.shape() + ", dst " + dst.shape() + ")");
        }
        inside("src", src.shape(), srcRow, srcColumn, rows, columns);
        inside("dst", dst.shape(), dstRow, dstColumn, rows, columns);
        if (sameMemory(src, dst)
                && overlap(
                        srcRow,
                        srcColumn,
                        src.shape().columns(),
                        dstRow,
                        dstColumn,
                        dst.shape().columns(),
                        rows,
                        columns)) {
            throw new IllegalArgumentException("copyBlock: the " + rows + "x" + columns + " block at row " + srcRow
                    + ", column " + srcColumn + " of src " + src.shape() + " overlaps its destination at row " + dstRow
                    + ", column " + dstColumn + " of dst " + dst.shape() + ", and both are one memory (the same"
                    + " tensor or views of one base); copy through a temporary tensor");
        }
    }

    private static void inside(String role, Shape s, int row, int column, int rows, int columns) {
        if (row < 0 || column < 0 || (long) row + rows > s.rows() || (long) column + columns > s.columns()) {
            throw new IllegalArgumentException("copyBlock: the " + rows + "x" + columns + " block at row " + row
                    + ", column " + column + " does not fit in " + role + " " + s + " (matrix " + s.rows() + "x"
                    + s.columns() + "): it spans rows " + row + ".." + ((long) row + rows - 1) + " and columns "
                    + column + ".." + ((long) column + columns - 1) + "; choose a block inside the matrix");
        }
    }

    /** {@link #overlap(int, int, int, int, int, int, int, int, int)} for two blocks of {@code rows} rows. */
    static boolean overlap(
            int srcRow, int srcColumn, int srcStride, int dstRow, int dstColumn, int dstStride, int rows, int columns) {
        return overlap(srcRow, srcColumn, srcStride, rows, dstRow, dstColumn, dstStride, rows, columns);
    }

    /**
     * Whether two blocks {@code columns} wide over one row-major memory share an element: the source's
     * {@code srcRows} rows start at {@code (srcRow + r) * srcStride + srcColumn}, the destination's {@code dstRows} at
     * {@code (dstRow + q) * dstStride + dstColumn}. Both blocks lie inside their matrices, so
     * {@code columns <= stride} and a block's rows are disjoint and ascending; for each source row only the first
     * destination row ending after the source row starts can meet it. Exact, and O(srcRows).
     */
    static boolean overlap(
            int srcRow,
            int srcColumn,
            int srcStride,
            int srcRows,
            int dstRow,
            int dstColumn,
            int dstStride,
            int dstRows,
            int columns) {
        long dstStart = (long) dstRow * dstStride + dstColumn;
        for (int r = 0; r < srcRows; r++) {
            long start = (long) (srcRow + r) * srcStride + srcColumn;
            // the first q >= 0 whose row ends after this one starts: dstStart + q * dstStride + columns > start
            long q = Math.max(0, Math.floorDiv(start - columns - dstStart, (long) dstStride) + 1);
            if (q < dstRows && dstStart + q * dstStride < start + columns) {
                return true;
            }
        }
        return false;
    }
}
