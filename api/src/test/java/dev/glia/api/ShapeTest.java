package dev.glia.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShapeTest {
    @Test
    void aBatchOfSamplesPutsTheBatchFirst() {
        assertEquals(Shape.of(128, 1, 28, 28), Shape.of(1, 28, 28).batchOf(128));
        assertEquals(Shape.of(1, 7), Shape.of(7).batchOf(1));
        assertThrows(
                IllegalArgumentException.class, () -> Shape.of(2, 3, 4, 5, 6).batchOf(2));
    }

    @Test
    void matrixViewOfEachRank() {
        assertEquals(1, Shape.of(7).rows());
        assertEquals(7, Shape.of(7).columns());
        assertEquals(128, Shape.of(128, 784).rows());
        assertEquals(784, Shape.of(128, 784).columns());
        assertEquals(12, Shape.of(2, 3, 4).columns());
        assertEquals(24, Shape.of(1, 2, 3, 4).size());
        assertEquals("[128, 784]", Shape.of(128, 784).toString());
        assertEquals(Shape.of(4, 784), Shape.of(128, 784).withFirst(4));
    }

    @Test
    void rejectsBadShapesWithTheDimensions() {
        var e = assertThrows(IllegalArgumentException.class, () -> Shape.of(3, 0));
        assertTrue(e.getMessage().contains("[3, 0]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Shape.of());
        assertThrows(IllegalArgumentException.class, () -> Shape.of(1, 1, 1, 1, 1, 1));
        assertEquals(210, Shape.of(1, 2, 3, 5, 7).size());
        assertThrows(IllegalArgumentException.class, () -> Shape.of(65536, 65536));
    }

    @Test
    void isAValue() {
        int[] dims = {2, 3};
        Shape s = Shape.of(dims);
        dims[0] = 9;
        assertEquals(Shape.of(2, 3), s);
        assertEquals(Shape.of(2, 3).hashCode(), s.hashCode());
    }
}
