package dev.glia.examples.fashion;

import static dev.glia.examples.pictures.PngAssertions.assertPng;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pictures of a first convolution, from hand-made filters and maps: sizes, where each tile lies, and that
 * the palette puts negative weights in blue, zero in white and positive in red.
 */
class ConvolutionPicturesTest {
    @TempDir
    Path dir;

    /** 32 filters of 5x5 over one channel; filter f has weight f - 16 at its centre, else small random values. */
    private static FirstConvolution synthetic() {
        Random random = new Random(3);
        float[] weights = new float[32 * 25];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) (random.nextGaussian() * 0.1);
        }
        for (int f = 0; f < 32; f++) {
            weights[f * 25 + 12] = f - 16;
        }
        float[] image = new float[28 * 28];
        for (int i = 0; i < image.length; i++) {
            image[i] = (i % 28) / 27f;
        }
        float[] maps = new float[32 * 24 * 24];
        for (int f = 1; f < 32; f++) { // map 0 stays 0: a filter that does not respond
            for (int k = 0; k < 576; k++) {
                maps[f * 576 + k] = (k / 24) * f; // brighter towards the bottom
            }
        }
        return new FirstConvolution(32, 1, 5, 5, weights, 7, image, 28, 28, 24, 24, maps);
    }

    @Test
    void filtersAreTilesOfTheKernelsInADivergingScale() throws IOException {
        FirstConvolution conv = synthetic();
        Path file = dir.resolve("filters.png");
        ConvolutionPictures.filters(conv, file);
        // 8 columns of 5*16 = 80 pixels, 7 gaps of 8, margins of 12; 4 rows of 80 + 14 (label), 3 gaps, header 64
        BufferedImage image = assertPng(file, 720, 476, 30);
        // filter 1 (index 0, centre -16 = -max|w|) is full blue at its centre; filter 32 (centre +15) nearly red
        assertEquals(new Color(0x21, 0x66, 0xac), centreOfTile(image, 0));
        Color last = centreOfTile(image, 31);
        assertTrue(last.getRed() > 150 && last.getBlue() < 80, "red-ish: " + last);
        // filter 17 (index 16) has 0 at its centre: white
        assertEquals(Color.WHITE, centreOfTile(image, 16));
        // every tile is non-constant
        for (int f = 0; f < 32; f++) {
            int x = 12 + (f % 8) * 88;
            int y = 64 + (f / 8) * (80 + 14 + 8);
            assertTrue(colours(image, x, y, 80, 80) >= 5, "tile " + f + " has few colours");
        }
    }

    @Test
    void featureMapsShowTheImageAndEachMap() throws IOException {
        FirstConvolution conv = synthetic();
        Path file = dir.resolve("feature-maps.png");
        ConvolutionPictures.featureMaps(conv, "Trouser", file);
        // 8 columns of 24*4 = 96, 7 gaps of 8, margins 12; header 12 + 112 + 16, 4 rows of 96 + 14 and 3 gaps
        BufferedImage image = assertPng(file, 848, 616, 30);
        int header = 140;
        // map 1 is all zero: black throughout
        assertEquals(1, colours(image, 12, header, 96, 96));
        assertEquals(Color.BLACK, new Color(image.getRGB(12 + 48, header + 48)));
        // map 2 runs from black at the top to white at the bottom
        int x = 12 + 96 + 8;
        assertEquals(Color.BLACK, new Color(image.getRGB(x + 10, header + 1)));
        assertEquals(Color.WHITE, new Color(image.getRGB(x + 10, header + 95)));
        assertTrue(colours(image, x, header, 96, 96) >= 20);
        // the input image: dark on the left, light on the right
        assertEquals(Color.BLACK, new Color(image.getRGB(12 + 1, 12 + 50)));
        assertEquals(Color.WHITE, new Color(image.getRGB(12 + 111, 12 + 50)));
    }

    @Test
    void sizesThatDoNotMatchAreRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new FirstConvolution(
                        32, 1, 5, 5, new float[799], 0, new float[784], 28, 28, 24, 24, new float[32 * 576]));
        assertNotEquals(ConvolutionPictures.diverging(-0.5f), ConvolutionPictures.diverging(0.5f));
        assertEquals(Color.WHITE, ConvolutionPictures.diverging(0f));
    }

    private static Color centreOfTile(BufferedImage image, int f) {
        int x = 12 + (f % 8) * 88 + 40;
        int y = 64 + (f / 8) * 102 + 40;
        return new Color(image.getRGB(x, y));
    }

    private static int colours(BufferedImage image, int x, int y, int w, int h) {
        Set<Integer> seen = new HashSet<>();
        for (int j = y; j < y + h; j++) {
            for (int i = x; i < x + w; i++) {
                seen.add(image.getRGB(i, j));
            }
        }
        return seen.size();
    }
}
