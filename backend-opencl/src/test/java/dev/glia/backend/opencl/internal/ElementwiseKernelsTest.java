package dev.glia.backend.opencl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import dev.glia.backend.opencl.OpenClTestSupport;
import dev.glia.backend.opencl.RequiresOpenCl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kernel cache and the primitives' special cases against the float64 interpreter, on the device. */
@RequiresOpenCl
class ElementwiseKernelsTest {
    private static final Expr X = Expr.input(0);
    private static final Expr Y = Expr.input(1);
    private OpenClBackend backend;

    @BeforeEach
    void open() {
        backend = OpenClTestSupport.newBackend();
    }

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void kernelsAreCachedByExpressionBroadcastAndType() {
        try (Tensor a = backend.allocate(Shape.of(4, 3), DType.FLOAT32);
                Tensor b = backend.allocate(Shape.of(4, 3), DType.FLOAT32);
                Tensor row = backend.allocate(Shape.of(3), DType.FLOAT32);
                Tensor out = backend.allocate(Shape.of(4, 3), DType.FLOAT32)) {
            Expr e = X.add(Y).max(0);
            backend.elementwise(e, out, a, b);
            backend.elementwise(X.add(Y).max(0), out, b, a); // an equal expression: a cache hit
            assertEquals(1, backend.elementwiseBuilds());
            backend.elementwise(e, out, a, row); // another broadcast pattern
            assertEquals(2, backend.elementwiseBuilds());
            backend.elementwise(X.exp(), out, a, row); // in1 unread: its mode does not matter
            backend.elementwise(X.exp(), out, a, b);
            assertEquals(3, backend.elementwiseBuilds());
            if (backend.supports(DType.FLOAT64)) {
                try (Tensor d = backend.allocate(Shape.of(4, 3), DType.FLOAT64)) {
                    backend.elementwise(X.exp(), d, d);
                    assertEquals(4, backend.elementwiseBuilds(), "FLOAT64 is a separate kernel");
                }
            }
            assertEquals(backend.elementwiseBuilds(), backend.cachedElementwiseKernels());
        }
    }

    @Test
    void oneKernelServesEveryShapeOfAnInputReadAlongAxes() {
        try (Tensor a = backend.upload(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, Shape.of(2, 3, 2));
                Tensor channel = backend.upload(new float[] {10, 20, 30}, Shape.of(1, 3, 1));
                Tensor last = backend.upload(new float[] {100, 200}, Shape.of(1, 1, 2));
                Tensor out = backend.allocate(Shape.of(2, 3, 2), DType.FLOAT32)) {
            long before = backend.elementwiseBuilds();
            backend.elementwise(X.add(Y), out, a, channel);
            assertArrayEquals(new float[] {11, 12, 23, 24, 35, 36, 17, 18, 29, 30, 41, 42}, out.toFloatArray());
            backend.elementwise(X.add(Y), out, a, last); // another stride and count, the same kernel
            assertArrayEquals(
                    new float[] {101, 202, 103, 204, 105, 206, 107, 208, 109, 210, 111, 212}, out.toFloatArray());
            assertEquals(before + 1, backend.elementwiseBuilds());
        }
    }

    @Test
    void specialValuesFollowTheInterpreter() {
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        double[] a = {1, -1, 1, -1, nan, 0, -0.0, 2, nan, 3, -inf, 0.5, 0};
        double[] b = {nan, inf, -inf, -inf, 0, 0, 0, nan, 2, nan, 1, -2, -0.0};
        Expr[] exprs = {
            X.pow(Y),
            X.max(Y),
            X.min(Y),
            X.lt(Y),
            X.ge(Y),
            X.eq(Y),
            Expr.where(X, Y, X.neg()),
            X.erf(),
            X.div(Y),
            X.log(),
            X.sqrt(),
            X.tanh().add(Y.exp()),
            X.abs().recip()
        };
        for (DType dtype : DType.values()) {
            if (!dtype.isFloatingPoint() || !backend.supports(dtype)) {
                continue;
            }
            for (Expr e : exprs) {
                double[] actual;
                Shape s = Shape.of(a.length);
                try (Tensor ta = upload(a, s, dtype);
                        Tensor tb = upload(b, s, dtype);
                        Tensor out = backend.allocate(s, dtype)) {
                    backend.elementwise(e, out, ta, tb);
                    actual = out.toDoubleArray();
                }
                for (int i = 0; i < a.length; i++) {
                    double x = dtype == DType.FLOAT32 ? (float) a[i] : a[i];
                    double y = dtype == DType.FLOAT32 ? (float) b[i] : b[i];
                    double expected = e.evaluate(x, y);
                    if (dtype == DType.FLOAT32) {
                        expected = (float) expected;
                    }
                    String what = e + " at in0=" + x + ", in1=" + y + " in " + dtype;
                    if (expected == 0) { // the sign of zero is not specified (the interpreter's erf(-0) is +0)
                        assertEquals(0, actual[i], 0, what);
                    } else if (Double.isNaN(expected) || Double.isInfinite(expected)) {
                        assertEquals(expected, actual[i], what);
                    } else {
                        assertEquals(
                                expected,
                                actual[i],
                                Math.abs(expected) * (dtype == DType.FLOAT32 ? 1e-6 : 1e-14),
                                what);
                    }
                }
            }
        }
    }

    private Tensor upload(double[] v, Shape s, DType dtype) {
        if (dtype == DType.FLOAT64) {
            return backend.upload(v, s);
        }
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return backend.upload(f, s);
    }
}
