/*
 * Cuts the small Fashion-MNIST subset that glia-examples bundles, from the full data set.
 *
 *   java examples/data-tools/CutFashionSubset.java [SOURCE_DIR] [TARGET_DIR]
 *
 * SOURCE_DIR defaults to /usr/share/datasets/fashion-mnist (Debian package dataset-fashion-mnist) and
 * TARGET_DIR to examples/src/main/resources/dev/glia/examples/fashion/bundled. Needs only a JDK 17.
 *
 * The rule, which makes the subset reproducible and balanced: from the training files, the first 200
 * images of each of the 10 classes, in file order (2,000 images); from the test files, the first 50 of
 * each class (500 images). The output is gzip-compressed IDX, written without a time stamp; the tool
 * prints the SHA-256 of each uncompressed file, which README.md beside the data records.
 */

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

public final class CutFashionSubset {
    private static final int CLASSES = 10;
    private static final int PIXELS = 28 * 28;

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args.length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist");
        Path target = Path.of(args.length > 1 ? args[1]
                : "examples/src/main/resources/dev/glia/examples/fashion/bundled");
        Files.createDirectories(target);
        cut(source, target, "train", 200);
        cut(source, target, "t10k", 50);
    }

    private static void cut(Path source, Path target, String prefix, int perClass) throws Exception {
        byte[] images = gunzip(source.resolve(prefix + "-images-idx3-ubyte.gz"));
        byte[] labels = gunzip(source.resolve(prefix + "-labels-idx1-ubyte.gz"));
        check(images, 0x00000803, 16);
        check(labels, 0x00000801, 8);
        int count = readInt(labels, 4);
        if (readInt(images, 4) != count || readInt(images, 8) != 28 || readInt(images, 12) != 28
                || images.length != 16 + count * PIXELS || labels.length != 8 + count) {
            throw new IllegalStateException(prefix + ": unexpected sizes");
        }
        int[] taken = new int[CLASSES];
        ByteArrayOutputStream keptImages = new ByteArrayOutputStream();
        ByteArrayOutputStream keptLabels = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            int label = labels[8 + i];
            if (taken[label] < perClass) {
                taken[label]++;
                keptImages.write(images, 16 + i * PIXELS, PIXELS);
                keptLabels.write(label);
            }
        }
        int kept = keptLabels.size();
        if (kept != CLASSES * perClass) {
            throw new IllegalStateException(prefix + ": only " + kept + " images");
        }
        byte[] outImages = concat(header(0x00000803, kept, 28, 28), keptImages.toByteArray());
        byte[] outLabels = concat(header(0x00000801, kept), keptLabels.toByteArray());
        write(target.resolve(prefix + "-images-idx3-ubyte.gz"), outImages);
        write(target.resolve(prefix + "-labels-idx1-ubyte.gz"), outLabels);
    }

    private static void write(Path file, byte[] idx) throws Exception {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(idx);
        }
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(idx));
        System.out.println(sha + "  " + file.getFileName() + " (uncompressed, " + idx.length + " bytes; "
                + Files.size(file) + " bytes gzipped)");
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    private static void check(byte[] idx, int magic, int headerBytes) {
        if (idx.length < headerBytes || readInt(idx, 0) != magic) {
            throw new IllegalStateException("not an IDX file with magic " + Integer.toHexString(magic));
        }
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static byte[] header(int... ints) {
        byte[] out = new byte[4 * ints.length];
        for (int i = 0; i < ints.length; i++) {
            out[4 * i] = (byte) (ints[i] >>> 24);
            out[4 * i + 1] = (byte) (ints[i] >>> 16);
            out[4 * i + 2] = (byte) (ints[i] >>> 8);
            out[4 * i + 3] = (byte) ints[i];
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
