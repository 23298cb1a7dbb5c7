package dev.glia.backend.ejml.internal;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * The EJML backend's matrix product kernel: {@code C = alpha·op(A)·op(B)} on row-major float arrays (the
 * caller adds {@code beta·C}), in plain Java that C2 vectorises (at the MLP's shapes several times EJML's own
 * {@code mult}/{@code multTransA}/{@code multTransB}; measured by {@code benchmarks/run jmh EjmlKernelBench},
 * see docs/benchmarks.md).
 *
 * <p>Every case is reduced to one loop shape, "two rows of C += four scalars of op(A) times four rows of
 * op(B)": the innermost loop walks four rows of op(B) and updates two accumulator rows with fused
 * multiply-adds, so each loaded element of B feeds eight FMAs and each accumulator is loaded and stored
 * once per four steps of k.
 *
 * <p>Two details make C2's SuperWord vectorise that loop, and they are worth 4× here:
 * <ul>
 *   <li>op(B) is first <em>packed</em> into one array per row ({@link #pack}): C2 (JDK 17) does not
 *       vectorise a loop that loads one array at several loop-invariant offsets ({@code b[b0 + j]},
 *       {@code b[b1 + j]}…), but does when each row is its own array indexed from 0. Packing costs k·n
 *       copies against m·k·n multiply-adds, and is where {@code transB} is handled (a transposing copy),
 *       so no case needs EJML's dot-product form ({@code multTransB}, a float reduction C2 never
 *       vectorises);</li>
 *   <li>the two rows of C being computed are accumulated in two row arrays of their own and copied into C
 *       at the end, for the same reason.</li>
 * </ul>
 * {@code transA} is handled by a transposing copy of A ({@link #opA}, m·k copies), so that the loop that reads
 * A's scalars never branches on it. Rows of C are independent, so a caller may split {@code [0, m)} across
 * threads, giving each block its own accumulators ({@link #rows}).
 *
 * <p>Uses {@link Math#fma} where the JVM compiles it to an instruction ({@code -XX:+UseFMA}, the default on
 * x86-64 with FMA3 and on AArch64); elsewhere a multiply and an add, since a software FMA would be
 * slower than everything else here.
 */
final class RowPanelSgemm {
    /** Whether {@link Math#fma} is an instruction on this JVM. */
    static final boolean FMA = fmaIsIntrinsic();

    private float[][] packed = new float[0][];
    private float[] aT = new float[0];
    private float[] acc0 = new float[0];
    private float[] acc1 = new float[0];

    /**
     * op(B) packed as k row arrays of at least n floats each, in scratch this object keeps (so that
     * single-threaded calls allocate nothing once it has grown). {@code b} is k×n row-major, or n×k if
     * {@code transB}. Each row grows on its own: a rectangle as tall as the tallest op(B) and as wide as the
     * widest would hold 73,728 × 73,728 floats after a convolution's forward (k 25, n 73,728) and weight
     * gradient (k 73,728, n 25) products.
     */
    float[][] pack(boolean transB, float[] b, int k, int n) {
        if (packed.length < k) {
            packed = Arrays.copyOf(packed, k);
        }
        for (int p = 0; p < k; p++) {
            if (packed[p] == null || packed[p].length < n) {
                packed[p] = new float[n];
            }
        }
        float[][] rows = packed;
        if (!transB) {
            for (int p = 0; p < k; p++) {
                System.arraycopy(b, p * n, rows[p], 0, n);
            }
            return rows;
        }
        final int tile = 32;
        for (int p0 = 0; p0 < k; p0 += tile) {
            int p1 = Math.min(k, p0 + tile);
            for (int j0 = 0; j0 < n; j0 += tile) {
                int j1 = Math.min(n, j0 + tile);
                for (int p = p0; p < p1; p++) {
                    float[] row = rows[p];
                    for (int j = j0; j < j1; j++) {
                        row[j] = b[j * k + p];
                    }
                }
            }
        }
        return rows;
    }

    /**
     * op(A) as an m×k row-major array: {@code a} itself, or (when {@code transA}, {@code a} being k×m) its
     * transpose in scratch this object keeps; m·k copies against m·k·n multiply-adds.
     */
    float[] opA(boolean transA, float[] a, int m, int k) {
        if (!transA) {
            return a;
        }
        if (aT.length < m * k) {
            aT = new float[m * k];
        }
        float[] t = aT;
        final int tile = 32;
        for (int p0 = 0; p0 < k; p0 += tile) {
            int p1 = Math.min(k, p0 + tile);
            for (int i0 = 0; i0 < m; i0 += tile) {
                int i1 = Math.min(m, i0 + tile);
                for (int p = p0; p < p1; p++) {
                    int ap = p * m;
                    for (int i = i0; i < i1; i++) {
                        t[i * k + p] = a[ap + i];
                    }
                }
            }
        }
        return t;
    }

    /**
     * Rows {@code [0, m)} of {@code C = alpha·A·op(B)}, or {@code C += alpha·A·op(B)} when {@code accumulate}, on
     * the calling thread, with this object's accumulators.
     */
    void rows(float alpha, float[] a, int m, int k, float[][] opB, int n, float[] c, boolean accumulate) {
        if (acc0.length < n) {
            acc0 = new float[n];
            acc1 = new float[n];
        }
        rows(alpha, a, k, opB, n, c, 0, m, acc0, acc1, accumulate);
    }

    /**
     * Rows {@code [i0, i1)} of {@code C[m×n] = alpha·A·op(B)}, overwriting them (C is never read), or adding to
     * them when {@code accumulate} (C is read once per row, after the row is computed), where
     * {@code a} is op(A), m×k row-major ({@link #opA}), and {@code opB} is op(B) packed by {@link #pack}.
     * {@code y0} and {@code y1} are accumulators of at least n floats, owned by the caller's thread.
     *
     * <p>Keep this method as it is: no branch on a transpose, nothing that reads C or copies into the
     * accumulators. With either (a {@code transA ? a[p*m+i] : a[i*k+p]} read of A's scalars, a {@code beta·C}
     * start) C2 (JDK 17) compiled the inner loops without vectorising them once both paths had run, 12
     * instead of 45 GFLOPS on one core; hence {@link #opA}, and any {@code beta} but 0 and 1 applied by the
     * caller. Adding a finished accumulator row into C ({@link #addRow}) is a loop of its own, after the
     * accumulation.
     */
    static void rows(
            float alpha,
            float[] a,
            int k,
            float[][] opB,
            int n,
            float[] c,
            int i0,
            int i1,
            float[] y0,
            float[] y1,
            boolean accumulate) {
        int i = i0;
        for (; i + 1 < i1; i += 2) {
            Arrays.fill(y0, 0, n, 0f);
            Arrays.fill(y1, 0, n, 0f);
            int p = 0;
            for (; p + 3 < k; p += 4) {
                float a00 = alpha * a[i * k + p];
                float a01 = alpha * a[i * k + p + 1];
                float a02 = alpha * a[i * k + p + 2];
                float a03 = alpha * a[i * k + p + 3];
                float a10 = alpha * a[(i + 1) * k + p];
                float a11 = alpha * a[(i + 1) * k + p + 1];
                float a12 = alpha * a[(i + 1) * k + p + 2];
                float a13 = alpha * a[(i + 1) * k + p + 3];
                if (FMA) {
                    twoRowsFma(
                            y0,
                            y1,
                            opB[p],
                            opB[p + 1],
                            opB[p + 2],
                            opB[p + 3],
                            n,
                            a00,
                            a01,
                            a02,
                            a03,
                            a10,
                            a11,
                            a12,
                            a13);
                } else {
                    twoRows(
                            y0,
                            y1,
                            opB[p],
                            opB[p + 1],
                            opB[p + 2],
                            opB[p + 3],
                            n,
                            a00,
                            a01,
                            a02,
                            a03,
                            a10,
                            a11,
                            a12,
                            a13);
                }
            }
            for (; p < k; p++) {
                axpy(y0, opB[p], n, alpha * a[i * k + p]);
                axpy(y1, opB[p], n, alpha * a[(i + 1) * k + p]);
            }
            store(y0, c, i * n, n, accumulate);
            store(y1, c, (i + 1) * n, n, accumulate);
        }
        if (i < i1) {
            Arrays.fill(y0, 0, n, 0f);
            int p = 0;
            for (; p + 3 < k; p += 4) {
                float a0 = alpha * a[i * k + p];
                float a1 = alpha * a[i * k + p + 1];
                float a2 = alpha * a[i * k + p + 2];
                float a3 = alpha * a[i * k + p + 3];
                if (FMA) {
                    oneRowFma(y0, opB[p], opB[p + 1], opB[p + 2], opB[p + 3], n, a0, a1, a2, a3);
                } else {
                    oneRow(y0, opB[p], opB[p + 1], opB[p + 2], opB[p + 3], n, a0, a1, a2, a3);
                }
            }
            for (; p < k; p++) {
                axpy(y0, opB[p], n, alpha * a[i * k + p]);
            }
            store(y0, c, i * n, n, accumulate);
        }
    }

    /** Writes a finished row of C, or adds it to C's row. */
    private static void store(float[] y, float[] c, int offset, int n, boolean accumulate) {
        if (accumulate) {
            addRow(y, c, offset, n);
        } else {
            System.arraycopy(y, 0, c, offset, n);
        }
    }

    /** {@code c[offset + j] += y[j]}. */
    private static void addRow(float[] y, float[] c, int offset, int n) {
        for (int j = 0; j < n; j++) {
            c[offset + j] += y[j];
        }
    }

    /** {@code c = product + beta·c} over {@code [from, to)}: how a caller applies a non-zero beta. */
    static void addScaled(float[] c, float[] product, float beta, int from, int to) {
        for (int x = from; x < to; x++) {
            c[x] = product[x] + beta * c[x];
        }
    }

    private static void twoRowsFma(
            float[] y0,
            float[] y1,
            float[] x0,
            float[] x1,
            float[] x2,
            float[] x3,
            int n,
            float a00,
            float a01,
            float a02,
            float a03,
            float a10,
            float a11,
            float a12,
            float a13) {
        for (int j = 0; j < n; j++) {
            float v0 = x0[j];
            float v1 = x1[j];
            float v2 = x2[j];
            float v3 = x3[j];
            y0[j] = Math.fma(a03, v3, Math.fma(a02, v2, Math.fma(a01, v1, Math.fma(a00, v0, y0[j]))));
            y1[j] = Math.fma(a13, v3, Math.fma(a12, v2, Math.fma(a11, v1, Math.fma(a10, v0, y1[j]))));
        }
    }

    private static void twoRows(
            float[] y0,
            float[] y1,
            float[] x0,
            float[] x1,
            float[] x2,
            float[] x3,
            int n,
            float a00,
            float a01,
            float a02,
            float a03,
            float a10,
            float a11,
            float a12,
            float a13) {
        for (int j = 0; j < n; j++) {
            float v0 = x0[j];
            float v1 = x1[j];
            float v2 = x2[j];
            float v3 = x3[j];
            y0[j] += a00 * v0 + a01 * v1 + a02 * v2 + a03 * v3;
            y1[j] += a10 * v0 + a11 * v1 + a12 * v2 + a13 * v3;
        }
    }

    private static void oneRowFma(
            float[] y, float[] x0, float[] x1, float[] x2, float[] x3, int n, float a0, float a1, float a2, float a3) {
        for (int j = 0; j < n; j++) {
            y[j] = Math.fma(a3, x3[j], Math.fma(a2, x2[j], Math.fma(a1, x1[j], Math.fma(a0, x0[j], y[j]))));
        }
    }

    private static void oneRow(
            float[] y, float[] x0, float[] x1, float[] x2, float[] x3, int n, float a0, float a1, float a2, float a3) {
        for (int j = 0; j < n; j++) {
            y[j] += a0 * x0[j] + a1 * x1[j] + a2 * x2[j] + a3 * x3[j];
        }
    }

    private static void axpy(float[] y, float[] x, int n, float a) {
        for (int j = 0; j < n; j++) {
            y[j] += a * x[j];
        }
    }

    private static boolean fmaIsIntrinsic() {
        try {
            var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return bean != null
                    && Boolean.parseBoolean(bean.getVMOption("UseFMA").getValue());
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
