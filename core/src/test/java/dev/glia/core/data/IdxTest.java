package dev.glia.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.core.Dataset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX files crafted byte by byte: what is read back, and how each kind of damage is reported. */
class IdxTest {
    @TempDir
    Path dir;

    /** Two 2x3 "images" and their labels, written by hand in the IDX layout. */
    private static final byte[] IMAGES = {
        0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3, 0, 1, 2, 3, 4, (byte) 255, 10, 20, 30, 40, 50, (byte) 128
    };

    private static final byte[] LABELS = {0, 0, 8, 1, 0, 0, 0, 2, 7, 2};

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void readsRawAndGzipFilesAlike() throws IOException {
        for (boolean compressed : new boolean[] {false, true}) {
            Path file = write("images" + compressed, compressed ? gzip(IMAGES) : IMAGES);
            IdxArray a = Idx.read(file);
            assertArrayEquals(new int[] {2, 2, 3}, a.dims());
            assertEquals(2, a.count());
            assertEquals(6, a.itemSize());
            assertEquals(255, a.unsigned(5));
            assertEquals(128, a.unsigned(11));
            assertEquals(30, a.unsigned(8));
        }
    }

    @Test
    void labelledImagesScaleToUnitRangeAndEncodeOneHot() throws IOException {
        LabelledImages set = LabelledImages.read(write("i", IMAGES), write("l", gzip(LABELS)), 10);
        assertEquals(2, set.size());
        assertEquals(2, set.height());
        assertEquals(3, set.width());
        assertArrayEquals(new int[] {7, 2}, set.labels());
        Dataset d = set.toDataset();
        assertEquals(6, d.featureWidth());
        assertEquals(10, d.targetWidth());
        assertArrayEquals(new float[] {0, 1 / 255f, 2 / 255f, 3 / 255f, 4 / 255f, 1}, d.features(0));
        assertArrayEquals(
                new float[] {10 / 255f, 20 / 255f, 30 / 255f, 40 / 255f, 50 / 255f, 128 / 255f}, d.features(1));
        float[] seven = new float[10];
        seven[7] = 1;
        assertArrayEquals(seven, d.targets(0));
        LabelledImages second = set.slice(1, 2);
        assertEquals(1, second.size());
        assertEquals(2, second.label(0));
        assertArrayEquals(Arrays.copyOfRange(IMAGES, 22, 28), second.image(0));
        LabelledImages swapped = set.select(new int[] {1, 0, 1});
        assertArrayEquals(new int[] {2, 7, 2}, swapped.labels());
        assertArrayEquals(Arrays.copyOfRange(IMAGES, 16, 22), swapped.image(1));
    }

    @Test
    void writeThenReadGivesTheSameArrayAndDeterministicBytes() {
        IdxArray a = new IdxArray(new int[] {3, 2}, new byte[] {1, 2, 3, 4, 5, (byte) 200});
        Path one = dir.resolve("a.gz");
        Path two = dir.resolve("b.gz");
        Idx.write(one, a, true);
        Idx.write(two, a, true);
        IdxArray back = Idx.read(one);
        assertArrayEquals(a.dims(), back.dims());
        assertArrayEquals(a.data(), back.data());
        assertArrayEquals(assertDoesNotThrow(one), assertDoesNotThrow(two), "gzip output is deterministic");
        Idx.write(dir.resolve("raw"), a, false);
        assertEquals(4 + 8 + 6, dir.resolve("raw").toFile().length());
    }

