package dev.glia.backend.ejml.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReductionsTest {
    private final EjmlBackend backend = new EjmlBackend(1);

    @AfterEach
    void close() {
        backend.close();
    }

    // [1 5 3]
    // [4 2 6]
    private Tensor matrix() {
        return backend.upload(new float[] {1, 5, 3, 4, 2, 6}, Shape.of(2, 3));
    }

    @Test
    void sumAlongBothAxes() {
        Tensor columns = backend.allocate(Shape.of(3), DType.FLOAT32);
        Tensor rows = backend.allocate(Shape.of(2, 1), DType.FLOAT32);
        backend.sum(matrix(), 0, columns);
        backend.sum(matrix(), 1, rows);
        assertArrayEquals(new float[] {5, 7, 9}, columns.toFloatArray());
        assertArrayEquals(new float[] {9, 12}, rows.toFloatArray());
    }

    @Test
    void maxAndArgmaxAlongBothAxes() {
        Tensor columns = backend.allocate(Shape.of(1, 3), DType.FLOAT32);
        Tensor rows = backend.allocate(Shape.of(2), DType.FLOAT32);
        backend.max(matrix(), 0, columns);
        backend.max(matrix(), 1, rows);
        assertArrayEquals(new float[] {4, 5, 6}, columns.toFloatArray());
        assertArrayEquals(new float[] {5, 6}, rows.toFloatArray());
        backend.argmax(matrix(), 0, columns);
        backend.argmax(matrix(), 1, rows);
        assertArrayEquals(new float[] {1, 0, 1}, columns.toFloatArray());
        assertArrayEquals(new float[] {1, 2}, rows.toFloatArray());
    }

    @Test
    void tiesGiveTheFirstIndexAndNaNPropagates() {
        Tensor in = backend.upload(new float[] {2, Float.NaN, 2, 7, 1, 7, Float.NaN, 9, 7}, Shape.of(3, 3));
        Tensor three = backend.allocate(Shape.of(3), DType.FLOAT32);
        backend.argmax(in, 1, three);
        assertArrayEquals(new float[] {1, 0, 0}, three.toFloatArray());
        backend.max(in, 1, three);
        assertArrayEquals(new float[] {Float.NaN, 7, Float.NaN}, three.toFloatArray());
        backend.argmax(in, 0, three);
        assertArrayEquals(new float[] {2, 0, 1}, three.toFloatArray());
        backend.max(in, 0, three);
        assertArrayEquals(new float[] {Float.NaN, Float.NaN, 7}, three.toFloatArray());
        Tensor tie = backend.upload(new float[] {3, 3, 1, 3}, Shape.of(4));
        Tensor one = backend.allocate(Shape.of(1), DType.FLOAT32);
        backend.argmax(tie, 1, one);
        assertArrayEquals(new float[] {0}, one.toFloatArray());
    }

    @Test
    void singleRowAndSingleColumn() {
        Tensor row = backend.upload(new float[] {1, 2, 3}, Shape.of(3));
        Tensor out = backend.allocate(Shape.of(3), DType.FLOAT32);
        backend.sum(row, 0, out);
        assertArrayEquals(new float[] {1, 2, 3}, out.toFloatArray());
        backend.argmax(row, 0, out);
        assertArrayEquals(new float[] {0, 0, 0}, out.toFloatArray());
    }

    @Test
    void rejectsWrongSizesAndAxes() {
        Tensor out = backend.allocate(Shape.of(2), DType.FLOAT32);
        assertThrows(IllegalArgumentException.class, () -> backend.sum(matrix(), 0, out));
        assertThrows(IllegalArgumentException.class, () -> backend.max(matrix(), 2, out));
        Tensor m = matrix();
        assertThrows(IllegalArgumentException.class, () -> backend.argmax(m, 1, m));
    }
}
