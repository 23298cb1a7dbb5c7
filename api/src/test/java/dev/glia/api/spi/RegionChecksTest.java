package dev.glia.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The overlap test of two blocks over one memory, against marking every element of both. */
class RegionChecksTest {

    @Test
    void overlapAgreesWithMarkingEveryElement() {
        SplittableRandom random = new SplittableRandom(12);
        int overlapping = 0;
        for (int trial = 0; trial < 20_000; trial++) {
            int size = 1 + random.nextInt(60);
            int[] src = matrix(random, size);
            int[] dst = matrix(random, size);
            int rows = 1 + random.nextInt(Math.min(src[0], dst[0]));
            int columns = 1 + random.nextInt(Math.min(src[1], dst[1]));
            int srcRow = random.nextInt(src[0] - rows + 1);
            int srcColumn = random.nextInt(src[1] - columns + 1);
            int dstRow = random.nextInt(dst[0] - rows + 1);
            int dstColumn = random.nextInt(dst[1] - columns + 1);
            boolean[] used = new boolean[size];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    used[(srcRow + r) * src[1] + srcColumn + c] = true;
                }
            }
            boolean expected = false;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    expected |= used[(dstRow + r) * dst[1] + dstColumn + c];
                }
            }
            overlapping += expected ? 1 : 0;
            boolean actual = RegionChecks.overlap(srcRow, srcColumn, src[1], dstRow, dstColumn, dst[1], rows, columns);
            assertEquals(
                    expected,
                    actual,
                    "blocks " + rows + "x" + columns + " at (" + srcRow + ", " + srcColumn
                            + ") of " + src[0] + "x" + src[1] + " and at (" + dstRow + ", " + dstColumn + ") of "
                            + dst[0]
                            + "x" + dst[1]);
        }
        assertTrue(overlapping > 2_000 && overlapping < 18_000, "both outcomes are sampled: " + overlapping);
    }

    @Test
    void blocksSideBySideInOneRowDoNotOverlapButTouchingOnesDo() {
        assertFalse(RegionChecks.overlap(0, 0, 8, 0, 4, 8, 3, 4));
        assertTrue(RegionChecks.overlap(0, 0, 8, 0, 3, 8, 3, 4));
        assertFalse(RegionChecks.overlap(0, 0, 8, 3, 0, 8, 3, 8)); // rows 0..2 and 3..5, full width
        assertTrue(RegionChecks.overlap(0, 0, 8, 2, 0, 8, 3, 8));
        assertFalse(RegionChecks.overlap(0, 6, 8, 0, 0, 24, 1, 2)); // elements 6..7 and 0..1 of one memory
    }

    @Test
    void blocksOfDifferentRowCountsOverlapOnlyWhereTheirElementsMeet() {
        // one row, elements 5..6, against three rows of stride 4: elements 0..1, 4..5, 8..9
        assertTrue(RegionChecks.overlap(0, 5, 12, 1, 0, 0, 4, 3, 2));
        // elements 6..7 fall between 4..5 and 8..9
        assertFalse(RegionChecks.overlap(0, 6, 12, 1, 0, 0, 4, 3, 2));
        // the same the other way round
        assertTrue(RegionChecks.overlap(0, 0, 4, 3, 0, 5, 12, 1, 2));
        assertFalse(RegionChecks.overlap(0, 0, 4, 3, 0, 6, 12, 1, 2));
    }

    /** A random rows x columns factorisation of {@code size}. */
    private static int[] matrix(SplittableRandom random, int size) {
        int rows;
        do {
            rows = 1 + random.nextInt(size);
        } while (size % rows != 0);
        return new int[] {rows, size / rows};
    }
}
