package dev.glia.api.spi;

import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;

/**
 * The shape and dtype checks of {@code gather} and {@code scatterAdd}: a float table seen as V × D, INT32
 * indices of n elements, and a float {@code rows} tensor (gather's out, scatterAdd's src) of the table's dtype
 * laid out as n rows of D: shape {@code [n, D]}, or the indices' shape followed by D.
 */
final class GatherChecks {
    private GatherChecks() {}

    /** Checks the three tensors (already owned and open) of {@code op}; {@code rowsName} is out or src. */
    static void check(String op, Tensor table, Tensor indices, Tensor rows, String rowsName) {
        if (indices.dtype() != DType.INT32) {
            throw new IllegalArgumentException(op + ": indices " + indices.shape() + " are " + indices.dtype()
                    + " but must be INT32; upload them with upload(int[], shape)");
        }
        if (!table.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(op + ": the table " + table.shape() + " is " + table.dtype() + ", but "
                    + op + " takes FLOAT32 or FLOAT64 tables");
        }
        if (rows.dtype() != table.dtype()) {
            throw new IllegalArgumentException(op + ": " + rowsName + " " + rows.shape() + " is " + rows.dtype()
                    + " but the table " + table.shape() + " is " + table.dtype() + "; both must share one dtype");
        }
        int n = indices.shape().size();
        int d = table.shape().columns();
        Shape s = rows.shape();
        boolean matrix = s.rows() == n && s.columns() == d;
        if (!matrix && !followedBy(s, indices.shape(), d)) {
            throw new IllegalArgumentException(op + ": the table " + table.shape() + " has rows of D = " + d
                    + " and indices " + indices.shape() + " hold n = " + n + ", so " + rowsName + " must be ["
                    + n + ", " + d + "] or the indices' shape followed by " + d + "; got " + rowsName + " " + s);
        }
        if (rows == table) {
            throw new IllegalArgumentException(op + ": " + rowsName + " must not be the table");
        }
    }

    /** Whether {@code s} is {@code indices}' dimensions followed by {@code d}. */
    private static boolean followedBy(Shape s, Shape indices, int d) {
        if (s.rank() != indices.rank() + 1 || s.dim(s.rank() - 1) != d) {
            return false;
        }
        for (int axis = 0; axis < indices.rank(); axis++) {
            if (s.dim(axis) != indices.dim(axis)) {
                return false;
            }
        }
        return true;
    }

    /** The failure for {@code indices} element {@code position} holding {@code index}, outside [0, V). */
    static IllegalArgumentException outOfRange(String op, Tensor table, Shape indices, int position, int index) {
        int v = table.shape().rows();
        return new IllegalArgumentException(op + ": indices" + IntConversions.position(indices, position) + " is "
                + index + ", outside [0, " + v + "): the table " + table.shape() + " has V = " + v + " rows;"
                + " nothing was written");
    }
}
