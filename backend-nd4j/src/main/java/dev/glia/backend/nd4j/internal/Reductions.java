package dev.glia.backend.nd4j.internal;

import dev.glia.api.DType;
import dev.glia.kernels.java.Sums;
import java.util.Arrays;

/**
 * Sum, max and argmax along an axis of a tensor's {@code rows} × {@code columns} matrix view, read from its
 * native buffer in blocks of whole rows (or, for rows longer than {@link #CHUNK}, pieces of a row) copied
 * into a scratch array, so that the loops run over a heap array. Axis 0 reduces each column, axis 1 each
 * row. Values are widened to double: sums accumulate in double and are rounded once; {@code max}
 * propagates NaN; {@code argmax} gives the first index of the maximum, or of the first NaN, as a number of
 * the output's type. Scratch space is kept, so nothing is allocated once it has grown to the widest matrix
 * seen. Not thread-safe.
 */
final class Reductions {
    /** Elements read per block. */
    static final int CHUNK = 2048;

    private final float[] floats = new float[CHUNK];
    private final double[] segment = new double[CHUNK];
    private double[] values = new double[0];
    private int[] indices = new int[0];

    void sum(Nd4jTensor in, int rows, int columns, int axis, Nd4jTensor out) {
        int count = axis == 0 ? columns : rows;
        double[] acc = values(count);
        Arrays.fill(acc, 0, count, 0.0);
        int block = Math.max(1, CHUNK / columns);
        if (axis == 0 && in.dtype() == DType.FLOAT32) {
            sumColumns(in, rows, columns, block, acc); // the bias gradients of every training step
            write(out, acc, count);
            return;
        }
        if (in.dtype() == DType.FLOAT32) {
            sumRows(in, rows, columns, block, acc); // a convolution's bias gradient, [K, N·OH·OW]
            write(out, acc, count);
            return;
        }
        for (int r0 = 0; r0 < rows; r0 += block) {
            int nr = Math.min(block, rows - r0);
            for (int c0 = 0; c0 < columns; c0 += CHUNK) {
                int len = Math.min(CHUNK, columns - c0);
                double[] seg = read(in, r0, nr, columns, c0, len);
                for (int rr = 0; rr < nr; rr++) {
                    int base = rr * len;
                    if (axis == 0) {
                        for (int j = 0; j < len; j++) {
                            acc[c0 + j] += seg[base + j];
                        }
                    } else {
                        acc[r0 + rr] += Sums.of(seg, base, len);
                    }
                }
            }
        }
        write(out, acc, count);
    }

    /** Column sums of a FLOAT32 matrix into {@code acc}, widening as it adds (no separate conversion pass). */
    private void sumColumns(Nd4jTensor in, int rows, int columns, int block, double[] acc) {
        float[] f = floats;
        for (int r0 = 0; r0 < rows; r0 += block) {
            int nr = Math.min(block, rows - r0);
            for (int c0 = 0; c0 < columns; c0 += CHUNK) {
                int len = Math.min(CHUNK, columns - c0);
                in.floats.get(r0 * columns + c0, f, 0, nr * len);
                for (int rr = 0; rr < nr; rr++) {
                    int base = rr * len;
                    for (int j = 0; j < len; j++) {
                        acc[c0 + j] += f[base + j];
                    }
                }
            }
        }
    }

    /** Row sums of a FLOAT32 matrix into {@code acc}, widening as it adds. */
    private void sumRows(Nd4jTensor in, int rows, int columns, int block, double[] acc) {
        float[] f = floats;
        for (int r0 = 0; r0 < rows; r0 += block) {
            int nr = Math.min(block, rows - r0);
            for (int c0 = 0; c0 < columns; c0 += CHUNK) {
                int len = Math.min(CHUNK, columns - c0);
                in.floats.get(r0 * columns + c0, f, 0, nr * len);
                for (int rr = 0; rr < nr; rr++) {
                    acc[r0 + rr] += Sums.of(f, rr * len, len);
                }
            }
        }
    }

