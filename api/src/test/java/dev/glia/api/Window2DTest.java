package dev.glia.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Window2DTest {
    @Test
    void outputSizesFollowPyTorchsFormula() {
        // floor((H + pads - dilation * (kernel - 1) - 1) / stride) + 1, worked out by hand
        assertEquals(Shape.of(2, 3, 24, 24), Window2D.of(5, 5).outputShape(Shape.of(2, 3, 28, 28)));
        Window2D w = Window2D.of(3, 5).withStride(2, 3).withPadding(1, 2, 0, 1).withDilation(2, 1);
        assertEquals((8 + 3 - 4 - 1) / 2 + 1, w.outputHeight(8)); // 4
        assertEquals((11 + 1 - 4 - 1) / 3 + 1, w.outputWidth(11)); // 3
        assertEquals(Shape.of(7, 4, 3), w.outputShape(Shape.of(7, 8, 11)));
    }

    @Test
    void hugeDilationOrPaddingIsRefusedInsteadOfOverflowing() {
        IllegalArgumentException dilated = assertThrows(
                IllegalArgumentException.class,
                () -> Window2D.of(5, 5).withDilation(1_000_000_000, 1).outputHeight(28));
        assertTrue(dilated.getMessage().contains("spans 4000000001"), dilated.getMessage());
        IllegalArgumentException padded = assertThrows(
                IllegalArgumentException.class,
                () -> Window2D.of(5, 5)
                        .withPadding(2_000_000_000, 2_000_000_000, 0, 0)
                        .outputHeight(28));
        assertTrue(padded.getMessage().contains("more than a tensor holds"), padded.getMessage());
    }

    @Test
    void badFieldsAreNamed() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Window2D.of(3, 3).withStride(0, 1));
        assertTrue(e.getMessage().contains("strideHeight is at least 1, got 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Window2D.of(3, 3).withPadding(0, -1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Window2D.of(3, 3).outputShape(Shape.of(784)));
    }
}
