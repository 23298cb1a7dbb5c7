package dev.glia.backend.nd4j.internal;

/**
 * Column sums (axis 0) of a large FLOAT32 matrix over the {@link Workers}: each part sums a fixed range of columns
 * over every row, in row order, widening to double as {@link Reductions} does. Every column is therefore added up
 * in the same order as on one thread, and the result is the same bits whatever the split. The bias gradients of an
 * LSTM over a whole sequence ({@code [N·T, 4H]}, 4 M elements on the text lesson) took 2.3-2.8 ms each on one
 * thread.
 */
final class ColumnSums implements Workers.Job {
    /** Elements from which the columns are split over the threads. */
    static final int SPLIT_ELEMENTS = 1 << 18;
    /** The fewest columns a part gets. */
    static final int MIN_COLUMNS = 64;

    private final Workers workers;
    private final float[][] rows;
    private double[] acc = new double[0];
    // the call being run: set on the calling thread, read by the parts
    private Nd4jTensor in;
    private int rowCount;
    private int columns;
    private int parts;

    ColumnSums(Workers workers) {
        this.workers = workers;
        this.rows = new float[workers.threads()][];
    }

    /** Whether a {@code rows × columns} FLOAT32 matrix is worth splitting here. */
    boolean splits(int rowCount, int columnCount) {
        return workers.threads() > 1
                && (long) rowCount * columnCount >= SPLIT_ELEMENTS
                && columnCount >= 2 * MIN_COLUMNS;
    }

    /** Sums the columns of {@code matrix} ({@code rows × columns}, FLOAT32) into {@code out}. */
    void sum(Nd4jTensor matrix, int rowCount, int columnCount, Nd4jTensor out) {
        if (acc.length < columnCount) {
            acc = new double[columnCount];
        }
        in = matrix;
        this.rowCount = rowCount;
        this.columns = columnCount;
        parts = Math.min(workers.threads(), columnCount / MIN_COLUMNS);
        try {
            workers.run(this, parts);
        } finally {
            in = null;
        }
        for (int c = 0; c < columnCount; c++) {
            out.floats.put(c, (float) acc[c]);
        }
    }

    /** Columns {@code [columns·part/parts, columns·(part+1)/parts)}. */
    @Override
    public void run(int part, int worker) {
        int from = (int) ((long) columns * part / parts);
        int to = (int) ((long) columns * (part + 1) / parts);
        int len = to - from;
        float[] row = rows[worker];
        if (row == null || row.length < len) {
            row = new float[len];
            rows[worker] = row;
        }
        double[] a = acc;
        java.util.Arrays.fill(a, from, to, 0.0);
        for (int r = 0; r < rowCount; r++) {
            in.floats.get(r * columns + from, row, 0, len);
            for (int j = 0; j < len; j++) {
                a[from + j] += row[j];
            }
        }
    }
}
