package dev.glia.backend.nd4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.DType;
import dev.glia.api.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Products cut into blocks on the helper threads equal the product computed in one piece. */
class GemmSplitTest {
    private final Nd4jBackend backend = new Nd4jBackend(3);
    private final Workers workers = new Workers(3, "test");
    private final Gemm gemm = new Gemm(workers);
    private final SplittableRandom random = new SplittableRandom(8);

    @AfterEach
    void close() {
        workers.close();
        backend.close();
    }

    private double[] values(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextDouble(-1, 1);
        }
        return v;
    }

    /** op(x)[i][j] of a row-major rows × columns matrix x. */
    private static double at(double[] x, boolean trans, int columns, int i, int j) {
        return trans ? x[j * columns + i] : x[i * columns + j];
    }

    @Test
    void blocksOfRowsOrColumnsEqualTheWholeProduct() {
        int[][] shapes = {{130, 70, 33}, {40, 300, 17}, {129, 129, 129}, {784, 256, 128}, {32, 32, 5}};
        for (DType dtype : DType.values()) {
            if (!dtype.isFloatingPoint()) {
                continue; // INT32 holds indices, not weights
            }
            for (int[] s : shapes) {
                for (int t = 0; t < 4; t++) {
                    for (int parts = 2; parts <= 3; parts++) {
                        check(dtype, s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0, parts);
                    }
                }
            }
        }
        assertEquals(0, backend.liveTensors());
    }

    private void check(DType dtype, int m, int n, int k, boolean ta, boolean tb, int parts) {
        double[] a = values(m * k);
        double[] b = values(k * n);
        double[] c = values(m * n);
        double alpha = 0.7;
        double beta = 0.5;
        try (Nd4jTensor ta32 = tensor(a, ta ? Shape.of(k, m) : Shape.of(m, k), dtype);
                Nd4jTensor tb32 = tensor(b, tb ? Shape.of(n, k) : Shape.of(k, n), dtype);
                Nd4jTensor tc = tensor(c, Shape.of(m, n), dtype)) {
            gemm.split(ta, tb, alpha, ta32, tb32, beta, tc, m, n, k, parts);
            double[] got = tc.toDoubleArray();
            int aColumns = ta ? m : k;
            int bColumns = tb ? k : n;
            double tol = dtype == DType.FLOAT32 ? 1e-5 : 1e-12;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    double scale = Math.abs(beta * c[i * n + j]);
                    for (int p = 0; p < k; p++) {
                        double term = at(a, ta, aColumns, i, p) * at(b, tb, bColumns, p, j);
                        sum += term;
                        scale += Math.abs(alpha * term);
                    }
                    double expected = alpha * sum + beta * c[i * n + j];
                    double error = Math.abs(expected - got[i * n + j]);
                    assertTrue(
                            error <= tol * Math.max(1, scale),
                            dtype + " " + m + "x" + n + "x" + k
                                    + (ta ? " transA" : "") + (tb ? " transB" : "") + " in " + parts + " parts at (" + i
                                    + ", " + j + "): expected " + expected + ", got " + got[i * n + j]);
                }
            }
        }
    }

    private Nd4jTensor tensor(double[] values, Shape shape, DType dtype) {
        Nd4jTensor t = (Nd4jTensor) backend.allocate(shape, dtype);
        backend.write(t, values);
        return t;
    }

    @Test
    void blockBoundariesAreMultiplesOf16AndCoverTheSide() {
        for (int length : new int[] {32, 33, 100, 129, 784}) {
            for (int parts = 2; parts <= 4; parts++) {
                assertEquals(0, Gemm.boundary(0, parts, length));
                assertEquals(length, Gemm.boundary(parts, parts, length));
                for (int i = 1; i < parts; i++) {
                    int b = Gemm.boundary(i, parts, length);
                    assertTrue(b % 16 == 0 || b == length, length + "/" + parts + ": " + b);
                    assertTrue(b >= Gemm.boundary(i - 1, parts, length), length + "/" + parts);
                }
            }
        }
    }
}
