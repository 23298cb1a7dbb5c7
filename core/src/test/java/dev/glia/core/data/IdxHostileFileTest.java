package dev.glia.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.testkit.Fifos;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile IDX files, made for real in each test: gzip bombs, headers that claim more than the file or the
 * heap holds, a FIFO, a device, a directory, data after the claim, empty sets. Each must give a one-line
 * {@link IdxFormatException} at once: never an {@link OutOfMemoryError}, never a hang.
 */
class IdxHostileFileTest {
    private static final int MIB = 1 << 20;
    /** One gzip member that inflates to 1 MiB of zeros (about 1 KiB). */
    private static final byte[] MEBIBYTE_OF_ZEROS = gzip(new byte[MIB]);

    @TempDir
    Path dir;

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    /** An IDX header of unsigned bytes with these dimensions. */
    static byte[] header(int... dims) {
        byte[] h = new byte[4 + 4 * dims.length];
        h[2] = Idx.UNSIGNED_BYTE;
        h[3] = (byte) dims.length;
        for (int i = 0; i < dims.length; i++) {
            for (int b = 0; b < 4; b++) {
                h[4 + 4 * i + b] = (byte) (dims[i] >>> (24 - 8 * b));
            }
        }
        return h;
    }

    /**
     * A multi-member gzip file: {@code header}, then zeros, {@code mebibytes} MiB in all once inflated, in
     * about a thousandth of that.
     */
    static byte[] bomb(byte[] header, int mebibytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(gzip(header));
        for (int i = 0; i < mebibytes; i++) {
            out.writeBytes(MEBIBYTE_OF_ZEROS);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static String error(Path file) {
        return assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> assertThrows(IdxFormatException.class, () -> Idx.read(file))
                        .getMessage());
    }

    @Test
    void aGzipBombClaimingMillionsOfImagesIsRefusedBeforeInflating() throws IOException {
        byte[] bomb = bomb(header(2_000_000, 28, 28), 300);
        assertTrue(bomb.length < 400_000, "a few hundred KB: " + bomb.length);
        Path file = write("train-images-idx3-ubyte.gz", bomb);
        long start = System.nanoTime();
        String m = error(file);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(
                "IDX file " + file + " (gzip) declares dimensions [2000000, 28, 28], 1,568,000,000 bytes of data,"
                        + " but a gzip file of " + String.format("%,d", bomb.length) + " bytes inflates to at most "
                        + Heap.size(1032L * bomb.length)
                        + " (deflate expands at most 1032:1): the header is wrong or the file"
                        + " is truncated; get the file again",
                m);
        assertTrue(millis < 1000, "refused before inflating, took " + millis + " ms");
    }

    @Test
    void aStreamOfUnknownLengthGrowsOnlyWithItsContent() {
        byte[] bomb = bomb(header(2_000_000, 28, 28), 30);
        String m = assertThrows(IdxFormatException.class, () -> Idx.read(new ByteArrayInputStream(bomb), "resource.gz"))
                .getMessage();
        assertEquals(
                "IDX file resource.gz (gzip) is truncated: its header (dimensions [2000000, 28, 28]) promises"
                        + " 1568000000 bytes of data, but only " + (30 * MIB) + " follow",
                m);
    }

    /** Counts the compressed bytes the reader takes. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(0, n);
            return n;
        }
    }

    @Test
    void dataAfterTheClaimStopsTheReaderWithoutInflatingTheRest() throws IOException {
        byte[] bomb = bomb(header(1, 28, 28), 300);
        String m = error(write("one-image.gz", bomb));
        assertTrue(
                m.endsWith("(gzip) has data after the 784 bytes its header (dimensions [1, 28, 28]) describes;"
                        + " it is damaged or not what its header says"),
                m);
        Counting in = new Counting(new ByteArrayInputStream(bomb));
        assertThrows(IdxFormatException.class, () -> Idx.read(in, "one-image.gz"));
        assertTrue(in.count < bomb.length / 2, "read " + in.count + " of " + bomb.length + " compressed bytes");
    }

    @Test
    void aTruncatedGzipIsReportedAsSuch() throws IOException {
        byte[] noise = new byte[MIB];
        new java.util.Random(11).nextBytes(noise);
        System.arraycopy(header(MIB - 8), 0, noise, 0, 8);
        byte[] whole = gzip(noise);
        assertEquals(MIB - 8, Idx.read(write("whole.gz", whole)).count());
        String m = error(write("cut.gz", java.util.Arrays.copyOf(whole, whole.length - 500)));
        assertTrue(
                m.startsWith("IDX file " + dir.resolve("cut.gz") + " (gzip) is not a valid gzip stream (damaged or"
                        + " truncated): "),
                m);
        assertTrue(m.endsWith("; get the file again"), m);
        byte[] firstMemberOfTwo = gzip(java.util.Arrays.copyOf(noise, MIB / 2));
        assertEquals(
                "IDX file " + dir.resolve("short.gz") + " (gzip) is truncated: its header (dimensions [1048568])"
                        + " promises 1048568 bytes of data, but only " + (MIB / 2 - 8) + " follow",
                error(write("short.gz", firstMemberOfTwo)));
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = Fifos.make(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        assertEquals(
                "IDX file " + fifo + " is a FIFO (named pipe), not a regular file; IDX data is read from regular"
                        + " files only (copy it into one)",
                error(fifo));
        Path images = write("images", header(0, 28, 28));
        String m = assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> assertThrows(IdxFormatException.class, () -> LabelledImages.read(images, fifo, 10))
                        .getMessage());
        assertTrue(m.contains("is a FIFO (named pipe)"), m);
        m = assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> assertThrows(
                                IllegalArgumentException.class,
                                () -> Idx.write(fifo, new IdxArray(new int[] {1}, new byte[1]), true))
                        .getMessage());
        assertEquals(
                "Cannot write IDX file " + fifo + ": it is a FIFO (named pipe), not a regular file; give another"
                        + " file name",
                m);
    }

    @Test
    void aDeviceAndADirectoryAreRefused() throws IOException {
        Path devNull = Path.of("/dev/null");
        if (Files.exists(devNull)) {
            assertEquals(
                    "IDX file /dev/null is a character device, not a regular file; IDX data is read from regular"
                            + " files only (copy it into one)",
                    error(devNull));
        } else {
            System.out.println("NOTICE: no /dev/null here; the device case is not tested");
        }
        Path sub = Files.createDirectory(dir.resolve("train-images-idx3-ubyte.gz"));
        assertEquals(
                "IDX file " + sub + " is a directory; give the IDX file itself, e.g. train-images-idx3-ubyte.gz",
                error(sub));
        String m = assertThrows(
                        IllegalArgumentException.class,
                        () -> Idx.write(sub, new IdxArray(new int[] {1}, new byte[1]), false))
                .getMessage();
        assertEquals(
                "Cannot write IDX file " + sub + ": it is a directory, not a regular file; give another file name", m);
    }

    @Test
    void emptySetsAreRefusedWhereTheyAreLoaded() throws IOException {
        Path images = write("images", header(0, 28, 28));
        Path labels = write("labels.gz", gzip(header(0)));
        assertEquals(0, Idx.read(images).count(), "an empty IDX array is a valid file");
        String m = assertThrows(IdxFormatException.class, () -> LabelledImages.read(images, labels, 10))
                .getMessage();
        assertEquals(
                "IDX file " + images + " holds no images (dimensions [0, 28, 28]), and " + labels + " no labels;"
                        + " a set of images needs at least one to train or test on",
                m);
        LabelledImages one = new LabelledImages(new byte[4], new int[] {3}, 2, 2, 10);
        m = assertThrows(IllegalStateException.class, () -> one.slice(0, 0).toDataset())
                .getMessage();
        assertEquals("This set holds no images; a Dataset for training or testing needs at least one", m);
        Path flat = write("flat", header(3, 0, 28));
        Path three = write("three", new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 1, 2, 3});
        m = assertThrows(IdxFormatException.class, () -> LabelledImages.read(flat, three, 10))
                .getMessage();
        assertTrue(m.endsWith("has dimensions [3, 0, 28]; images need at least 1x1 pixels"), m);
    }

    @Test
    void mismatchedCountsAreFoundFromTheHeadersBeforeTheImagesAreInflated() throws IOException {
        Path images = write("images.gz", bomb(header(300 * MIB / 784, 28, 28), 300));
        Path labels = write("labels", new byte[] {0, 0, 8, 1, 0, 0, 0, 5, 1, 2, 3, 4, 5});
        long start = System.nanoTime();
        String m = assertThrows(IdxFormatException.class, () -> LabelledImages.read(images, labels, 10))
                .getMessage();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(m.contains("holds 401240 images but " + labels + " holds 5 labels"), m);
        assertTrue(millis < 1000, "took " + millis + " ms");
    }

    /**
     * Headers that claim more than the heap holds, in a JVM of 32 MiB: a sparse raw file whose length matches
     * its claim, a real gzip bomb within deflate's bound, and an image set whose Dataset would not fit.
     */
    @Test
    void claimsBeyondTheHeapAreRefusedWithWhatToDo() throws Exception {
        Path sparse = dir.resolve("sparse");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.write(header(100_000_000));
            f.setLength(8 + 100_000_000L);
        }
        Path bomb = write("bomb.gz", bomb(header(60 * MIB), 60));
        Path images = write("images.gz", bomb(header(8 * MIB / 784, 28, 28), 8));
        Path labels = write("labels.gz", gzip(header(8 * MIB / 784)));
        List<String> lines = runWithSmallHeap(sparse.toString(), bomb.toString(), images + "," + labels);
        assertEquals(4, lines.size(), String.join("\n", lines));
        String heap = Heap.size(Long.parseLong(lines.get(0)));
        lines = lines.subList(1, 4);
        assertEquals(
                "IDX file " + sparse + " declares dimensions [100000000], 100,000,000 bytes of data, which needs"
                        + " 95.4 MiB, more than the " + heap
                        + " of memory this Java may use (-Xmx); run Java with more memory"
                        + " (java -Xmx1g, or GLIA_JAVA_OPTS=-Xmx1g ./glia ...), or use a smaller file",
                lines.get(0));
        assertEquals(
                "IDX file " + bomb + " (gzip) declares dimensions [62914560], 62,914,560 bytes of data, which"
                        + " needs 60.0 MiB, more than the " + heap
                        + " of memory this Java may use (-Xmx); run Java with more memory"
                        + " (java -Xmx1g, or GLIA_JAVA_OPTS=-Xmx1g ./glia ...), or use a smaller file",
                lines.get(1));
        assertEquals(
                "IDX file " + images + " declares 10,699 images of 28x28; read and made into a training Dataset"
                        + " (5 bytes per pixel) they need 40.4 MiB, more than the " + heap
                        + " of memory this Java may use (-Xmx);"
                        + " run Java with more memory (java -Xmx1g, or GLIA_JAVA_OPTS=-Xmx1g ./glia ...), or use fewer images",
                lines.get(2));
    }

    private static List<String> runWithSmallHeap(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m",
                "-cp",
                System.getProperty("java.class.path"),
                SmallHeapReader.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the child JVM ended");
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }
}
