package dev.glia.backend.ejml.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.BinaryOp;
import dev.glia.api.expr.Expr;
import dev.glia.api.expr.UnaryOp;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ElementwiseTest {
    private static final Expr X = Expr.input(0);
    private static final Expr Y = Expr.input(1);

    private final EjmlBackend backend = new EjmlBackend(1);

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void biasAddThenReluWithRowBias() {
        Tensor x = backend.upload(new float[] {1, -2, 3, -4, 5, -6}, Shape.of(2, 3));
        Tensor bias = backend.upload(new float[] {0.5f, 1, -4}, Shape.of(3));
        Tensor y = backend.allocate(Shape.of(2, 3), DType.FLOAT32);
        backend.elementwise(X.add(Y).max(0), y, x, bias);
        // rows: [1.5, -1, -1] -> [1.5, 0, 0]; [-3.5, 6, -10] -> [0, 6, 0]
        assertArrayEquals(new float[] {1.5f, 0, 0, 0, 6, 0}, y.toFloatArray());
    }

    @Test
    void columnAndScalarBroadcast() {
        Tensor x = backend.upload(new float[] {1, 2, 3, 4, 5, 6}, Shape.of(2, 3));
        Tensor column = backend.upload(new float[] {10, 20}, Shape.of(2, 1));
        Tensor scalar = backend.upload(new float[] {2}, Shape.of(1));
        Tensor y = backend.allocate(Shape.of(2, 3), DType.FLOAT32);
        backend.elementwise(X.mul(Expr.input(2)).sub(Y), y, x, column, scalar);
        assertArrayEquals(new float[] {-8, -6, -4, -12, -10, -8}, y.toFloatArray());
    }

    @Test
    void higherRankUsesTheMatrixView() {
        Tensor x = backend.upload(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, Shape.of(2, 2, 2));
        Tensor row = backend.upload(new float[] {1, 0, 0, 1}, Shape.of(1, 2, 2));
        Tensor y = backend.allocate(Shape.of(2, 2, 2), DType.FLOAT32);
        backend.elementwise(X.mul(Y), y, x, row);
        assertArrayEquals(new float[] {1, 0, 0, 4, 5, 0, 0, 8}, y.toFloatArray());
    }

    @Test
    void inPlaceOnAFullInput() {
        Tensor x = backend.upload(new float[] {1, 2, 3, 4}, Shape.of(2, 2));
        Tensor bias = backend.upload(new float[] {10, 20}, Shape.of(1, 2));
        // out aliases input 0 and the expression reads it twice, around a row broadcast
        backend.elementwise(X.mul(X).add(Y).sub(X), x, x, bias);
        assertArrayEquals(new float[] {10, 22, 16, 32}, x.toFloatArray());
        backend.elementwise(X.mul(2), x, x);
        assertArrayEquals(new float[] {20, 44, 32, 64}, x.toFloatArray());
    }

    @Test
    void rejectsAliasingABroadcastInput() {
        Tensor x = backend.allocate(Shape.of(2, 2), DType.FLOAT32);
        Tensor row = backend.allocate(Shape.of(1, 2), DType.FLOAT32);
        assertThrows(IllegalArgumentException.class, () -> backend.elementwise(X.add(Y), row, x, row));
        assertThrows(
                IllegalArgumentException.class,
                () -> backend.elementwise(X.add(Y), x, x, backend.allocate(Shape.of(3), DType.FLOAT32)));
        assertThrows(IllegalArgumentException.class, () -> backend.elementwise(X.add(Y), x, x));
    }

    @Test
    void everyPrimitiveMatchesTheSpecificationInFloat() {
        Random random = new Random(42);
        int n = 257;
        float[] a = new float[n];
        float[] b = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (random.nextGaussian() * 2);
            b[i] = i % 7 == 0 ? a[i] : (float) (random.nextDouble() * 3 + 0.1);
        }
        Tensor ta = backend.upload(a, Shape.of(n));
        Tensor tb = backend.upload(b, Shape.of(n));
        Tensor out = backend.allocate(Shape.of(n), DType.FLOAT32);
        for (UnaryOp op : UnaryOp.values()) {
            Expr e = op == UnaryOp.LOG || op == UnaryOp.SQRT ? Y.apply(op) : X.apply(op);
            compare(e, out, a, b, ta, tb);
        }
        for (BinaryOp op : BinaryOp.values()) {
            Expr e = op == BinaryOp.POW ? Y.apply(op, X) : X.apply(op, Y);
            compare(e, out, a, b, ta, tb);
        }
        compare(Expr.where(X.gt(Expr.constant(0)), X.mul(Y), Y.neg()), out, a, b, ta, tb);
        compare(Expr.where(X.sub(X), X, Y), out, a, b, ta, tb);
    }

    private void compare(Expr e, Tensor out, float[] a, float[] b, Tensor ta, Tensor tb) {
        backend.elementwise(e, out, ta, tb);
        float[] got = out.toFloatArray();
        for (int i = 0; i < a.length; i++) {
            double expected = e.evaluate(a[i], b[i]);
            if (Double.isNaN(expected) || Double.isInfinite(expected)) {
                assertEquals((float) expected, got[i], e + " at a=" + a[i] + " b=" + b[i]);
                continue;
            }
            assertEquals(expected, got[i], 1e-6 + 1e-5 * Math.abs(expected), e + " at a=" + a[i] + " b=" + b[i]);
        }
    }

    @Test
    void specialConstantsAndNaNPropagation() {
        Tensor x = backend.upload(new float[] {Float.NaN, 1, -1, 0}, Shape.of(4));
        Tensor y = backend.allocate(Shape.of(4), DType.FLOAT32);
        backend.elementwise(X.max(0), y, x);
        assertArrayEquals(new float[] {Float.NaN, 1, 0, 0}, y.toFloatArray());
        backend.elementwise(X.min(Double.POSITIVE_INFINITY).add(Expr.constant(-0.0)), y, x);
        assertArrayEquals(new float[] {Float.NaN, 1, -1, 0}, y.toFloatArray());
        backend.elementwise(X.mul(0).add(Double.NaN), y, x);
        for (float v : y.toFloatArray()) {
            assertTrue(Float.isNaN(v));
        }
        backend.elementwise(
                Expr.constant(Double.NEGATIVE_INFINITY).max(X.mul(1e-30)).add(Float.MIN_VALUE), y, x);
        assertEquals(Float.MIN_VALUE, y.toFloatArray()[3]);
        backend.elementwise(Expr.constant(Float.MAX_VALUE), y);
        assertArrayEquals(
                new float[] {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE}, y.toFloatArray());
    }

    /** x = x * x - x, {@code levels} times: the unfolded tree has about 3^levels nodes, the DAG 3 per level. */
    private static Expr nested(int levels) {
        Expr e = Expr.input(0);
        for (int i = 0; i < levels; i++) {
            e = e.mul(e).sub(e);
        }
        return e;
    }

    @Test
    void sharedSubexpressionsAreComputedOnce() {
        // Kept small: Expr's own hashCode and inputCount walk the unfolded tree.
        Expr e = nested(10);
        Tensor x = backend.upload(new float[] {0.5f, 2, -1}, Shape.of(3));
        Tensor y = backend.allocate(Shape.of(3), DType.FLOAT32);
        backend.elementwise(e, y, x);
        float[] got = y.toFloatArray();
        float[] in = {0.5f, 2, -1};
        for (int j = 0; j < 3; j++) {
            float v = in[j];
            for (int i = 0; i < 10; i++) {
                v = v * v - v;
            }
            assertEquals(v, got[j]);
        }
    }

    @Test
    void unusedInputsAndConstantExpressions() {
        Tensor x = backend.upload(new float[] {1, 2}, Shape.of(2));
        Tensor ignored = backend.upload(new float[] {7}, Shape.of(1));
        Tensor y = backend.allocate(Shape.of(2), DType.FLOAT32);
        backend.elementwise(X.add(1), y, x, ignored);
        assertArrayEquals(new float[] {2, 3}, y.toFloatArray());
        backend.elementwise(Expr.constant(3), y);
        assertArrayEquals(new float[] {3, 3}, y.toFloatArray());
    }
}
