package dev.glia.api;

import java.util.Objects;

/**
 * Columns {@code column} to {@code column + width - 1} of every row of a tensor's matrix view ({@link Shape#rows()}
 * × {@link Shape#columns()}): an operand of {@link Backend#elementwiseColumns}, read or written where it lies,
 * without a copy. Time step {@code t} of an {@code [N, T, F]} tensor is {@code new ColumnBlock(x, t * F, F)}, and
 * gate {@code k} of an LSTM's {@code [N, 4H]} pre-activations is {@code new ColumnBlock(z, k * H, H)}.
 *
 * <p>A block holds no memory of its own and only names its columns: it stays valid as long as its tensor.
 *
 * @param tensor the tensor whose matrix view holds the block
 * @param column the first column, at least 0
 * @param width  the number of columns, at least 1, with {@code column + width} at most the matrix's columns
 */
public record ColumnBlock(Tensor tensor, int column, int width) {

    /** Checks that the block lies inside the tensor's matrix view; a bad one fails with both sides named. */
    public ColumnBlock {
        Objects.requireNonNull(tensor, "ColumnBlock: tensor is null");
        Shape s = tensor.shape();
        if (column < 0 || width < 1 || (long) column + width > s.columns()) {
            throw new IllegalArgumentException("ColumnBlock: columns " + column + ".." + ((long) column + width - 1)
                    + " (width " + width + ") do not lie inside the matrix view " + s.rows() + "x" + s.columns()
                    + " of " + s + "; expected a width of at least 1 within columns 0.." + (s.columns() - 1));
        }
    }

    /** All columns of {@code tensor}'s matrix view. */
    public static ColumnBlock of(Tensor tensor) {
        Objects.requireNonNull(tensor, "ColumnBlock: tensor is null");
        return new ColumnBlock(tensor, 0, tensor.shape().columns());
    }

    /** Rows of the block: those of the tensor's matrix view. */
    public int rows() {
        return tensor.shape().rows();
    }

    /** Whether the block is all of its tensor's matrix view, and so one contiguous run of its memory. */
    public boolean isWhole() {
        return column == 0 && width == tensor.shape().columns();
    }

    @Override
    public String toString() {
        return "columns " + column + ".." + (column + width - 1) + " of " + tensor.shape();
    }
}
