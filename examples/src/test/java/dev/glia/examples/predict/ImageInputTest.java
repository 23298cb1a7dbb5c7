package dev.glia.examples.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PNG files written by the test, read back as network inputs with known values. */
class ImageInputTest {
    @TempDir
    Path dir;

    private Path png(BufferedImage image, String name) throws IOException {
        Path file = dir.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void greyScaleIsTakenExactly() throws IOException {
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 784; i++) {
            img.getRaster().setSample(i % 28, i / 28, 0, i % 256);
        }
        float[] x = ImageInput.read(png(img, "grey.png"), 28, false, false);
        assertEquals(784, x.length);
        for (int i = 0; i < 784; i++) {
            assertEquals((i % 256) / 255f, x[i], "pixel " + i);
        }
        float[] inverted = ImageInput.read(dir.resolve("grey.png"), 28, false, true);
        assertEquals(1f, inverted[0]);
        assertEquals((255 - 7) / 255f, inverted[7]);
    }

    @Test
    void colourBecomesLuminanceAndTransparencyBlack() throws IOException {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0xFF_64_C8_32);          // opaque (100, 200, 50): 0.299*100 + 0.587*200 + 0.114*50 = 153.0
        img.setRGB(1, 0, 0x00_FF_FF_FF);          // fully transparent white: black
        img.setRGB(0, 1, 0xFF_FF_FF_FF);          // opaque white
        img.setRGB(1, 1, 0x80_FF_FF_FF);          // half-transparent white: 255 * 128/255 = 128
        float[] x = ImageInput.read(png(img, "rgb.png"), 2, false, false);
        assertArrayEquals(new float[] {153 / 255f, 0, 1, 128 / 255f}, x);
    }

    @Test
    void otherSizesAreAnErrorOrResizedByAreaAveraging() throws IOException {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        int[] values = {0, 100, 10, 30, 200, 100, 50, 70, 255, 255, 0, 0, 255, 255, 0, 4};
        for (int i = 0; i < 16; i++) {
            img.getRaster().setSample(i % 4, i / 4, 0, values[i]);
        }
        Path file = png(img, "four.png");
        String m = assertThrows(IllegalArgumentException.class, () -> ImageInput.read(file, 2, false, false))
                .getMessage();
        assertTrue(m.contains("is 4x4 pixels; the model takes 2x2") && m.contains("--resize"), m);
        // 2x2 blocks: (0+100+200+100)/4 = 100, (10+30+50+70)/4 = 40, 255, (0+0+0+4)/4 = 1
        assertArrayEquals(new float[] {100 / 255f, 40 / 255f, 1f, 1 / 255f}, ImageInput.read(file, 2, true, false));
    }

    @Test
    void missingAndUnreadableFilesAreNamed() throws IOException {
        Path missing = dir.resolve("missing.png");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageInput.read(missing, 28, false, false))
                .getMessage().contains("does not exist"));
        Path text = Files.writeString(dir.resolve("text.png"), "not an image");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageInput.read(text, 28, false, false))
                .getMessage().contains("not in a format"));
    }
}