    void max(Nd4jTensor in, int rows, int columns, int axis, Nd4jTensor out) {
        int count = axis == 0 ? columns : rows;
        double[] best = values(count);
        Arrays.fill(best, 0, count, Double.NEGATIVE_INFINITY);
        int block = Math.max(1, CHUNK / columns);
        for (int r0 = 0; r0 < rows; r0 += block) {
            int nr = Math.min(block, rows - r0);
            for (int c0 = 0; c0 < columns; c0 += CHUNK) {
                int len = Math.min(CHUNK, columns - c0);
                double[] seg = read(in, r0, nr, columns, c0, len);
                for (int rr = 0; rr < nr; rr++) {
                    int base = rr * len;
                    if (axis == 0) {
                        for (int j = 0; j < len; j++) {
                            best[c0 + j] = Math.max(best[c0 + j], seg[base + j]);
                        }
                    } else {
                        double m = best[r0 + rr];
                        for (int j = 0; j < len; j++) {
                            m = Math.max(m, seg[base + j]);
                        }
                        best[r0 + rr] = m;
                    }
                }
            }
        }
        write(out, best, count);
    }

    void argmax(Nd4jTensor in, int rows, int columns, int axis, Nd4jTensor out) {
        int count = axis == 0 ? columns : rows;
        double[] best = values(count);
        int[] index = indices(count);
        Arrays.fill(index, 0, count, -1);
        int block = Math.max(1, CHUNK / columns);
        for (int r0 = 0; r0 < rows; r0 += block) {
            int nr = Math.min(block, rows - r0);
            for (int c0 = 0; c0 < columns; c0 += CHUNK) {
                int len = Math.min(CHUNK, columns - c0);
                double[] seg = read(in, r0, nr, columns, c0, len);
                for (int rr = 0; rr < nr; rr++) {
                    int base = rr * len;
                    for (int j = 0; j < len; j++) {
                        int slot = axis == 0 ? c0 + j : r0 + rr;
                        double v = seg[base + j];
                        if (index[slot] < 0 || replaces(v, best[slot])) {
                            best[slot] = v;
                            index[slot] = axis == 0 ? r0 + rr : c0 + j;
                        }
                    }
                }
            }
        }
        for (int i = 0; i < count; i++) {
            best[i] = index[i];
        }
        write(out, best, count);
    }

    /** Whether {@code v} becomes the new maximum: larger, or the first NaN; nothing replaces a NaN. */
    private static boolean replaces(double v, double current) {
        return !Double.isNaN(current) && (v > current || Double.isNaN(v));
    }

    /**
     * Rows {@code [r0, r0 + nr)}, columns {@code [c0, c0 + len)} of {@code in} as doubles, row after row
     * ({@code nr * len <= CHUNK}: several whole rows, or a piece of one).
     */
    private double[] read(Nd4jTensor in, int r0, int nr, int columns, int c0, int len) {
        int total = nr * len;
        int start = r0 * columns + c0;
        if (in.dtype() == DType.FLOAT64) {
            in.doubles.get(start, segment, 0, total); // nr > 1 only when len == columns: contiguous
        } else {
            in.floats.get(start, floats, 0, total);
            for (int i = 0; i < total; i++) {
                segment[i] = floats[i];
            }
        }
        return segment;
    }

    /** Writes {@code count} values into {@code out}, rounding to float for FLOAT32. */
    private void write(Nd4jTensor out, double[] v, int count) {
        if (out.dtype() == DType.FLOAT64) {
            out.doubles.put(0, v, 0, count);
            return;
        }
        for (int start = 0; start < count; start += CHUNK) {
            int len = Math.min(CHUNK, count - start);
            for (int i = 0; i < len; i++) {
                floats[i] = (float) v[start + i];
            }
            out.floats.put(start, floats, 0, len);
        }
    }

    private double[] values(int length) {
        if (values.length < length) {
            values = new double[length];
        }
        return values;
    }

    private int[] indices(int length) {
        if (indices.length < length) {
            indices = new int[length];
        }
        return indices;
    }
}