    private static byte[] assertDoesNotThrow(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private String error(byte[] bytes) throws IOException {
        Path file = write("bad", bytes);
        return assertThrows(IdxFormatException.class, () -> Idx.read(file)).getMessage();
    }

    @Test
    void wrongMagicNumberIsNamed() throws IOException {
        byte[] b = IMAGES.clone();
        b[0] = 1;
        String m = error(b);
        assertTrue(m.contains("magic number 01 00 08 03"), m);
    }

    @Test
    void unsupportedElementTypeIsNamed() throws IOException {
        byte[] b = IMAGES.clone();
        b[2] = 0x0D;
        String m = error(b);
        assertTrue(m.contains("type 0x0d (float)"), m);
    }

    @Test
    void everyTruncationIsReportedRawAndGzip() throws IOException {
        for (int length = 0; length < IMAGES.length; length++) {
            byte[] cut = Arrays.copyOf(IMAGES, length);
            String raw = error(cut);
            assertTrue(raw.contains("truncated") || raw.contains("too short"), length + ": " + raw);
            String gz = error(gzip(cut));
            assertTrue(gz.contains("truncated") || gz.contains("too short"), length + " (gzip): " + gz);
        }
    }

    @Test
    void truncatedGzipStreamIsReported() throws IOException {
        byte[] gz = gzip(IMAGES);
        String m = error(Arrays.copyOf(gz, gz.length - 5));
        assertTrue(m.contains("gzip") && m.contains("damaged or truncated"), m);
    }

    @Test
    void trailingBytesAreReported() throws IOException {
        byte[] longer = Arrays.copyOf(IMAGES, IMAGES.length + 3);
        assertTrue(error(longer).contains("3 bytes too many"));
        assertTrue(error(gzip(longer)).contains("has data after the 12 bytes"));
    }

    @Test
    void aHeaderClaimingHugeDimensionsAllocatesNothing() throws IOException {
        byte[] b = {0, 0, 8, 3, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3};
        assertTrue(error(b).contains("more than 2^31 elements"));
        byte[] plausible = {0, 0, 8, 1, 0x10, 0, 0, 0, 1, 2, 3};
        String m = error(gzip(plausible));
        assertTrue(m.contains("declares dimensions [268435456], 268,435,456 bytes of data, but a gzip file of "), m);
        m = assertThrows(
                        IdxFormatException.class,
                        () -> Idx.read(new java.io.ByteArrayInputStream(gzip(plausible)), "stream"))
                .getMessage();
        assertTrue(m.contains("promises 268435456 bytes of data, but only 3 follow"), m);
        m = error(plausible);
        assertTrue(m.contains("has 11 bytes, but its header (dimensions [268435456]) needs exactly 268435464"), m);
    }

    @Test
    void mismatchedImagesAndLabelsAreReported() throws IOException {
        Path images = write("i", IMAGES);
        Path three = write("l3", new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 1, 2, 3});
        String m = assertThrows(IdxFormatException.class, () -> LabelledImages.read(images, three, 10))
                .getMessage();
        assertTrue(m.contains("2 images") && m.contains("3 labels"), m);
        Path labels = write("l", LABELS);
        m = assertThrows(IdxFormatException.class, () -> LabelledImages.read(images, labels, 5))
                .getMessage();
        assertTrue(m.contains("label 0 is 7") && m.contains("only 5 classes"), m);
        m = assertThrows(IdxFormatException.class, () -> LabelledImages.read(labels, labels, 10))
                .getMessage();
        assertTrue(m.contains("an image file has three"), m);
        Path missing = dir.resolve("nope");
        m = assertThrows(IdxFormatException.class, () -> Idx.read(missing)).getMessage();
        assertTrue(m.contains("does not exist"), m);
    }

    @Test
    void oneHotAndNormalizationByHand() {
        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 0, 0, 0, 1}, OneHot.encode(new int[] {1, 0, 2}, 3));
        assertArrayEquals(new int[] {1, 0, 2, 0}, OneHot.decode(new float[] {0, 5, 1, 9, 2, 3, -1, -2, 0, 4, 4, 4}, 3));
        assertThrows(IllegalArgumentException.class, () -> OneHot.encode(new int[] {3}, 3));
        assertArrayEquals(new float[] {0, 0.2f, 1}, Normalization.unitRange(new byte[] {0, 51, (byte) 255}));
        assertArrayEquals(new float[] {0, 0.2f, 1}, Normalization.unitRange(new int[] {0, 51, 255}));
        assertThrows(IllegalArgumentException.class, () -> Normalization.unitRange(new int[] {256}));
    }
}
