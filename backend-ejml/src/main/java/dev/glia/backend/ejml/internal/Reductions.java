package dev.glia.backend.ejml.internal;

import dev.glia.kernels.java.Sums;
import java.util.Arrays;

/**
 * Sum, max and argmax along an axis of a row-major {@code rows} × {@code columns} matrix. Axis 0
 * reduces each column (walking the rows, so the inner loop is contiguous), axis 1 each row.
 *
 * <p>Sums accumulate in double and are rounded once. {@code max} propagates NaN like
 * {@link Math#max}; {@code argmax} gives the first index of the maximum, or of the first NaN if there
 * is one, written as a float (exact below 2<sup>24</sup>). Scratch space is kept between calls, so
 * nothing is allocated once it has grown to the widest matrix seen.
 */
final class Reductions {
    private double[] sums = new double[0];
    private float[] best = new float[0];

    void sum(float[] in, int rows, int columns, int axis, float[] out) {
        if (axis == 0) {
            double[] acc = sums(columns);
            Arrays.fill(acc, 0, columns, 0.0);
            for (int r = 0; r < rows; r++) {
                int base = r * columns;
                for (int c = 0; c < columns; c++) {
                    acc[c] += in[base + c];
                }
            }
            for (int c = 0; c < columns; c++) {
                out[c] = (float) acc[c];
            }
        } else {
            for (int r = 0; r < rows; r++) {
                out[r] = (float) Sums.of(in, r * columns, columns);
            }
        }
    }

    static void max(float[] in, int rows, int columns, int axis, float[] out) {
        if (axis == 0) {
            System.arraycopy(in, 0, out, 0, columns);
            for (int r = 1; r < rows; r++) {
                int base = r * columns;
                for (int c = 0; c < columns; c++) {
                    out[c] = Math.max(out[c], in[base + c]);
                }
            }
        } else {
            for (int r = 0; r < rows; r++) {
                int base = r * columns;
                float m = in[base];
                for (int c = 1; c < columns; c++) {
                    m = Math.max(m, in[base + c]);
                }
                out[r] = m;
            }
        }
    }

    void argmax(float[] in, int rows, int columns, int axis, float[] out) {
        if (axis == 0) {
            float[] b = best(columns);
            System.arraycopy(in, 0, b, 0, columns);
            Arrays.fill(out, 0, columns, 0f);
            for (int r = 1; r < rows; r++) {
                int base = r * columns;
                for (int c = 0; c < columns; c++) {
                    float v = in[base + c];
                    if (replaces(v, b[c])) {
                        b[c] = v;
                        out[c] = r;
                    }
                }
            }
        } else {
            for (int r = 0; r < rows; r++) {
                int base = r * columns;
                float m = in[base];
                int index = 0;
                for (int c = 1; c < columns; c++) {
                    float v = in[base + c];
                    if (replaces(v, m)) {
                        m = v;
                        index = c;
                    }
                }
                out[r] = index;
            }
        }
    }

    /** Whether {@code v} becomes the new maximum: larger, or the first NaN; nothing replaces a NaN. */
    private static boolean replaces(float v, float current) {
        return !Float.isNaN(current) && (v > current || Float.isNaN(v));
    }

    private double[] sums(int length) {
        if (sums.length < length) {
            sums = new double[length];
        }
        return sums;
    }

    private float[] best(int length) {
        if (best.length < length) {
            best = new float[length];
        }
        return best;
    }
}
