package dev.glia.api.spi;

import dev.glia.api.Shape;

/**
 * How an element-wise input maps onto the output. The first four modes look at matrix views; {@link #AXIS}
 * looks at the dimensions.
 *
 * <p>A mode is all a compiled kernel depends on: an {@link #AXIS} input's {@linkplain #axisStride stride} and
 * count (its element count) are arguments of the call, so one kernel serves every shape.
 */
public enum Broadcast {
    /** Same rows and columns as the output: element (r, c) reads (r, c). */
    FULL,
    /** One row: element (r, c) reads (0, c). */
    ROW,
    /** One column: element (r, c) reads (r, 0). */
    COLUMN,
    /** One element: every element reads it. */
    SCALAR,
    /**
     * Along contiguous axes: the input has the output's rank, each dimension is the output's or 1, and the
     * dimensions that are not 1 are adjacent, e.g. a per-channel {@code [1, C, 1, 1]} onto {@code [N, C, H, W]}.
     * Output element {@code i} (row-major) reads input element {@code (i / stride) % count}, where
     * {@code count} is the input's element count and {@code stride} the product of the output's dimensions
     * after the input's last dimension that is not 1 ({@link #axisStride}; {@code H·W} in the example). Only
     * inputs that fit no other mode are read this way.
     */
    AXIS;

    /**
     * The index a generated kernel reads this input at, in kernels that name the output's flat index
     * {@code i}, its row {@code r} and its column {@code c}: {@code i}, {@code c}, {@code r} or {@code 0}.
     *
     * @throws UnsupportedOperationException for {@link #AXIS}, whose index needs the input's stride and count
     *     ({@link #axisIndex}); each renderer spells it with arguments of its own
     */
    public String indexVariable() {
        return switch (this) {
            case FULL -> "i";
            case ROW -> "c";
            case COLUMN -> "r";
            case SCALAR -> "0";
            case AXIS ->
                throw new UnsupportedOperationException(
                        "An AXIS input's index needs its stride and count: (i / stride) % count, see Broadcast.axisIndex");
        };
    }

    /**
     * The flat index read for output element (r, c) of a matrix with {@code columns} columns.
     *
     * @throws UnsupportedOperationException for {@link #AXIS}: use {@link #axisIndex}
     */
    public int index(int r, int c, int columns) {
        return switch (this) {
            case FULL -> r * columns + c;
            case ROW -> c;
            case COLUMN -> r;
            case SCALAR -> 0;
            case AXIS ->
                throw new UnsupportedOperationException(
                        "An AXIS input's index needs its stride and count: use Broadcast.axisIndex");
        };
    }

    /** The flat index an {@link #AXIS} input with {@code stride} and {@code count} reads for output element {@code i}. */
    public static int axisIndex(int i, int stride, int count) {
        return (i / stride) % count;
    }

    /**
     * Whether {@code input} broadcasts onto {@code out} along contiguous axes ({@link #AXIS}): the same rank,
     * every dimension equal to the output's or 1, and the dimensions that are not 1 adjacent.
     */
    public static boolean alongAxes(Shape input, Shape out) {
        if (input.rank() != out.rank()) {
            return false;
        }
        int first = -1;
        int last = -1;
        for (int a = 0; a < input.rank(); a++) {
            int d = input.dim(a);
            if (d != 1 && d != out.dim(a)) {
                return false;
            }
            if (d != 1) {
                first = first < 0 ? a : first;
                last = a;
            }
        }
        for (int a = first + 1; a < last; a++) {
            if (input.dim(a) == 1 && out.dim(a) != 1) {
                return false; // a gap: the input's axes are not contiguous in the output
            }
        }
        return true;
    }

    /**
     * The stride of an {@link #AXIS} input of shape {@code input} onto {@code out} ({@link #alongAxes} holds):
     * the product of the output's dimensions after the input's last dimension that is not 1; the output's
     * size for a single element.
     */
    public static int axisStride(Shape input, Shape out) {
        int last = -1;
        for (int a = 0; a < input.rank(); a++) {
            if (input.dim(a) != 1) {
                last = a;
            }
        }
        int stride = 1;
        for (int a = last + 1; a < out.rank(); a++) {
            stride *= out.dim(a);
        }
        return stride;
    }
}
