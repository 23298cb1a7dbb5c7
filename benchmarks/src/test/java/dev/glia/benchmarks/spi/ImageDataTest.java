package dev.glia.benchmarks.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageDataTest {
    /** Five samples of width 2, sample i being (i, 10 + i), in classes i % 2 (one-hot rows of two). */
    private static ImageData five() {
        float[] pixels = new float[10];
        int[] labels = new int[5];
        float[] oneHot = new float[10];
        for (int i = 0; i < 5; i++) {
            pixels[2 * i] = i;
            pixels[2 * i + 1] = 10 + i;
            labels[i] = i % 2;
            oneHot[2 * i + i % 2] = 1;
        }
        return new ImageData(pixels, labels, oneHot, 2, 2);
    }

    @Test
    void classifiesInChunksOfConsecutiveSamplesTheLastOneShorter() {
        List<float[]> chunks = new ArrayList<>();
        int[] classes = five().classifyInChunks(2, (pixels, count) -> {
            chunks.add(pixels);
            int[] out = new int[count];
            for (int i = 0; i < count; i++) {
                out[i] = (int) pixels[2 * i] * 3; // sample i's first pixel, tripled
            }
            return out;
        });
        assertArrayEquals(new int[] {0, 3, 6, 9, 12}, classes);
        assertEquals(3, chunks.size());
        assertArrayEquals(new float[] {0, 10, 1, 11}, chunks.get(0));
        assertArrayEquals(new float[] {2, 12, 3, 13}, chunks.get(1));
        assertArrayEquals(new float[] {4, 14}, chunks.get(2));
    }
}
