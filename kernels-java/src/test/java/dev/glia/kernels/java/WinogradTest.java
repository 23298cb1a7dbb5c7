package dev.glia.kernels.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Winograd's tile transforms against the direct sums in double: one tile's output is the r×r correlation of its
 * input tile with the filter, within float32 rounding; each adjoint satisfies {@code <T x, y> = <x, Tᵀ y>}. Every
 * lane of the vectors is an independent problem, so a lane mixed into another fails.
 */
class WinogradTest {
    private static final int LANES = 37;

    @Test
    void aTileIsTheCorrelationOfItsInputWithTheFilterForEveryKernelSize() {
        SplittableRandom random = new SplittableRandom(3);
        for (int r = 2; r <= 7; r++) {
            Winograd w = Winograd.forKernel(r);
            int m = w.tile;
            int A = w.alpha;
            assertEquals(r <= 3 ? 6 : 8, A);
            assertEquals(A - r + 1, m);
            float[][] d = rows(A * A, random);
            float[][] g = rows(r * r, random);
            d[5] = new float[LANES]; // a row of zeros (padding)
            float[][] v = rows(A * A, null);
            float[][] u = rows(A * A, null);
            float[][] tmp = rows(A * A, null);
            w.inputTile(d, v, tmp, 0, LANES);
            w.filter(g, u, tmp, 0, LANES);
            float[][] product = rows(A * A, null);
            for (int p = 0; p < A * A; p++) {
                for (int lane = 0; lane < LANES; lane++) {
                    product[p][lane] = u[p][lane] * v[p][lane];
                }
            }
            float[][] y = rows(m * m, null);
            w.outputTile(product, y, tmp, 0, LANES);
            double worst = 0;
            for (int lane = 0; lane < LANES; lane++) {
                for (int a = 0; a < m; a++) {
                    for (int b = 0; b < m; b++) {
                        double sum = 0;
                        double scale = 0;
                        for (int i = 0; i < r; i++) {
                            for (int j = 0; j < r; j++) {
                                float[] row = d[(a + i) * A + b + j];
                                double x = row == null ? 0 : row[lane];
                                sum += g[i * r + j][lane] * x;
                                scale += Math.abs(g[i * r + j][lane] * x);
                            }
                        }
                        worst = Math.max(worst, Math.abs(y[a * m + b][lane] - sum) / Math.max(scale, 1e-30));
                    }
                }
            }
            // kernels of 3 to 7, which the ND4J backend transforms, stay within the conformance kit's float32
            // tolerance (1e-5 of the sum of absolute products); 2 comes closer to it and is left to im2col
            assertTrue(worst < (r >= 3 ? 1e-5 : 5e-5), "r = " + r + ": relative error " + worst);
        }
    }

    @Test
    void theAdjointsSatisfyTheInnerProductIdentity() {
        SplittableRandom random = new SplittableRandom(5);
        for (int r = 2; r <= 7; r++) {
            Winograd w = Winograd.forKernel(r);
            int m = w.tile;
            int A = w.alpha;
            float[][] tmp = rows(A * A, null);
            // input: <Bᵀ d B, y> = <d, B y Bᵀ>
            check("input, r = " + r, A * A, A * A, random, tmp, w::inputTile, w::inputTileAdjoint);
            check("output, r = " + r, A * A, m * m, random, tmp, w::outputTile, w::outputTileAdjoint);
            check("filter, r = " + r, r * r, A * A, random, tmp, w::filter, w::filterAdjoint);
        }
    }

    @Test
    void onlyKernelsThatFitTheTileAreAccepted() {
        assertThrows(IllegalArgumentException.class, () -> Winograd.forKernel(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Winograd.forKernel(8));
        assertTrue(e.getMessage().contains("2 to 7") && e.getMessage().contains("8"), e.getMessage());
    }

    /** A transform of tiles of vectors. */
    private interface Transform {
        void apply(float[][] in, float[][] out, float[][] tmp, int from, int to);
    }

    private static void check(
            String what, int ins, int outs, SplittableRandom random, float[][] tmp, Transform t, Transform adjoint) {
        float[][] x = rows(ins, random);
        float[][] y = rows(outs, random);
        float[][] tx = rows(outs, null);
        float[][] ty = rows(ins, null);
        // a sub-range: lanes outside it must stay untouched
        int from = 3;
        int to = LANES - 2;
        for (float[] row : tx) {
            row[0] = 42;
        }
        t.apply(x, tx, tmp, from, to);
        adjoint.apply(y, ty, tmp, from, to);
        for (int lane = from; lane < to; lane++) {
            double left = 0;
            double right = 0;
            double scale = 0;
            for (int o = 0; o < outs; o++) {
                left += (double) tx[o][lane] * y[o][lane];
                scale += Math.abs((double) tx[o][lane] * y[o][lane]);
            }
            for (int k = 0; k < ins; k++) {
                right += (double) x[k][lane] * ty[k][lane];
            }
            assertEquals(left, right, 1e-5 * Math.max(scale, 1), what + ", lane " + lane);
        }
        assertEquals(42f, tx[0][0], what + ": a lane outside [from, to) was written");
    }

    private static float[][] rows(int count, SplittableRandom random) {
        float[][] rows = new float[count][LANES];
        if (random != null) {
            for (float[] row : rows) {
                for (int i = 0; i < LANES; i++) {
                    row[i] = (float) random.nextDouble(-1, 1);
                }
            }
        }
        return rows;
    }
}
