package dev.glia.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.glia.benchmarks.jmh.GemmShapes;
import dev.glia.benchmarks.spi.GemmInputs;
import java.util.List;
import org.junit.jupiter.api.Test;

class GemmSizesTest {
    @Test
    void parsesTriplesAndCubes() {
        List<int[]> s = GemmCommand.parseSizes("128x784x256, 1024,8×4×2");
        assertEquals(3, s.size());
        assertArrayEquals(new int[] {128, 784, 256}, s.get(0));
        assertArrayEquals(new int[] {1024, 1024, 1024}, s.get(1));
        assertArrayEquals(new int[] {8, 4, 2}, s.get(2));
    }

    @Test
    void theDefaultSizesParse() {
        assertEquals(6, GemmCommand.parseSizes(GemmCommand.DEFAULT_SIZES).size());
    }

    @Test
    void rejectsNonsense() {
        assertThrows(Args.UsageException.class, () -> GemmCommand.parseSizes("12x3"));
        assertThrows(Args.UsageException.class, () -> GemmCommand.parseSizes("0"));
        assertThrows(Args.UsageException.class, () -> GemmCommand.parseSizes("axbxc"));
        assertThrows(Args.UsageException.class, () -> GemmCommand.parseSizes(" , "));
        assertThrows(Args.UsageException.class, () -> GemmCommand.parseSizes("100000"));
    }

    @Test
    void jmhShapesCarryTheTransposes() {
        assertArrayEquals(new int[] {784, 128, 256, 1, 0}, GemmShapes.parse("784x128x256:TN"));
        assertArrayEquals(new int[] {128, 256, 784, 0, 1}, GemmShapes.parse("128x256x784:NT"));
        assertArrayEquals(new int[] {4, 5, 6, 0, 0}, GemmShapes.parse("4x5x6"));
    }

    @Test
    void expectedFirstElementIsTheDotProduct() {
        GemmInputs in = new GemmInputs(1, 2, 3, new float[] {2, 3}, new float[] {5, 0, 0, 7, 0, 0});
        assertEquals(2 * 5 + 3 * 7, in.expectedFirstElement());
        assertEquals(12, in.flops());
        GemmInputs r = GemmInputs.random(3, 4, 5, 1);
        assertArrayEquals(r.a(), GemmInputs.random(3, 4, 5, 1).a(), "seeded");
    }
}
