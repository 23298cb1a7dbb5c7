package dev.glia.core.data;

import java.util.Arrays;

/**
 * The contents of an IDX file of unsigned bytes: its dimensions and its elements, row-major.
 * MNIST's image files are {@code [count, 28, 28]}, its label files {@code [count]}.
 */
public final class IdxArray {
    private final int[] dims;
    private final byte[] data;

    /**
     * An array with these dimensions over {@code data} (not copied), whose length must be the product of the
     * dimensions.
     */
    public IdxArray(int[] dims, byte[] data) {
        if (dims.length < 1 || dims.length > Idx.MAX_DIMENSIONS) {
            throw new IllegalArgumentException(
                    "An IDX array has 1 to " + Idx.MAX_DIMENSIONS + " dimensions, got " + dims.length);
        }
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("Dimensions must not be negative: " + Arrays.toString(dims));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "Dimensions " + Arrays.toString(dims) + " hold " + n + " elements, but there are " + data.length);
        }
        this.dims = dims.clone();
        this.data = data;
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** The size of dimension {@code axis}. */
    public int dim(int axis) {
        return dims[axis];
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** The elements, row-major, as stored (signed Java bytes; read them with {@code & 0xFF}). */
    public byte[] data() {
        return data;
    }

    /** Element {@code i} of the flat data as an unsigned value 0..255. */
    public int unsigned(int i) {
        return data[i] & 0xFF;
    }

    /** The number of items: the first dimension. */
    public int count() {
        return dims[0];
    }

    /** Elements per item: the product of all dimensions but the first (1 for a rank-1 array). */
    public int itemSize() {
        int n = 1;
        for (int i = 1; i < dims.length; i++) {
            n *= dims[i];
        }
        return n;
    }
}
