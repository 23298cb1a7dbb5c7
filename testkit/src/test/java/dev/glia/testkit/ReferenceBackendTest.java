package dev.glia.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import dev.glia.api.spi.Availability;
import dev.glia.api.spi.BackendOptions;
import dev.glia.api.spi.BackendProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hand-computed checks of the reference backend: the specification must itself be right. */
class ReferenceBackendTest {
    private static final Expr X = Expr.input(0);
    private static final Expr Y = Expr.input(1);
    private final ReferenceBackend b = new ReferenceBackend();

    @AfterEach
    void close() {
        b.close();
    }

    private Tensor f64(Shape s, double... v) {
        return b.upload(v, s);
    }

    @Test
    void gemmOfKnownMatrices() {
        // [[1, 2, 3], [4, 5, 6]] * [[7, 8], [9, 10], [11, 12]] = [[58, 64], [139, 154]]
        double[] expected = {58, 64, 139, 154};
        try (Tensor a = f64(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
                Tensor at = f64(Shape.of(3, 2), 1, 4, 2, 5, 3, 6);
                Tensor bb = f64(Shape.of(3, 2), 7, 8, 9, 10, 11, 12);
                Tensor bt = f64(Shape.of(2, 3), 7, 9, 11, 8, 10, 12);
                Tensor c = f64(Shape.of(2, 2), Double.NaN, Double.NaN, Double.NaN, Double.NaN)) {
            b.gemm(false, false, 1, a, bb, 0, c);
            assertArrayEquals(expected, c.toDoubleArray(), "a * b, beta 0 ignores the NaN in c");
            b.write(c, new double[] {Double.NaN, 0, 0, 0});
            b.gemm(true, false, 1, at, bb, 0, c);
            assertArrayEquals(expected, c.toDoubleArray(), "a^T * b");
            b.gemm(false, true, 1, a, bt, 0, c);
            assertArrayEquals(expected, c.toDoubleArray(), "a * b^T");
            b.gemm(true, true, 1, at, bt, 0, c);
            assertArrayEquals(expected, c.toDoubleArray(), "a^T * b^T");
            b.write(c, new double[] {1, 1, 1, 1});
            b.gemm(false, false, 2, a, bb, 0.5, c);
            assertArrayEquals(new double[] {116.5, 128.5, 278.5, 308.5}, c.toDoubleArray(), "2 a b + 0.5 c");
        }
    }

    @Test
    void float32RoundsEveryStoredValue() {
        try (Tensor f = b.allocate(Shape.of(2), DType.FLOAT32);
                Tensor d = b.allocate(Shape.of(2), DType.FLOAT64);
                Tensor one = b.upload(new float[] {1}, Shape.of(1, 1));
                Tensor third = b.allocate(Shape.of(1, 1), DType.FLOAT32)) {
            b.write(f, new double[] {0.1, 1.0 / 3});
            assertArrayEquals(new double[] {(float) 0.1, (float) (1.0 / 3)}, f.toDoubleArray());
            b.write(d, new double[] {0.1, 1.0 / 3});
            assertArrayEquals(new double[] {0.1, 1.0 / 3}, d.toDoubleArray());
            b.gemm(false, false, 1.0 / 3, one, one, 0, third);
            assertEquals((float) (1.0 / 3), third.toDoubleArray()[0]);
            b.elementwise(X.mul(0.1), f, f);
            assertEquals((double) (float) ((float) 0.1 * 0.1), f.toDoubleArray()[0]);
        }
    }

    @Test
    void reductionsOfAKnownMatrix() {
        // [[1, -2, 3], [4, 5, -6]]
        try (Tensor m = f64(Shape.of(2, 3), 1, -2, 3, 4, 5, -6);
                Tensor cols = b.allocate(Shape.of(3), DType.FLOAT64);
                Tensor rows = b.allocate(Shape.of(2, 1), DType.FLOAT64)) {
            b.sum(m, 0, cols);
            assertArrayEquals(new double[] {5, 3, -3}, cols.toDoubleArray(), "sum axis 0");
            b.sum(m, 1, rows);
            assertArrayEquals(new double[] {2, 3}, rows.toDoubleArray(), "sum axis 1");
            b.max(m, 0, cols);
            assertArrayEquals(new double[] {4, 5, 3}, cols.toDoubleArray(), "max axis 0");
            b.max(m, 1, rows);
            assertArrayEquals(new double[] {3, 5}, rows.toDoubleArray(), "max axis 1");
            b.argmax(m, 0, cols);
            assertArrayEquals(new double[] {1, 1, 0}, cols.toDoubleArray(), "argmax axis 0");
            b.argmax(m, 1, rows);
            assertArrayEquals(new double[] {2, 1}, rows.toDoubleArray(), "argmax axis 1");
        }
    }

    @Test
    void argmaxAndMaxWithTiesAndNaN() {
        try (Tensor m = f64(Shape.of(2, 4), 2, 7, 7, 1, 3, Double.NaN, 9, Double.NaN);
                Tensor rows = b.allocate(Shape.of(2), DType.FLOAT64)) {
            b.argmax(m, 1, rows);
            assertArrayEquals(new double[] {1, 1}, rows.toDoubleArray(), "first maximum; first NaN");
            b.max(m, 1, rows);
            assertEquals(7, rows.toDoubleArray()[0]);
            assertTrue(Double.isNaN(rows.toDoubleArray()[1]), "max propagates NaN");
        }
    }

    @Test
    void reluWithABroadcastBias() {
        try (Tensor x = f64(Shape.of(2, 3), 1, -2, 3, -4, 5, -6);
                Tensor rowBias = f64(Shape.of(3), 1, 1, -1);
                Tensor columnBias = f64(Shape.of(2, 1), 10, -10);
                Tensor scalar = f64(Shape.of(1), 3);
                Tensor y = b.allocate(Shape.of(2, 3), DType.FLOAT64)) {
            Expr relu = X.add(Y).max(0);
            b.elementwise(relu, y, x, rowBias);
            assertArrayEquals(new double[] {2, 0, 2, 0, 6, 0}, y.toDoubleArray(), "relu(x + row)");
            b.elementwise(relu, y, x, columnBias);
            assertArrayEquals(new double[] {11, 8, 13, 0, 0, 0}, y.toDoubleArray(), "relu(x + column)");
            b.elementwise(X.mul(Y), y, x, scalar);
            assertArrayEquals(new double[] {3, -6, 9, -12, 15, -18}, y.toDoubleArray(), "x * scalar");
            b.elementwise(X.sub(Y), x, x, rowBias);
            assertArrayEquals(new double[] {0, -3, 4, -5, 4, -5}, x.toDoubleArray(), "x = x - row, in place");
        }
    }

    @Test
    void ledgerCountsExactBytesAndCloseFreesEverything() {
        Tensor f = b.allocate(Shape.of(3, 5), DType.FLOAT32);
        Tensor d = b.allocate(Shape.of(3, 5), DType.FLOAT64);
        assertEquals(2, b.liveTensors());
        assertEquals(60 + 120, b.liveBytes());
        f.close();
        assertEquals(120, b.liveBytes());
        b.close();
        assertTrue(d.isClosed());
        assertEquals(0, b.liveTensors());
        assertEquals(0, b.liveBytes());
        assertThrows(IllegalStateException.class, () -> b.allocate(Shape.of(1), DType.FLOAT32));
    }

    @Test
    void errorsNameTheOperationAndShapes() {
        try (Tensor a = b.allocate(Shape.of(2, 3), DType.FLOAT32);
                Tensor c = b.allocate(Shape.of(2, 2), DType.FLOAT32)) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> b.gemm(false, false, 1, a, a, 0, c));
            assertTrue(e.getMessage().startsWith("gemm"), e.getMessage());
        }
        Tensor d = b.allocate(Shape.of(2, 3), DType.FLOAT32);
        b.close(); // closes d
        IllegalStateException closed = assertThrows(IllegalStateException.class, d::toFloatArray);
        assertTrue(
                closed.getMessage().contains("[2, 3]") && closed.getMessage().contains("after close"),
                closed.getMessage());
    }

    @Test
    void describesItself() {
        assertEquals("reference", b.name());
        assertTrue(b.supports(DType.FLOAT32) && b.supports(DType.FLOAT64));
        assertFalse(b.description().isBlank());
    }

    @Test
    void providerIsRegisteredAndAvailableByNameOnly() {
        BackendProvider found = null;
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            if (p.name().equals("reference")) {
                found = p;
            }
        }
        assertInstanceOf(ReferenceBackendProvider.class, found, "META-INF/services registers the provider");
        assertEquals(0, found.rank());
        Availability a = found.probe(BackendOptions.defaults());
        assertTrue(a.available());
        assertFalse(a.autoEligible(), "auto must never pick the reference backend");
        try (Backend created = found.create(BackendOptions.defaults())) {
            assertInstanceOf(ReferenceBackend.class, created);
        }
    }
}
