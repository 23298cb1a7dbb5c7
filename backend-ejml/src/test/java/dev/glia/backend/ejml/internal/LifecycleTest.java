package dev.glia.backend.ejml.internal;

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
    void allocateAndCloseLeavesNothingLive() {
        try (EjmlBackend backend = new EjmlBackend(1)) {
            Tensor bias = backend.upload(new float[] {1, 2, 3}, Shape.of(3));
            for (int step = 0; step < 100; step++) {
                try (Tensor x = backend.allocate(Shape.of(4, 3), DType.FLOAT32);
                        Tensor y = backend.upload(new float[12], Shape.of(4, 3))) {
                    backend.elementwise(Expr.input(0).add(Expr.input(1)), y, x, bias);
                    assertEquals(3, backend.liveTensors());
                    assertEquals(4L * (3 + 12 + 12), backend.liveBytes());
                }
            }
            bias.close();
            bias.close(); // idempotent
            assertEquals(0, backend.liveTensors());
            assertEquals(0, backend.liveBytes());
        }
    }

    @Test
    void closingTheBackendClosesEveryTensor() {
        EjmlBackend backend = new EjmlBackend(1);
        Tensor a = backend.allocate(Shape.of(2, 2), DType.FLOAT32);
        Tensor b = backend.upload(new float[] {1, 2}, Shape.of(2));
        assertEquals(2, backend.liveTensors());
        backend.close();
        assertTrue(a.isClosed());
        assertTrue(b.isClosed());
        assertEquals(0, backend.liveTensors());
        assertEquals(0, backend.liveBytes());
        backend.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> backend.allocate(Shape.of(1), DType.FLOAT32));
    }

    @Test
    void useAfterCloseFailsClearly() {
        try (EjmlBackend backend = new EjmlBackend(1)) {
            Tensor a = backend.upload(new float[] {1, 2}, Shape.of(2));
            Tensor out = backend.allocate(Shape.of(2), DType.FLOAT32);
            a.close();
            IllegalStateException e = assertThrows(IllegalStateException.class, a::toFloatArray);
            assertTrue(e.getMessage().contains("after close"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> backend.elementwise(Expr.input(0), out, a));
            assertThrows(IllegalStateException.class, () -> backend.write(a, new float[2]));
        }
    }

    @Test
    void transfersCheckLengthsAndConvert() {
        try (EjmlBackend backend = new EjmlBackend(1)) {
            float[] data = {1, 2, 3};
            Tensor t = backend.upload(data, Shape.of(3));
            data[0] = 99; // upload copies
            assertArrayEquals(new float[] {1, 2, 3}, t.toFloatArray());
            backend.write(t, new double[] {0.5, 1.5, 2.5});
            assertArrayEquals(new double[] {0.5, 1.5, 2.5}, t.toDoubleArray());
            assertThrows(IllegalArgumentException.class, () -> backend.write(t, new float[2]));
            assertThrows(IllegalArgumentException.class, () -> backend.download(t, new double[4]));
            assertThrows(IllegalArgumentException.class, () -> backend.upload(new float[2], Shape.of(3)));
        }
    }

    @Test
    void float32Only() {
        try (EjmlBackend backend = new EjmlBackend(1)) {
            assertTrue(backend.supports(DType.FLOAT32));
            assertFalse(backend.supports(DType.FLOAT64));
            assertThrows(UnsupportedOperationException.class, () -> backend.allocate(Shape.of(2), DType.FLOAT64));
            assertThrows(UnsupportedOperationException.class, () -> backend.upload(new double[2], Shape.of(2)));
            assertEquals(0, backend.liveTensors());
        }
    }

    @Test
    void tensorsOfAnotherBackendAreRejected() {
        try (EjmlBackend one = new EjmlBackend(1);
                EjmlBackend two = new EjmlBackend(1)) {
            Tensor a = one.allocate(Shape.of(2), DType.FLOAT32);
            Tensor b = two.allocate(Shape.of(2), DType.FLOAT32);
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> one.elementwise(Expr.input(0), a, b));
            assertTrue(e.getMessage().contains("belongs to"), e.getMessage());
        }
    }

    @Test
    void describesItself() {
        try (EjmlBackend backend = new EjmlBackend(2)) {
            assertEquals("ejml", backend.name());
            assertEquals("EJML 0.43.1, Java heap, 2 threads", backend.description());
        }
        assertEquals("EJML 0.43.1, Java heap, 1 thread", EjmlBackend.describe(1));
    }
}
