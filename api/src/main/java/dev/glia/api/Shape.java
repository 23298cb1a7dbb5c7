package dev.glia.api;

import java.util.Arrays;

/**
 * An immutable tensor shape of rank 1 to {@value #MAX_RANK}, laid out row-major. The first dimension of a batch is
 * the batch size.
 *
 * <p>Element-wise operations and reductions see every tensor as a matrix: a rank-1 shape {@code [n]}
 * is one row of {@code n} columns, and a higher rank {@code [d0, d1, ...]} is {@code d0} rows of
 * {@code d1 * ...} columns ({@link #rows()}, {@link #columns()}).
 */
public final class Shape {
    /** The largest rank a shape may have: 5, enough for {@code [N, C, D, H, W]} volumes. */
    public static final int MAX_RANK = 5;

    private final int[] dims;
    private final long size;

    private Shape(int[] dims) {
        if (dims.length < 1 || dims.length > MAX_RANK) {
            throw new IllegalArgumentException(
                    "A shape has rank 1 to " + MAX_RANK + ", got rank " + dims.length + ": " + Arrays.toString(dims));
        }
        long n = 1;
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("Every dimension must be at least 1, got " + Arrays.toString(dims));
            }
            n = Math.multiplyExact(n, d);
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "A tensor holds at most 2^31-9 elements, " + Arrays.toString(dims) + " has " + n);
        }
        this.dims = dims;
        this.size = n;
    }

    /** A shape with the given dimensions, e.g. {@code Shape.of(128, 784)}. */
    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    /** The shape of a matrix with {@code rows} rows and {@code columns} columns. */
    public static Shape matrix(int rows, int columns) {
        return new Shape(new int[] {rows, columns});
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** The size of dimension {@code axis}. */
    public int dim(int axis) {
        return dims[axis];
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** Number of elements. */
    public int size() {
        return (int) size;
    }

    /** Rows of the matrix view: 1 for rank 1, else the first dimension. */
    public int rows() {
        return dims.length == 1 ? 1 : dims[0];
    }

    /** Columns of the matrix view: the product of all dimensions but the first (all of them for rank 1). */
    public int columns() {
        return dims.length == 1 ? dims[0] : (int) (size / dims[0]);
    }

    /**
     * The shape of a batch of {@code batch} samples of this shape: {@code [batch, dims...]}, e.g. a batch of 128
     * samples {@code [1, 28, 28]} is {@code [128, 1, 28, 28]}.
     *
     * @throws IllegalArgumentException when the result's rank is over {@link #MAX_RANK} or its size too large
     */
    public Shape batchOf(int batch) {
        int[] d = new int[dims.length + 1];
        d[0] = batch;
        System.arraycopy(dims, 0, d, 1, dims.length);
        return new Shape(d);
    }

    /** This shape with the first (batch) dimension replaced. */
    public Shape withFirst(int first) {
        int[] d = dims.clone();
        d[0] = first;
        return new Shape(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** The dimensions as {@code [128, 784]}. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
