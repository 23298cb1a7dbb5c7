package dev.glia.backend.nd4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void closingATensorReleasesItsNativeArrayAtOnce() {
        try (Nd4jBackend backend = new Nd4jBackend(1)) {
            Nd4jTensor t = (Nd4jTensor) backend.upload(new float[] {1, 2, 3}, Shape.of(3));
            assertFalse(t.released());
            t.close();
            assertTrue(t.released());
            assertEquals(0, backend.liveTensors());
            assertThrows(IllegalStateException.class, t::toFloatArray);
            t.close(); // idempotent
        }
    }

    @Test
    void closingTheBackendReleasesEveryTensorAndRefusesNewOnes() {
        Nd4jBackend backend = new Nd4jBackend(2);
        Nd4jTensor a = (Nd4jTensor) backend.allocate(Shape.of(4, 4), DType.FLOAT32);
        Nd4jTensor b = (Nd4jTensor) backend.allocate(Shape.of(2), DType.FLOAT64);
        assertEquals(2, backend.liveTensors());
        assertEquals(4 * 16 + 8 * 2, backend.liveBytes());
        backend.close();
        assertTrue(a.isClosed() && a.released());
        assertTrue(b.isClosed() && b.released());
        assertEquals(0, backend.liveTensors());
        assertEquals(0, backend.liveBytes());
        backend.close();
        assertThrows(IllegalStateException.class, () -> backend.allocate(Shape.of(1), DType.FLOAT32));
    }

    @Test
    void float64TransfersConvertBothWays() {
        try (Nd4jBackend backend = new Nd4jBackend(1)) {
            Tensor d = backend.allocate(Shape.of(3), DType.FLOAT64);
            backend.write(d, new float[] {0.5f, -1, 3});
            assertArrayEquals(new double[] {0.5, -1, 3}, d.toDoubleArray());
            Tensor f = backend.allocate(Shape.of(3), DType.FLOAT32);
            backend.write(f, new double[] {0.1, 2, -3});
            assertArrayEquals(new float[] {0.1f, 2, -3}, f.toFloatArray());
            assertArrayEquals(new double[] {0.1f, 2, -3}, f.toDoubleArray());
        }
    }

    @Test
    void largeElementwiseCallsSplitOverHelpersGiveTheSameResult() {
        try (Nd4jBackend split = new Nd4jBackend(2);
                Nd4jBackend single = new Nd4jBackend(1)) {
            int rows = 300;
            int columns = 500; // above the split threshold
            float[] x = new float[rows * columns];
            float[] bias = new float[columns];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) Math.sin(i);
            }
            for (int i = 0; i < columns; i++) {
                bias[i] = i * 0.01f;
            }
            Expr e = Expr.input(0).add(Expr.input(1)).tanh();
            float[] expected = null;
            for (Nd4jBackend b : new Nd4jBackend[] {single, split}) {
                Tensor in = b.upload(x, Shape.of(rows, columns));
                Tensor row = b.upload(bias, Shape.of(columns));
                Tensor out = b.allocate(Shape.of(rows, columns), DType.FLOAT32);
                for (int i = 0; i < 40; i++) { // long enough for the chooser to try the split both ways
                    b.elementwise(e, out, in, row);
                    float[] got = out.toFloatArray();
                    if (expected == null) {
                        expected = got;
                    } else {
                        assertArrayEquals(expected, got);
                    }
                }
            }
        }
    }

    // ----- views and block copies

    @Test
    void aViewNeverClosesItsBaseArrayAndDiesWithIt() {
        try (Nd4jBackend backend = new Nd4jBackend(1)) {
            for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                Nd4jTensor base = (Nd4jTensor) backend.allocate(Shape.of(2, 3), dtype);
                backend.write(base, new double[] {1, 2, 3, 4, 5, 6});
                for (int i = 0; i < 20; i++) {
                    Nd4jTensor view = (Nd4jTensor) backend.reshape(base, Shape.of(3, 2));
                    assertEquals(base.address, view.address, "a view is the base's memory");
                    view.close();
                    view.close();
                }
                assertFalse(base.released(), "closing views leaves the base's array open");
                assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, base.toDoubleArray());
                Nd4jTensor last = (Nd4jTensor) backend.reshape(backend.reshape(base, Shape.of(6)), Shape.of(1, 6));
                base.close();
                assertTrue(last.released() && last.isClosed(), "the base's array is freed once, by the base");
                assertThrows(IllegalStateException.class, last::toFloatArray);
                last.close();
                assertEquals(0, backend.liveTensors());
            }
        }
    }
}
