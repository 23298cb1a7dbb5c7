package dev.glia.backend.opencl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import dev.glia.backend.opencl.OpenClTestSupport;
import dev.glia.backend.opencl.RequiresOpenCl;
import org.junit.jupiter.api.Test;

/** Every cl_mem, kernel, program, the queue and the context are released when the backend closes. */
@RequiresOpenCl
class LifecycleTest {
    @Test
    void closeReleasesEveryOpenClObject() {
        OpenClBackend backend = OpenClTestSupport.newBackend();
        assertEquals(2, backend.openClObjects(), "a new backend holds a queue and a context");
        Tensor a = backend.upload(new float[] {1, 2, 3, 4, 5, 6}, Shape.of(2, 3));
        Tensor b = backend.allocate(Shape.of(3, 2), DType.FLOAT32);
        Tensor c = backend.allocate(Shape.of(2, 2), DType.FLOAT32);
        Tensor v = backend.allocate(Shape.of(2), DType.FLOAT32);
        backend.elementwise(Expr.input(0).add(1), b, b);
        backend.gemm(false, false, 1, a, b, 0, c);
        backend.gemm(true, true, 1, b, a, 0, c);
        backend.sum(c, 1, v);
        backend.argmax(c, 0, v);
        assertEquals(6, c.toFloatArray()[0], 1e-6); // (1 x 2 ones)^T ... = 1 + 2 + 3
        assertEquals(0, v.toFloatArray()[1], 1e-6); // argmax down the columns of [[6, 15], [6, 15]]: the first
        long held = backend.openClObjects();
        assertTrue(held > 2 + 4, "buffers, programs and kernels are counted: " + held);
        a.close();
        assertEquals(held - 1, backend.openClObjects(), "closing a tensor releases its buffer");
        backend.close();
        assertEquals(0, backend.openClObjects(), "after close nothing is left");
        assertEquals(0, backend.liveTensors());
        assertEquals(0, backend.liveBytes());
        assertTrue(b.isClosed() && c.isClosed() && v.isClosed());
        backend.close();
        assertThrows(IllegalStateException.class, () -> backend.allocate(Shape.of(1), DType.FLOAT32));
        assertThrows(IllegalStateException.class, c::toFloatArray);
    }

    @Test
    void manyBackendsOneAfterAnotherLeaveNothing() {
        for (int i = 0; i < 20; i++) {
            try (OpenClBackend backend = OpenClTestSupport.newBackend();
                    Tensor t = backend.allocate(Shape.of(64, 64), DType.FLOAT32)) {
                backend.elementwise(Expr.input(0).exp(), t, t);
                assertEquals(1f, t.toFloatArray()[4095]);
            }
        }
    }

    @Test
    void twoBackendsAreIndependent() {
        try (OpenClBackend one = OpenClTestSupport.newBackend();
                OpenClBackend two = OpenClTestSupport.newBackend();
                Tensor a = one.upload(new float[] {1, 2}, Shape.of(2));
                Tensor b = two.upload(new float[] {3, 4}, Shape.of(2))) {
            assertThrows(IllegalArgumentException.class, () -> one.elementwise(Expr.input(0), a, b));
            two.elementwise(Expr.input(0).mul(2), b, b);
            assertEquals(8f, b.toFloatArray()[1]);
            assertEquals(2f, a.toFloatArray()[1]);
        }
    }

    // ----- views and block copies

    @Test
    void aViewSharesTheBufferAndNeverReleasesIt() {
        OpenClBackend backend = OpenClTestSupport.newBackend();
        Tensor base = backend.upload(new float[] {1, 2, 3, 4, 5, 6}, Shape.of(2, 3));
        Tensor other = backend.allocate(Shape.of(3, 2), DType.FLOAT32);
        backend.copyBlock(base, 0, 1, other, 0, 0, 2, 2); // builds copy.cl before counting
        long held = backend.openClObjects();
        for (int i = 0; i < 20; i++) {
            Tensor view = backend.reshape(base, Shape.of(3, 2));
            backend.copyBlock(view, 0, 0, other, 0, 0, 3, 2);
            view.close();
            view.close();
        }
        assertEquals(held, backend.openClObjects(), "views create and release no buffer");
        Tensor last = backend.reshape(backend.reshape(base, Shape.of(6)), Shape.of(6, 1));
        base.close();
        assertEquals(held - 1, backend.openClObjects(), "the base releases its buffer");
        assertThrows(IllegalStateException.class, () -> backend.copyBlock(last, 0, 0, other, 0, 0, 1, 1));
        last.close();
        assertEquals(held - 1, backend.openClObjects(), "closing a view after its base releases nothing again");
        backend.close();
        assertEquals(0, backend.openClObjects(), "after close nothing is left");
        last.close();
    }
}
