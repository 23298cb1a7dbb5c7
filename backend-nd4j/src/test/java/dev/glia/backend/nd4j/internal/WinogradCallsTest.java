package dev.glia.backend.nd4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.Window2D;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Which convolutions go to Winograd's tiles ({@link WinogradCalls#suits}), and that they repeat bit for bit with the
 * same thread count and agree across thread counts within rounding. (That the numbers are right is the conformance
 * kit's job, against the reference, over awkward geometries.)
 */
class WinogradCallsTest {
    private static final Window2D FIVE = Window2D.of(5, 5);

    @Test
    void stride1SquareKernelsOf3To7WithEnoughBatchAndOutputAreSuitedAndNothingElse() {
        try (Nd4jBackend b = new Nd4jBackend(1)) {
            // conv2 of the Fashion-MNIST CNN: 8×8 outputs of a 5×5 kernel, 4 tiles of 4×4
            assertTrue(suits(b, Shape.of(128, 32, 12, 12), FIVE, DType.FLOAT32));
            assertTrue(suits(b, Shape.of(4, 32, 12, 12), FIVE, DType.FLOAT32));
            assertFalse(suits(b, Shape.of(3, 32, 12, 12), FIVE, DType.FLOAT32), "batch under 4");
            assertFalse(suits(b, Shape.of(128, 32, 12, 12), FIVE, DType.FLOAT64), "float64");
            assertFalse(suits(b, Shape.of(128, 32, 12, 12), FIVE.withStride(2, 2), DType.FLOAT32), "stride 2");
            assertFalse(suits(b, Shape.of(128, 32, 12, 12), FIVE.withDilation(2, 2), DType.FLOAT32), "dilation");
            assertTrue(suits(b, Shape.of(128, 32, 12, 12), Window2D.of(3, 3), DType.FLOAT32));
            assertFalse(suits(b, Shape.of(128, 32, 12, 12), Window2D.of(2, 2), DType.FLOAT32), "2×2");
            assertFalse(suits(b, Shape.of(128, 32, 12, 12), Window2D.of(5, 3), DType.FLOAT32), "5×3");
            assertTrue(suits(b, Shape.of(8, 8, 20, 20), Window2D.of(7, 7), DType.FLOAT32));
            // suited while 2 · 64 · tiles ≤ r² · OH · OW (per filter and channel, twice the products against the direct
            // multiply-adds): a 6×6 output, 2×2 tiles, 512 ≤ 900; a 5×5 output, 2×2 tiles, 512 ≤ 625; a 4×4 output,
            // one tile, 128 ≤ 400; a 1×1 output, one tile, 128 > 25
            assertTrue(suits(b, Shape.of(8, 8, 10, 10), FIVE, DType.FLOAT32));
            assertTrue(suits(b, Shape.of(8, 8, 9, 9), FIVE, DType.FLOAT32));
            assertTrue(suits(b, Shape.of(8, 8, 8, 8), FIVE, DType.FLOAT32));
            assertFalse(suits(b, Shape.of(8, 8, 5, 5), FIVE, DType.FLOAT32), "one output per tile");
        }
    }

    private static boolean suits(Nd4jBackend b, Shape input, Window2D window, DType dtype) {
        int rows = input.dim(1) * window.taps();
        int positions = input.dim(0) * window.outputHeight(input.dim(2)) * window.outputWidth(input.dim(3));
        try (Tensor x = b.allocate(input, dtype);
                Tensor columns = b.allocate(Shape.matrix(rows, positions), dtype)) {
            return WinogradCalls.suits((Nd4jTensor) x, window, (Nd4jTensor) columns);
        }
    }

    @Test
    void twoThreadsRepeatBitForBitAndAgreeWithOneWithinRounding() {
        float[][] one;
        try (Nd4jBackend b = new Nd4jBackend(1)) {
            one = run(b);
        }
        try (Nd4jBackend b = new Nd4jBackend(2)) {
            float[][] first = run(b);
            for (int i = 0; i < 4; i++) {
                float[][] again = run(b);
                for (int k = 0; k < first.length; k++) {
                    assertArrayEquals(first[k], again[k], "result " + k + " of run " + (i + 2));
                }
            }
            // the sums are cut differently, so the bits differ; within 1e-5 of the result's largest magnitude
            for (int k = 0; k < first.length; k++) {
                assertEquals(one[k].length, first[k].length);
                double scale = 0;
                for (float v : one[k]) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int i = 0; i < one[k].length; i++) {
                    assertEquals(one[k][i], first[k][i], 1e-5 * scale, "result " + k + " at " + i);
                }
            }
        }
    }

    /** conv2 of the Fashion-MNIST CNN at batch 75 (parts of 37 and 38, groups of 32 and the rest). */
    private static float[][] run(Nd4jBackend b) {
        int n = 75;
        Shape in = Shape.of(n, 32, 12, 12);
        Shape out = Shape.of(n, 64, 8, 8);
        int rows = 32 * 25;
        int positions = n * 64;
        try (Tensor x = b.upload(random(in.size(), 1), in);
                Tensor w = b.upload(random(64 * rows, 2), Shape.matrix(64, rows));
                Tensor bias = b.upload(random(64, 3), Shape.of(64));
                Tensor g = b.upload(random(out.size(), 4), out);
                Tensor columns = b.allocate(Shape.matrix(rows, positions), DType.FLOAT32);
                Tensor product = b.allocate(Shape.matrix(64, positions), DType.FLOAT32);
                Tensor y = b.allocate(out, DType.FLOAT32);
                Tensor dw = b.upload(random(64 * rows, 5), Shape.matrix(64, rows));
                Tensor db = b.upload(random(64, 6), Shape.of(64));
                Tensor dx = b.allocate(in, DType.FLOAT32)) {
            assertTrue(WinogradCalls.suits((Nd4jTensor) x, FIVE, (Nd4jTensor) columns));
            b.conv2d(x, w, bias, FIVE, columns, product, y);
            float[] output = y.toFloatArray();
            b.conv2dBackward(x, w, g, FIVE, columns, product, dw, db, dx);
            return new float[][] {output, dw.toFloatArray(), db.toFloatArray(), dx.toFloatArray()};
        }
    }

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextDouble(-1, 1);
        }
        return v;
    }
}
