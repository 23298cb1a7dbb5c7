package dev.glia.examples.pictures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/** Checks that a file is a real picture: a PNG that ImageIO reads, of the expected size, not blank. */
public final class PngAssertions {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngAssertions() {}

    /**
     * Asserts that {@code file} starts with the PNG signature, decodes, is {@code width} × {@code height}
     * and has more than {@code minColours} distinct colours, no one of which covers more than 97% of it.
     * Returns the image.
     */
    public static BufferedImage assertPng(Path file, int width, int height, int minColours) throws IOException {
        assertTrue(Files.isRegularFile(file), "no file " + file);
        byte[] head = new byte[PNG_SIGNATURE.length];
        try (InputStream in = Files.newInputStream(file)) {
            assertEquals(head.length, in.readNBytes(head, 0, head.length));
        }
        assertTrue(Arrays.equals(PNG_SIGNATURE, head), file + " does not start with the PNG signature");
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, "ImageIO cannot read " + file);
        assertEquals(width, image.getWidth(), "width of " + file);
        assertEquals(height, image.getHeight(), "height of " + file);
        Map<Integer, Integer> counts = histogram(image);
        assertTrue(counts.size() > minColours, file + " has only " + counts.size() + " colours");
        int most = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        assertTrue(most < 0.97 * width * height, file + " is almost one colour");
        return image;
    }

    /** How many pixels have exactly {@code colour}. */
    public static int pixels(BufferedImage image, Color colour) {
        return histogram(image).getOrDefault(colour.getRGB() & 0xFFFFFF, 0);
    }

    private static Map<Integer, Integer> histogram(BufferedImage image) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                counts.merge(image.getRGB(x, y) & 0xFFFFFF, 1, Integer::sum);
            }
        }
        return counts;
    }
}
