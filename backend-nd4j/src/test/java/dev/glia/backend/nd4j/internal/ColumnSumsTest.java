package dev.glia.backend.nd4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Column sums split over threads ({@link ColumnSums}) add each column in row order, as one thread does: the same
 * bits on one thread and on two, and each sum the double sum of its column rounded once.
 */
class ColumnSumsTest {
    @Test
    void splitSumsHaveTheBitsOfOneThreadAndOfTheDoubleSum() {
        int rows = 1_100;
        int columns = 301; // odd: the parts are 150 and 151 columns
        float[] data = new float[rows * columns];
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-3, 4)));
        }
        float[] expected = new float[columns];
        for (int c = 0; c < columns; c++) {
            double s = 0;
            for (int r = 0; r < rows; r++) {
                s += data[r * columns + c];
            }
            expected[c] = (float) s;
        }
        float[] one = sums(1, data, rows, columns);
        float[] two = sums(2, data, rows, columns);
        assertArrayEquals(expected, one, "one thread against the double sums");
        assertArrayEquals(one, two, "two threads against one");
    }

    @Test
    void onlyLargeWideFloatMatricesSplit() {
        ColumnSums sums = new ColumnSums(new Workers(2, "test", false));
        assertTrue(sums.splits(4096, 1024));
        assertFalse(sums.splits(100, 1024), "too few elements");
        assertFalse(sums.splits(1 << 20, 100), "too few columns for two parts");
        assertFalse(new ColumnSums(new Workers(1, "test", false)).splits(4096, 1024), "one thread");
    }

    private static float[] sums(int threads, float[] data, int rows, int columns) {
        try (Nd4jBackend b = new Nd4jBackend(threads);
                Tensor in = b.upload(data, Shape.matrix(rows, columns));
                Tensor out = b.allocate(Shape.of(columns), dev.glia.api.DType.FLOAT32)) {
            b.sum(in, 0, out);
            return out.toFloatArray();
        }
    }
}
