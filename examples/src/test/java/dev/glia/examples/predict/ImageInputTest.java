package dev.glia.examples.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.testkit.Fifos;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image files read back as network inputs with known values, and hostile files refused in one line. */
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
        img.setRGB(0, 0, 0xFF_64_C8_32); // opaque (100, 200, 50): 0.299*100 + 0.587*200 + 0.114*50 = 153.0
        img.setRGB(1, 0, 0x00_FF_FF_FF); // fully transparent white: black
        img.setRGB(0, 1, 0xFF_FF_FF_FF); // opaque white
        img.setRGB(1, 1, 0x80_FF_FF_FF); // half-transparent white: 255 * 128/255 = 128
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

    private String refusal(Path file, int side, boolean resize) {
        String m = assertThrows(IllegalArgumentException.class, () -> ImageInput.read(file, side, resize, false))
                .getMessage();
        assertTrue(m.startsWith("Image " + file + " "), m);
        assertFalse(m.contains("\n"), "one line: " + m);
        return m;
    }

    @Test
    void missingEmptyAndNonImageFilesAreNamed() throws IOException {
        assertEquals(
                "Image " + dir.resolve("missing.png") + " does not exist",
                refusal(dir.resolve("missing.png"), 28, false));
        assertEquals(
                "Image " + dir.resolve("empty.png") + " is empty (0 bytes)",
                refusal(Files.createFile(dir.resolve("empty.png")), 28, false));
        Path text = Files.writeString(dir.resolve("text.png"), "not an image");
        assertTrue(refusal(text, 28, false).endsWith("is not in a format this Java can read (PNG, JPEG, GIF, BMP)"));
    }

    @Test
    void aPaletteIndexBeyondThePaletteIsCorrupt() throws IOException {
        int[] indices = new int[4 * 4];
        indices[5] = 2; // the palette has entries 0 and 1 only; the JDK would pad it with black
        Path png = Files.write(
                dir.resolve("index.png"),
                PngBytes.png(4, 4, PngBytes.PALETTE, 8, indices, new int[] {10, 20, 30, 40, 50, 60}, null));
        assertEquals(
                "Image " + png + " uses palette entry 2 at (1, 1) but its palette has 2 entries; the file is"
                        + " corrupt",
                refusal(png, 4, false));
        indices[5] = 1; // 0.299 * 40 + 0.587 * 50 + 0.114 * 60 = 48.26
        Path fine = Files.write(
                dir.resolve("fine.png"),
                PngBytes.png(4, 4, PngBytes.PALETTE, 8, indices, new int[] {10, 20, 30, 40, 50, 60}, null));
        assertEquals(48 / 255f, ImageInput.read(fine, 4, false, false)[5]);
    }

    @Test
    void anEmptyNameIsNotTheCurrentDirectory() {
        assertEquals(
                "An image name is empty; give an image file",
                assertThrows(IllegalArgumentException.class, () -> ImageInput.read(Path.of(""), 28, false, false))
                        .getMessage());
    }

    @Test
    void aDirectoryIsNotAnImage() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder.png"));
        assertEquals("Image " + folder + " is a directory, not an image file", refusal(folder, 28, false));
    }

    @Test
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = Fifos.make(dir.resolve("fifo.png"));
        // Opening a FIFO with no writer blocks forever: the refusal must come from its attributes alone.
        String m = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> refusal(fifo, 28, false));
        assertEquals("Image " + fifo + " is not a regular file (a FIFO, socket or device); give an image file", m);
    }

    @Test
    void aHugeSizeInTheHeaderIsRefusedBeforeDecoding() throws IOException {
        Path huge = Files.write(dir.resolve("huge.png"), PngBytes.headerOnly(100_000, 100_000));
        assertEquals(
                "Image " + huge + " is 100000x100000 pixels; the model takes 28x28 grey-scale images (add"
                        + " --resize to scale it)",
                refusal(huge, 28, false));
        assertEquals(
                "Image " + huge + " is 100000x100000 pixels, more than the 16777216 (4096x4096) that --resize"
                        + " takes; scale it down first",
                refusal(huge, 28, true));
        // just over the limit: 4097 x 4096
        Path over = Files.write(dir.resolve("over.png"), PngBytes.headerOnly(4097, 4096));
        assertTrue(refusal(over, 28, true).contains("is 4097x4096 pixels, more than the 16777216"));
    }

    @Test
    void truncatedOrCorruptPngsAreOneLine() throws IOException {
        int[] levels = new int[28 * 28];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = i % 256;
        }
        byte[] good = PngBytes.png(28, 28, PngBytes.GREY, 8, levels, null, null);
        assertEquals(
                levels[300] / 255f, ImageInput.read(Files.write(dir.resolve("good.png"), good), 28, false, false)[300]);

        Path half = Files.write(dir.resolve("half.png"), Arrays.copyOf(good, good.length / 2));
        assertTrue(
                refusal(half, 28, false).contains("is truncated: PNG chunk IDAT at byte 33 claims"), half.toString());
        Path headOnly = Files.write(dir.resolve("head.png"), Arrays.copyOf(good, 20));
        assertTrue(refusal(headOnly, 28, false)
                .endsWith("is truncated: PNG chunk IHDR at byte 8 claims 13 bytes but" + " the file ends at byte 20"));
        Path noEnd = Files.write(dir.resolve("no-end.png"), Arrays.copyOf(good, good.length - 12));
        assertTrue(refusal(noEnd, 28, false).contains("before the PNG's IEND chunk"));

        byte[] flipped = good.clone();
        flipped[60] ^= 0x10; // inside the IDAT data
        Path corrupt = Files.write(dir.resolve("flipped.png"), flipped);
        assertTrue(refusal(corrupt, 28, false).endsWith("is corrupt: PNG chunk IDAT at byte 33 fails its CRC check"));

        // an IHDR whose CRC is right but whose bit depth (3) is not a PNG bit depth
        byte[] depth3 = PngBytes.png(28, 28, PngBytes.GREY, 8, levels, null, null);
        depth3[24] = 3;
        CRC32 crc = new CRC32();
        crc.update(depth3, 12, 17);
        ByteBuffer.wrap(depth3, 29, 4).putInt((int) crc.getValue());
        String m = refusal(Files.write(dir.resolve("depth3.png"), depth3), 28, false);
        assertTrue(m.contains("has a damaged PNG header") && m.contains("Bit depth must be 1, 2, 4, 8, or 16"), m);

        // a valid chunk structure around a deflate stream that is not one
        byte[] garbage = PngBytes.png(28, 28, PngBytes.GREY, 8, levels, null, null);
        Path bad = dir.resolve("bad-zlib.png");
        Files.write(bad, withIdat(garbage, new byte[] {0x78, (byte) 0x9C, (byte) 0xFF, (byte) 0xFF, 0, 1, 2, 3}));
        String z = refusal(bad, 28, false);
        assertTrue(z.contains("could not be decoded as PNG (Error reading PNG image data"), z);
    }

    @Test
    void aTruncatedJpegIsRefusedNotDecodedWithAGreyHole() throws IOException {
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 784; i++) {
            img.getRaster().setSample(i % 28, i / 28, 0, i * 7 % 256);
        }
        Path whole = dir.resolve("whole.jpg");
        ImageIO.write(img, "jpeg", whole.toFile());
        assertEquals(784, ImageInput.read(whole, 28, false, false).length);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(bytes, bytes.length * 2 / 3));
        String m = refusal(cut, 28, false);
        assertTrue(m.contains("is damaged: ") && m.contains("Missing EOI marker"), m);
        Path bmp = dir.resolve("whole.bmp");
        ImageIO.write(img, "bmp", bmp.toFile());
        byte[] b = Files.readAllBytes(bmp);
        String t = refusal(Files.write(dir.resolve("cut.bmp"), Arrays.copyOf(b, b.length * 2 / 3)), 28, false);
        assertTrue(
                t.endsWith("could not be decoded as BMP (unexpected end of file); it is damaged, truncated or of a"
                        + " kind this reader does not take"),
                t);
    }

    /** {@code png} (one IDAT) with that chunk's payload replaced and its CRC recomputed. */
    private static byte[] withIdat(byte[] png, byte[] payload) {
        int idat = 33; // signature 8 + IHDR 25
        int oldLength = ByteBuffer.wrap(png, idat, 4).getInt();
        ByteBuffer out = ByteBuffer.allocate(png.length - oldLength + payload.length);
        out.put(png, 0, idat)
                .putInt(payload.length)
                .put("IDAT".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put(payload);
        CRC32 crc = new CRC32();
        crc.update("IDAT".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        crc.update(payload);
        out.putInt((int) crc.getValue());
        out.put(png, idat + 12 + oldLength, png.length - idat - 12 - oldLength);
        return out.array();
    }
}
