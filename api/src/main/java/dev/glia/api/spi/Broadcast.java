package dev.glia.api.spi;

/** How an element-wise input's matrix view maps onto the output's. */
public enum Broadcast {
    /** Same rows and columns as the output: element (r, c) reads (r, c). */
    FULL,
    /** One row: element (r, c) reads (0, c). */
    ROW,
    /** One column: element (r, c) reads (r, 0). */
    COLUMN,
    /** One element: every element reads it. */
    SCALAR;

    /**
     * The index a generated kernel reads this input at, in kernels that name the output's flat index
     * {@code i}, its row {@code r} and its column {@code c}: {@code i}, {@code c}, {@code r} or {@code 0}.
     */
    public String indexVariable() {
        return switch (this) {
            case FULL -> "i";
            case ROW -> "c";
            case COLUMN -> "r";
            case SCALAR -> "0";
        };
    }

    /** The flat index read for output element (r, c) of a matrix with {@code columns} columns. */
    public int index(int r, int c, int columns) {
        return switch (this) {
            case FULL -> r * columns + c;
            case ROW -> c;
            case COLUMN -> r;
            case SCALAR -> 0;
        };
    }
}
