package dev.glia.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.DType;
import dev.glia.api.ScratchWorkspace;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import org.junit.jupiter.api.Test;

class ScratchWorkspaceTest {
    @Test
    void buffersAreCachedByKeyShapeAndDType() {
        try (ReferenceBackend b = new ReferenceBackend()) {
            ScratchWorkspace ws = new ScratchWorkspace(b);
            assertSame(b, ws.backend());
            Tensor first = ws.buffer("a", Shape.of(2, 3), DType.FLOAT32);
            assertSame(first, ws.buffer("a", Shape.of(2, 3), DType.FLOAT32), "same key and shape: same tensor");
            Tensor other = ws.buffer("b", Shape.of(2, 3), DType.FLOAT32);
            assertNotSame(first, other, "another key: another tensor");
            Tensor reshaped = ws.buffer("a", Shape.of(3, 2), DType.FLOAT32);
            assertNotSame(first, reshaped);
            assertTrue(first.isClosed(), "a different shape closes the old buffer");
            Tensor retyped = ws.buffer("a", Shape.of(3, 2), DType.FLOAT64);
            assertTrue(reshaped.isClosed(), "a different dtype closes the old buffer");
            assertEquals(DType.FLOAT64, retyped.dtype());
            assertEquals(2, ws.size());
            assertEquals(2, b.liveTensors());
            ws.close();
            assertTrue(other.isClosed() && retyped.isClosed());
            assertEquals(0, b.liveTensors());
            assertThrows(IllegalStateException.class, () -> ws.buffer("a", Shape.of(1), DType.FLOAT32));
            ws.close(); // idempotent
        }
    }

    @Test
    void aBufferClosedBehindItsBackIsReplaced() {
        try (ReferenceBackend b = new ReferenceBackend();
                ScratchWorkspace ws = new ScratchWorkspace(b)) {
            Tensor t = ws.buffer("x", Shape.of(4), DType.FLOAT32);
            t.close();
            Tensor again = ws.buffer("x", Shape.of(4), DType.FLOAT32);
            assertFalse(again.isClosed());
        }
    }
}
