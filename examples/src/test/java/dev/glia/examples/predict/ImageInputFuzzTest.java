package dev.glia.examples.predict;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.glia.testkit.FuzzTally;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Coverage-guided fuzzing of the image reader of {@code glia predict}, {@link ImageInput} (docs/fuzzing.md). The
 * input is a whole image file (the seeds are PNGs of every colour type and bit depth); it is written to a
 * temporary file and read as a 28x28 input with resizing on, so every size reaches the pixel code. The only
 * accepted failures are an {@link IllegalArgumentException} or {@link UncheckedIOException} with a message; a
 * result must be 784 values in [0, 1]. Anything else (an OutOfMemoryError, a NegativeArraySizeException, an
 * index or arithmetic error, a hang) is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ} this is a regression test over the seed corpus and the kept findings in
 * {@code src/test/resources/dev/glia/examples/predict/ImageInputFuzzTestInputs/read/}; {@code mvn verify -Pfuzz}
 * fuzzes it. Findings that today's reader still fails wait in {@code ImageInputFuzzTestPending/read/}
 * ({@link #pendingFindings}).
 */
class ImageInputFuzzTest {
    private static final int SIDE = 28;
    private static FuzzTally tally;

    @BeforeAll
    static void start() throws IOException {
        tally = FuzzTally.start(
                "ImageInputFuzzTest.read", "dev/glia/examples/predict/ImageInputFuzzTestInputs/read", "fuzz.png");
    }

    @AfterAll
    static void finish() {
        tally.finish();
    }

    @FuzzTest(maxDuration = "5m")
    @DictionaryEntries({
        "PNG", "IHDR", "IDAT", "IEND", "PLTE", "tRNS", "gAMA", "sBIT", "iCCP", "cHRM", "sRGB", "bKGD", "pHYs", "tEXt",
        "zTXt", "iTXt", "GIF89a", "BM"
    })
    void read(byte[] input) throws IOException {
        Files.write(tally.file(), input);
        tally.count(() -> readImage(tally.file()));
    }

    /** Reads {@code image}; fails on anything undocumented and on values outside [0, 1]. */
    static void readImage(Path image) {
        float[] x;
        try {
            x = ImageInput.read(image, SIDE, true, false);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            FuzzTally.requireMessage(e);
            return;
        }
        if (x.length != SIDE * SIDE) {
            throw new AssertionError("an input of " + x.length + " values, not " + SIDE * SIDE);
        }
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= 0 && x[i] <= 1)) {
                throw new AssertionError("value " + i + " is " + x[i] + ", outside [0, 1]");
            }
        }
    }

    /**
     * Writes the seed corpus under {@code args[0]}, examples' {@code src/test/resources}: small PNGs of every colour
     * type and bit depth (grey 1, 2, 4, 8, 16; RGB 8, 16; palette 1, 2, 4, 8, with and without tRNS; grey+alpha
     * 8, 16; RGBA 8, 16), every row filter, gAMA and sBIT chunks, an interlaced PNG, and a GIF, BMP and JPEG;
     * and a PNG whose header claims more pixels than memory holds. Deterministic.
     */
    public static void main(String[] args) throws IOException {
        Path seeds = Files.createDirectories(
                Path.of(args[0], "dev", "glia", "examples", "predict", "ImageInputFuzzTestInputs", "read"));
        for (int depth : new int[] {1, 2, 4, 8, 16}) {
            write(seeds, "grey" + depth + ".png", png(5, 4, 0, depth, 0));
        }
        write(seeds, "grey8-28x28.png", png(SIDE, SIDE, 0, 8, 0));
        for (int depth : new int[] {8, 16}) {
            write(seeds, "rgb" + depth + ".png", png(5, 4, 2, depth, 0));
            write(seeds, "grey-alpha" + depth + ".png", png(5, 4, 4, depth, 0));
            write(seeds, "rgba" + depth + ".png", png(5, 4, 6, depth, 0));
        }
        for (int depth : new int[] {1, 2, 4, 8}) {
            write(seeds, "palette" + depth + ".png", png(5, 4, 3, depth, 0, chunk("PLTE", palette(1 << depth))));
        }
        write(seeds, "palette8-trns.png", png(5, 4, 3, 8, 0, chunk("PLTE", palette(256)), chunk("tRNS", new byte[] {
            0, (byte) 128, (byte) 255
        })));
        write(seeds, "grey8-trns.png", png(5, 4, 0, 8, 0, chunk("tRNS", new byte[] {0, 40})));
        write(seeds, "rgb8-trns.png", png(5, 4, 2, 8, 0, chunk("tRNS", new byte[] {0, 40, 0, 80, 0, 120})));
        write(seeds, "rgb8-every-filter.png", png(5, 5, 2, 8, 1));
        byte[] gamma = {0, 0, (byte) 0xB1, (byte) 0x8F};
        byte[] significantBits = {5, 6, 5};
        write(seeds, "rgb8-gama-sbit.png", png(5, 4, 2, 8, 0, chunk("gAMA", gamma), chunk("sBIT", significantBits)));
        write(seeds, "png-claims-30000x30000-grey8.png", pngClaiming(30_000, 30_000, 0));
        BufferedImage picture = new BufferedImage(9, 7, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 9; x++) {
                picture.setRGB(x, y, (x * 28 << 24) | (y * 36 << 16) | ((x + y) * 16 << 8) | 200);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(
                seeds.resolve("rgba8-interlaced.png").toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(picture, null, null), param);
        } finally {
            writer.dispose();
        }
        BufferedImage opaque = new BufferedImage(9, 7, BufferedImage.TYPE_INT_RGB);
        opaque.getGraphics().drawImage(picture, 0, 0, null);
        for (String format : new String[] {"gif", "bmp", "jpg"}) {
            ImageIO.write(opaque, format, seeds.resolve("rgb-9x7." + format).toFile());
        }
    }

    private static void write(Path dir, String name, byte[] bytes) throws IOException {
        Files.write(dir.resolve(name), bytes);
    }

    /**
     * A PNG of {@code width x height} with this colour type and bit depth, written by hand so that every
     * combination exists; its samples are a deterministic pattern. {@code filters} 1 gives row {@code y} the
     * filter type {@code y % 5}, 0 none. {@code chunks} go between IHDR and IDAT.
     */
    static byte[] png(int width, int height, int colourType, int depth, int filters, byte[]... chunks)
            throws IOException {
        int channels = switch (colourType) {
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> 1;
        };
        int rowBytes = (width * channels * depth + 7) / 8;
        byte[] raw = new byte[height * (rowBytes + 1)];
        for (int y = 0; y < height; y++) {
            int row = y * (rowBytes + 1);
            raw[row] = (byte) (filters == 1 ? y % 5 : 0);
            for (int i = 0; i < width * channels; i++) {
                int max = (1 << depth) - 1;
                int value = colourType == 3
                        ? (i + y) % (1 << Math.min(depth, 8))
                        : (int) ((long) (i * 37 + y * 91) * max / (width * channels * 37 + height * 91));
                putSample(raw, row + 1, i, depth, value);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        png.write(chunk(
                "IHDR",
                ByteBuffer.allocate(13)
                        .putInt(width)
                        .putInt(height)
                        .put((byte) depth)
                        .put((byte) colourType)
                        .put((byte) 0)
                        .put((byte) 0)
                        .put((byte) 0)
                        .array()));
        for (byte[] c : chunks) {
            png.write(c);
        }
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat)) {
            z.write(raw);
        }
        png.write(chunk("IDAT", idat.toByteArray()));
        png.write(chunk("IEND", new byte[0]));
        return png.toByteArray();
    }

    /** A PNG whose IHDR claims {@code width x height} (8 bits) but whose IDAT holds one row of zeros. */
    static byte[] pngClaiming(int width, int height, int colourType) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        png.write(chunk(
                "IHDR",
                ByteBuffer.allocate(13)
                        .putInt(width)
                        .putInt(height)
                        .put((byte) 8)
                        .put((byte) colourType)
                        .put((byte) 0)
                        .put((byte) 0)
                        .put((byte) 0)
                        .array()));
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat)) {
            z.write(new byte[1 + width * (colourType == 6 ? 4 : 1)]);
        }
        png.write(chunk("IDAT", idat.toByteArray()));
        png.write(chunk("IEND", new byte[0]));
        return png.toByteArray();
    }

    private static void putSample(byte[] raw, int start, int index, int depth, int value) {
        if (depth == 16) {
            raw[start + 2 * index] = (byte) (value >>> 8);
            raw[start + 2 * index + 1] = (byte) value;
        } else {
            int bit = index * depth;
            int shift = 8 - depth - bit % 8;
            raw[start + bit / 8] |= (byte) (value << shift);
        }
    }

    private static byte[] palette(int entries) {
        byte[] rgb = new byte[3 * entries];
        for (int i = 0; i < entries; i++) {
            rgb[3 * i] = (byte) (i * 255 / Math.max(1, entries - 1));
            rgb[3 * i + 1] = (byte) (255 - i * 255 / Math.max(1, entries - 1));
            rgb[3 * i + 2] = (byte) (i * 97);
        }
        return rgb;
    }

    /** A PNG chunk: length, type, data and the CRC-32 of type and data. */
    static byte[] chunk(String type, byte[] data) {
        CRC32 crc = new CRC32();
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        crc.update(name);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length)
                .putInt(data.length)
                .put(name)
                .put(data)
                .putInt((int) crc.getValue())
                .array();
    }

    /**
     * The findings that failed on the reader this harness was written against. Run them with
     * {@code -Dglia.fuzz.pending=true}; once they pass, move them into {@code ImageInputFuzzTestInputs/read/}.
     */
    @Test
    @EnabledIfSystemProperty(named = "glia.fuzz.pending", matches = "true")
    void pendingFindings() throws IOException {
        List<String> failures =
                FuzzTally.runPending(ImageInputFuzzTest.class, "ImageInputFuzzTestPending/read", (name, bytes) -> {
                    Files.write(tally.file(), bytes);
                    readImage(tally.file());
                });
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
