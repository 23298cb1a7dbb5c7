package dev.glia.examples.predict;

import static dev.glia.examples.predict.PngBytes.GREY;
import static dev.glia.examples.predict.PngBytes.GREY_ALPHA;
import static dev.glia.examples.predict.PngBytes.PALETTE;
import static dev.glia.examples.predict.PngBytes.RGB;
import static dev.glia.examples.predict.PngBytes.RGBA;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same picture gives the same network input in every PNG colour type and bit depth: each encoding is
 * written byte for byte by {@link PngBytes} and read with {@link ImageInput#read}, and compared exactly with
 * the grey8 encoding of the picture and with values computed by hand.
 */
class ImageEncodingsTest {
    private static final int SIDE = 16;

    @TempDir
    Path dir;

    private float[] read(String name, byte[] png) throws IOException {
        return ImageInput.read(Files.write(dir.resolve(name + ".png"), png), SIDE, false, false);
    }

    /** Each pixel value repeated for each channel, then an alpha sample if {@code alpha} is set. */
    private static int[] interleave(int[] levels, int channels, int[] alpha, int scale) {
        int[] out = new int[levels.length * channels];
        for (int i = 0; i < levels.length; i++) {
            int colours = alpha == null ? channels : channels - 1;
            for (int c = 0; c < colours; c++) {
                out[i * channels + c] = levels[i] * scale;
            }
            if (alpha != null) {
                out[i * channels + colours] = alpha[i] * scale;
            }
        }
        return out;
    }

    private static int[] opaque(int n) {
        int[] a = new int[n];
        Arrays.fill(a, 255);
        return a;
    }

    /** Every encoding of opaque 8-bit grey {@code levels} that can hold them exactly. */
    private static Map<String, byte[]> opaqueEncodings(int[] levels) {
        Map<String, byte[]> png = new LinkedHashMap<>();
        for (int depth : new int[] {1, 2, 4, 8, 16}) {
            int max = (1 << depth) - 1;
            if (Arrays.stream(levels).allMatch(v -> v * max % 255 == 0)) {
                int[] samples = Arrays.stream(levels).map(v -> v * max / 255).toArray();
                png.put("grey" + depth, PngBytes.png(SIDE, SIDE, GREY, depth, samples, null, null));
            }
        }
        int[] full = opaque(levels.length);
        png.put("grey-alpha8", PngBytes.png(SIDE, SIDE, GREY_ALPHA, 8, interleave(levels, 2, full, 1), null, null));
        png.put("grey-alpha16", PngBytes.png(SIDE, SIDE, GREY_ALPHA, 16, interleave(levels, 2, full, 257), null, null));
        png.put("rgb8", PngBytes.png(SIDE, SIDE, RGB, 8, interleave(levels, 3, null, 1), null, null));
        png.put("rgb16", PngBytes.png(SIDE, SIDE, RGB, 16, interleave(levels, 3, null, 257), null, null));
        png.put("rgba8", PngBytes.png(SIDE, SIDE, RGBA, 8, interleave(levels, 4, full, 1), null, null));
        png.put("rgba16", PngBytes.png(SIDE, SIDE, RGBA, 16, interleave(levels, 4, full, 257), null, null));
        // A palette of the distinct levels in a shuffled order, so that it is not a grey ramp.
        List<Integer> entries =
                new ArrayList<>(Arrays.stream(levels).distinct().boxed().toList());
        Collections.shuffle(entries, new Random(11));
        for (int depth : new int[] {1, 2, 4, 8}) {
            if (entries.size() <= 1 << depth) {
                int[] indices = Arrays.stream(levels).map(entries::indexOf).toArray();
                int[] palette = entries.stream()
                        .flatMapToInt(v -> IntStream.of(v, v, v))
                        .toArray();
                png.put("palette" + depth, PngBytes.png(SIDE, SIDE, PALETTE, depth, indices, palette, null));
                byte[] allOpaque = new byte[entries.size()];
                Arrays.fill(allOpaque, (byte) 255);
                png.put(
                        "palette" + depth + "-trns",
                        PngBytes.png(SIDE, SIDE, PALETTE, depth, indices, palette, allOpaque));
                png.put(
                        "palette" + depth + "-short-trns",
                        PngBytes.png(SIDE, SIDE, PALETTE, depth, indices, palette, new byte[] {(byte) 255}));
            }
        }
        return png;
    }

    private void assertEveryEncodingReadsAs(int[] levels, Map<String, byte[]> encodings, int expectedCount)
            throws IOException {
        float[] expected = new float[levels.length];
        for (int i = 0; i < levels.length; i++) {
            expected[i] = levels[i] / 255f;
        }
        float[] grey8 = read("reference", PngBytes.png(SIDE, SIDE, GREY, 8, levels, null, null));
        assertArrayEquals(expected, grey8, "grey8 reads as level/255");
        assertEquals(expectedCount, encodings.size(), encodings.keySet().toString());
        for (Map.Entry<String, byte[]> e : encodings.entrySet()) {
            assertArrayEquals(grey8, read(e.getKey(), e.getValue()), e.getKey() + " differs from grey8");
        }
    }

    @Test
    void all256GreyLevelsReadTheSameInEveryEightAndSixteenBitEncoding() throws IOException {
        List<Integer> shuffled = new ArrayList<>();
        for (int v = 0; v < 256; v++) {
            shuffled.add(v);
        }
        Collections.shuffle(shuffled, new Random(5));
        int[] levels = shuffled.stream().mapToInt(Integer::intValue).toArray();
        // grey8, grey16, grey+alpha 8/16, RGB 8/16, RGBA 8/16, palette8 with and without tRNS
        assertEveryEncodingReadsAs(levels, opaqueEncodings(levels), 11);
    }

    @Test
    void picturesOfFewLevelsReadTheSameInLowBitDepthsToo() throws IOException {
        Random random = new Random(3);
        for (int depth : new int[] {1, 2, 4}) {
            int max = (1 << depth) - 1;
            int[] levels = new int[SIDE * SIDE];
            for (int i = 0; i < levels.length; i++) {
                levels[i] = i <= max ? i * 255 / max : random.nextInt(max + 1) * 255 / max; // every level appears
            }
            Map<String, byte[]> png = opaqueEncodings(levels);
            assertTrue(
                    png.containsKey("grey" + depth) && png.containsKey("palette" + depth),
                    png.keySet().toString());
            // grey of every depth that holds the levels, 6 at 8/16 bits with alpha or colour, 3 per palette depth
            assertEveryEncodingReadsAs(levels, png, depth == 1 ? 5 + 6 + 12 : depth == 2 ? 4 + 6 + 9 : 3 + 6 + 6);
        }
    }

    @Test
    void transparencyIsCompositedOverBlackAlikeInEveryEncoding() throws IOException {
        Random random = new Random(17);
        int n = SIDE * SIDE;
        int[] grey = new int[n];
        int[] alpha = new int[n];
        int[] composited = new int[n];
        for (int i = 0; i < n; i++) {
            grey[i] = random.nextInt(256);
            alpha[i] = i < 16 ? 255 : i < 32 ? 0 : random.nextInt(256);
            composited[i] = (int) Math.round(grey[i] * alpha[i] / 255.0);
        }
        // hand-computed pixels: 200 at alpha 128 is 200 * 128 / 255 = 100.39 -> 100; 1 at 128 is 0.502 -> 1
        grey[40] = 200;
        alpha[40] = 128;
        composited[40] = 100;
        grey[41] = 1;
        alpha[41] = 128;
        composited[41] = 1;
        grey[42] = 255;
        alpha[42] = 1;
        composited[42] = 1;
        float[] reference = read("composited-grey8", PngBytes.png(SIDE, SIDE, GREY, 8, composited, null, null));
        assertEquals(100 / 255f, reference[40]);
        Map<String, byte[]> png = new LinkedHashMap<>();
        png.put("grey-alpha8", PngBytes.png(SIDE, SIDE, GREY_ALPHA, 8, interleave(grey, 2, alpha, 1), null, null));
        png.put("grey-alpha16", PngBytes.png(SIDE, SIDE, GREY_ALPHA, 16, interleave(grey, 2, alpha, 257), null, null));
        png.put("rgba8", PngBytes.png(SIDE, SIDE, RGBA, 8, interleave(grey, 4, alpha, 1), null, null));
        png.put("rgba16", PngBytes.png(SIDE, SIDE, RGBA, 16, interleave(grey, 4, alpha, 257), null, null));
        // palette with tRNS: one entry per distinct (grey, alpha) pair; 256 pixels fit in 256 entries
        List<Long> pairs = new ArrayList<>();
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            long pair = (long) grey[i] << 8 | alpha[i];
            if (!pairs.contains(pair)) {
                pairs.add(pair);
            }
            indices[i] = pairs.indexOf(pair);
        }
        int[] palette = new int[3 * pairs.size()];
        byte[] trns = new byte[pairs.size()];
        for (int e = 0; e < pairs.size(); e++) {
            int g = (int) (pairs.get(e) >> 8);
            palette[3 * e] = g;
            palette[3 * e + 1] = g;
            palette[3 * e + 2] = g;
            trns[e] = (byte) (pairs.get(e) & 0xFF);
        }
        png.put("palette8-trns", PngBytes.png(SIDE, SIDE, PALETTE, 8, indices, palette, trns));
        for (Map.Entry<String, byte[]> e : png.entrySet()) {
            assertArrayEquals(reference, read(e.getKey(), e.getValue()), e.getKey() + " differs from grey8");
        }
    }

    @Test
    void aTransparentColourKeyInGreyOrRgbIsBlack() throws IOException {
        int[] levels = new int[SIDE * SIDE];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = i % 256;
        }
        float[] grey = read("grey8-key", PngBytes.png(SIDE, SIDE, GREY, 8, levels, null, new byte[] {0, 100}));
        float[] rgb =
                read("rgb8-key", PngBytes.png(SIDE, SIDE, RGB, 8, interleave(levels, 3, null, 1), null, new byte[] {
                    0, 100, 0, 100, 0, 100
                }));
        float[] expected = new float[levels.length];
        for (int i = 0; i < levels.length; i++) {
            expected[i] = levels[i] == 100 ? 0 : levels[i] / 255f;
        }
        assertArrayEquals(expected, grey);
        assertArrayEquals(expected, rgb);
    }

    @Test
    void sixteenBitSamplesRoundToTheNearestEightBitLevel() throws IOException {
        // round(v / 257), by hand: 128 -> 0.498 -> 0, 129 -> 0.502 -> 1, 32767 -> 127.498 -> 127,
        // 32768 -> 127.502 -> 128, 385 -> 1.498 -> 1, 386 -> 1.502 -> 2
        int[] samples = new int[SIDE * SIDE];
        int[] v = {0, 128, 129, 32767, 32768, 65535, 385, 386};
        int[] level = {0, 0, 1, 127, 128, 255, 1, 2};
        System.arraycopy(v, 0, samples, 0, v.length);
        float[] grey = read("grey16", PngBytes.png(SIDE, SIDE, GREY, 16, samples, null, null));
        int[] alpha = new int[samples.length];
        Arrays.fill(alpha, 65535);
        alpha[2] = 32768; // 129 -> 1 at alpha 128: 1 * 128 / 255 = 0.502 -> 1
        alpha[3] = 32767; // 32767 -> 127 at alpha 127: 127 * 127 / 255 = 63.25 -> 63
        float[] greyAlpha = read(
                "grey-alpha16", PngBytes.png(SIDE, SIDE, GREY_ALPHA, 16, interleave(samples, 2, alpha, 1), null, null));
        for (int i = 0; i < v.length; i++) {
            assertEquals(level[i] / 255f, grey[i], "16-bit " + v[i]);
        }
        assertEquals(0, grey[v.length]);
        assertEquals(1 / 255f, greyAlpha[2]);
        assertEquals(63 / 255f, greyAlpha[3]);
        assertEquals(255 / 255f, greyAlpha[5]);
    }

    @Test
    void colourBecomesLuminanceOfTheStoredValues() throws IOException {
        int[] samples = new int[SIDE * SIDE * 3];
        int[][] rgb = {{100, 200, 50}, {255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {10, 10, 10}};
        // 0.299 R + 0.587 G + 0.114 B, by hand: 29.9 + 117.4 + 5.7 = 153; 76.245 -> 76; 149.685 -> 150;
        // 29.07 -> 29; 10
        int[] expected = {153, 76, 150, 29, 10};
        for (int p = 0; p < rgb.length; p++) {
            System.arraycopy(rgb[p], 0, samples, 3 * p, 3);
        }
        float[] eight = read("rgb8", PngBytes.png(SIDE, SIDE, RGB, 8, samples, null, null));
        float[] sixteen = read(
                "rgb16",
                PngBytes.png(
                        SIDE,
                        SIDE,
                        RGB,
                        16,
                        Arrays.stream(samples).map(s -> s * 257).toArray(),
                        null,
                        null));
        for (int p = 0; p < rgb.length; p++) {
            assertEquals(expected[p] / 255f, eight[p], "pixel " + p);
        }
        assertArrayEquals(eight, sixteen);
    }
}
