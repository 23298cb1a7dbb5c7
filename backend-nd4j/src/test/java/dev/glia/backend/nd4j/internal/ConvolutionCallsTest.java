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
 * The sample-by-sample convolution ({@link ConvolutionCalls}) repeats bit for bit with the same thread count: the
 * samples are cut into fixed ranges and the parts' weight and bias sums are added in part order, whichever thread
 * runs which part. (That it computes the right numbers is the conformance kit's job, against the reference.)
 */
class ConvolutionCallsTest {
    private static final Window2D WINDOW = Window2D.of(5, 5);

    @Test
    void shortColumnsInFloat32AreWorkedBySampleAndLongOnesAreNot() {
        try (Nd4jBackend b = new Nd4jBackend(1);
                Tensor shortColumns = b.allocate(Shape.matrix(64, 10), DType.FLOAT32);
                Tensor longColumns = b.allocate(Shape.matrix(65, 10), DType.FLOAT32);
                Tensor doubles = b.allocate(Shape.matrix(25, 10), DType.FLOAT64)) {
            assertTrue(ConvolutionCalls.bySample((Nd4jTensor) shortColumns));
            assertFalse(ConvolutionCalls.bySample((Nd4jTensor) longColumns));
            assertFalse(ConvolutionCalls.bySample((Nd4jTensor) doubles));
        }
    }

    @Test
    void twoThreadsRepeatBitForBit() {
        try (Nd4jBackend b = new Nd4jBackend(2)) {
            float[][] first = run(b);
            for (int i = 0; i < 5; i++) {
                float[][] again = run(b);
                assertEquals(first.length, again.length);
                for (int k = 0; k < first.length; k++) {
                    assertArrayEquals(first[k], again[k], "result " + k + " of run " + (i + 2));
                }
            }
        }
    }

    /** conv1 of the Fashion-MNIST CNN at batch 37: the output, weight, bias and input gradients. */
    private static float[][] run(Nd4jBackend b) {
        Shape in = Shape.of(37, 1, 28, 28);
        Shape out = Shape.of(37, 32, 24, 24);
        int rows = 25;
        int positions = 37 * 24 * 24;
        try (Tensor x = b.upload(random(in.size(), 1), in);
                Tensor w = b.upload(random(32 * rows, 2), Shape.matrix(32, rows));
                Tensor bias = b.upload(random(32, 3), Shape.of(32));
                Tensor g = b.upload(random(out.size(), 4), out);
                Tensor columns = b.allocate(Shape.matrix(rows, positions), DType.FLOAT32);
                Tensor product = b.allocate(Shape.matrix(32, positions), DType.FLOAT32);
                Tensor y = b.allocate(out, DType.FLOAT32);
                Tensor dw = b.upload(random(32 * rows, 5), Shape.matrix(32, rows));
                Tensor db = b.upload(random(32, 6), Shape.of(32));
                Tensor dx = b.allocate(in, DType.FLOAT32)) {
            b.conv2d(x, w, bias, WINDOW, columns, product, y);
            float[] output = y.toFloatArray();
            b.conv2dBackward(x, w, g, WINDOW, columns, product, dw, db, dx);
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
