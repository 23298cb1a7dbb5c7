package dev.glia.backend.ejml.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GemmTest {
    private final EjmlBackend backend = new EjmlBackend(2);

    @AfterEach
    void close() {
        backend.close();
    }

    // a = [1 2 3; 4 5 6] (2x3), b = [7 8; 9 10; 11 12] (3x2): a*b = [58 64; 139 154]
    private static final float[] A = {1, 2, 3, 4, 5, 6};
    private static final float[] B = {7, 8, 9, 10, 11, 12};
    private static final float[] AB = {58, 64, 139, 154};

    @Test
    void plainProduct() {
        assertArrayEquals(AB, product(false, false, A, Shape.of(2, 3), B, Shape.of(3, 2)));
    }

    @Test
    void transposeA() {
        // a stored transposed: aT = [1 4; 2 5; 3 6]
        float[] aT = {1, 4, 2, 5, 3, 6};
        assertArrayEquals(AB, product(true, false, aT, Shape.of(3, 2), B, Shape.of(3, 2)));
    }

    @Test
    void transposeB() {
        // b stored transposed: bT = [7 9 11; 8 10 12]
        float[] bT = {7, 9, 11, 8, 10, 12};
        assertArrayEquals(AB, product(false, true, A, Shape.of(2, 3), bT, Shape.of(2, 3)));
    }

    @Test
    void transposeBoth() {
        float[] aT = {1, 4, 2, 5, 3, 6};
        float[] bT = {7, 9, 11, 8, 10, 12};
        assertArrayEquals(AB, product(true, true, aT, Shape.of(3, 2), bT, Shape.of(2, 3)));
    }

    @Test
    void alphaAndBeta() {
        Tensor a = backend.upload(A, Shape.of(2, 3));
        Tensor b = backend.upload(B, Shape.of(3, 2));
        Tensor c = backend.upload(new float[] {1, 2, 3, 4}, Shape.of(2, 2));
        backend.gemm(false, false, 2, a, b, 1, c); // c = 2ab + c
        assertArrayEquals(new float[] {117, 130, 281, 312}, c.toFloatArray());
        backend.gemm(false, false, 1, a, b, 0.5, c); // c = ab + c/2
        assertArrayEquals(new float[] {116.5f, 129, 279.5f, 310}, c.toFloatArray());
    }

    @Test
    void betaZeroIgnoresNaN() {
        Tensor a = backend.upload(A, Shape.of(2, 3));
        Tensor b = backend.upload(B, Shape.of(3, 2));
        Tensor c = backend.upload(new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NaN, 1}, Shape.of(2, 2));
        backend.gemm(false, false, 1, a, b, 0, c);
        assertArrayEquals(AB, c.toFloatArray());
        c.close();
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                Tensor x = backend.upload(A, ta ? Shape.of(3, 2) : Shape.of(2, 3));
                Tensor y = backend.upload(B, tb ? Shape.of(2, 3) : Shape.of(3, 2));
                Tensor z = backend.upload(new float[] {Float.NaN, Float.NaN, Float.NaN, Float.NaN}, Shape.of(2, 2));
                backend.gemm(ta, tb, 3, x, y, 0, z);
                for (float v : z.toFloatArray()) {
                    assertEquals(false, Float.isNaN(v));
                }
            }
        }
    }

    /** Sizes on both sides of the concurrency threshold and of EJML's own algorithm switches. */
    @ParameterizedTest
    @CsvSource({"1, 1, 1", "3, 1, 5", "1, 17, 3", "7, 45, 41", "129, 17, 3", "130, 140, 120", "64, 300, 128"})
    void matchesNaiveProduct(int m, int n, int k) {
        Random random = new Random(m * 31L + n * 7L + k);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (double[] ab : new double[][] {{1, 0}, {0.5, 0}, {1, 1}, {-2, 0.25}}) {
                    check(random, m, n, k, ta, tb, ab[0], ab[1]);
                }
            }
        }
    }

    private void check(Random random, int m, int n, int k, boolean ta, boolean tb, double alpha, double beta) {
        float[] a = randoms(random, m * k);
        float[] b = randoms(random, k * n);
        float[] c = randoms(random, m * n);
        float[] expected = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int p = 0; p < k; p++) {
                    dot += (double) a[ta ? p * m + i : i * k + p] * b[tb ? j * k + p : p * n + j];
                }
                expected[i * n + j] = (float) (alpha * dot + beta * c[i * n + j]);
            }
        }
        try (Tensor ta2 = backend.upload(a, ta ? Shape.of(k, m) : Shape.of(m, k));
                Tensor tb2 = backend.upload(b, tb ? Shape.of(n, k) : Shape.of(k, n));
                Tensor tc = backend.upload(c, Shape.of(m, n))) {
            backend.gemm(ta, tb, alpha, ta2, tb2, beta, tc);
            float[] got = tc.toFloatArray();
            for (int i = 0; i < got.length; i++) {
                assertEquals(
                        expected[i],
                        got[i],
                        1e-4 * (1 + Math.sqrt(k)),
                        "m=" + m + " n=" + n + " k=" + k + " ta=" + ta + " tb=" + tb + " alpha=" + alpha + " beta="
                                + beta + " at " + i);
            }
        }
    }

    @Test
    void packedScratchGrowsRowByRowNotToTheTallestTimesTheWidest() {
        // a convolution alternates a short, wide op(B) (forward: k 25, n 73,728) with a tall, narrow one (weight
        // gradient: k 73,728, n 25); scratch k_max × n_max would be 5.4 G floats
        RowPanelSgemm kernel = new RowPanelSgemm();
        kernel.pack(false, new float[4 * 1000], 4, 1000);
        float[] bT = new float[4 * 1000]; // op(B) = bTᵀ, 1000 × 4, stored 4 × 1000
        for (int i = 0; i < bT.length; i++) {
            bT[i] = i;
        }
        float[][] rows = kernel.pack(true, bT, 1000, 4);
        long held = 0;
        for (float[] row : rows) {
            held += row.length;
        }
        assertEquals(4 * 1000 + 996 * 4, held, "rows 0-3 keep 1,000 floats, the others 4");
        for (int p = 0; p < 1000; p++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(j * 1000 + p, rows[p][j], "op(B)[" + p + "][" + j + "]");
            }
        }
    }

    @Test
    void rejectsBadShapesAndAliasing() {
        Tensor a = backend.upload(A, Shape.of(2, 3));
        Tensor c = backend.allocate(Shape.of(2, 2), dev.glia.api.DType.FLOAT32);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> backend.gemm(false, false, 1, a, a, 0, c));
        assertEquals(true, e.getMessage().contains("gemm"), e.getMessage());
        Tensor sq = backend.allocate(Shape.of(2, 2), dev.glia.api.DType.FLOAT32);
        assertThrows(IllegalArgumentException.class, () -> backend.gemm(false, false, 1, sq, c, 0, sq));
        assertThrows(
                IllegalArgumentException.class,
                () -> backend.gemm(
                        false, false, 1, backend.allocate(Shape.of(4), dev.glia.api.DType.FLOAT32), c, 0, c));
    }

    private float[] product(boolean ta, boolean tb, float[] a, Shape sa, float[] b, Shape sb) {
        try (Tensor x = backend.upload(a, sa);
                Tensor y = backend.upload(b, sb);
                Tensor c = backend.allocate(Shape.of(2, 2), dev.glia.api.DType.FLOAT32)) {
            backend.gemm(ta, tb, 1, x, y, 0, c);
            return c.toFloatArray();
        }
    }

    static float[] randoms(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian());
        }
        return v;
    }
}
