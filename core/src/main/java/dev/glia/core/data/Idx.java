package dev.glia.core.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.zip.GZIPOutputStream;

/**
 * Reads and writes the IDX format of MNIST and Fashion-MNIST (LeCun et al.): a magic number
 * {@code 00 00 08 n} (unsigned bytes, {@code n} dimensions), {@code n} big-endian 32-bit sizes, then the
 * elements row-major. Files may be gzip-compressed ({@code .gz}); compression is recognised by its magic
 * bytes, not by the file name.
 *
 * <p>Reading trusts no size: only regular files are opened (a FIFO or device is refused without blocking);
 * the magic number, the element type and the dimensions are checked; what the header claims is compared,
 * before anything is allocated, with the file's length (exactly for a raw file; for a gzip file with the
 * 1032:1 that deflate can expand at most) and with the heap ({@code -Xmx}); the data is then streamed into
 * one array, and reading stops at the first byte after the claim. A wrong, truncated, over-long or
 * too-large file gives an {@link IdxFormatException} naming the file, what it claims and what to do, never
 * an {@link OutOfMemoryError}.
 *
 * <pre>{@code
 * IdxArray images = Idx.read(Path.of("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"));
 * images.dims();   // [10000, 28, 28]
 * }</pre>
 */
public final class Idx {
    /** The element type code of unsigned bytes, the only type MNIST-style files use. */
    public static final int UNSIGNED_BYTE = 0x08;
    /** The most dimensions this reader accepts. */
    public static final int MAX_DIMENSIONS = 4;

    private Idx() {}

    /**
     * Reads an IDX file of unsigned bytes, gzip-compressed or not. Anything but a regular file (a directory, a
     * FIFO, a device) is refused without being opened, so a pipe never blocks the reader.
     */
    public static IdxArray read(Path file) {
        long size = regularFileSize(file);
        try (InputStream in = Files.newInputStream(file)) {
            return IdxReader.read(in, file.toString(), size);
        } catch (NoSuchFileException e) {
            throw new IdxFormatException("IDX file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read IDX file " + file + ": " + reason(e), e);
        }
    }

    /**
     * The dimensions that the header of the IDX file declares, checked as {@link #read} checks them (against
     * the file's length and the heap), without reading the data.
     */
    static int[] readDimensions(Path file) {
        long size = regularFileSize(file);
        try (InputStream in = Files.newInputStream(file)) {
            return IdxReader.dimensions(in, file.toString(), size);
        } catch (NoSuchFileException e) {
            throw new IdxFormatException("IDX file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read IDX file " + file + ": " + reason(e), e);
        }
    }

    /**
     * Reads an IDX array of unsigned bytes from {@code stream} (e.g. a class-path resource), gzip-compressed or
     * not; {@code name} appears in error messages. The caller closes the stream. The length being unknown, the
     * array grows only as data arrives, up to what the header claims and the heap allows.
     */
    public static IdxArray read(InputStream stream, String name) {
        try {
            return IdxReader.read(stream, name, -1);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read IDX data " + name + ": " + reason(e), e);
        }
    }

    /**
     * Reads an IDX array from a stream (not compressed). {@code name} appears in error messages;
     * {@code knownSize} is the stream's length in bytes when known (checked before reading), else -1.
     */
    public static IdxArray read(InputStream stream, String name, long knownSize) throws IOException {
        return IdxReader.readUncompressed(stream, name, knownSize);
    }

    /** The size of {@code file}, after checking, without opening it, that it is a regular file. */
    private static long regularFileSize(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new IdxFormatException("IDX file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read IDX file " + file + ": " + reason(e), e);
        }
        if (attributes.isDirectory()) {
            throw new IdxFormatException("IDX file " + file + " is a directory; give the IDX file itself, e.g."
                    + " train-images-idx3-ubyte.gz");
        }
        if (!attributes.isRegularFile()) {
            throw new IdxFormatException("IDX file " + file + " is " + specialKind(file) + ", not a regular file;"
                    + " IDX data is read from regular files only (copy it into one)");
        }
        return attributes.size();
    }

    /** "a FIFO (named pipe)", "a character device", ... as far as the platform tells. */
    static String specialKind(Path file) {
        try {
            int type = (Integer) Files.getAttribute(file, "unix:mode") & 0170000;
            return switch (type) {
                case 0010000 -> "a FIFO (named pipe)";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a special file (a FIFO, device or socket)";
        }
    }

    /** What went wrong, in words: "permission denied", not just the path an exception names. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /**
     * Writes {@code array} as an IDX file of unsigned bytes, gzip-compressed if {@code gzip}. The output is
     * deterministic (the gzip header carries no time stamp), so the same array gives the same bytes.
     */
    public static void write(Path file, IdxArray array, boolean gzip) {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Cannot write IDX file " + file + ": it is "
                    + (Files.isDirectory(file) ? "a directory" : specialKind(file))
                    + ", not a regular file; give another file name");
        }
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw) {
            int[] dims = array.dims();
            out.write(new byte[] {0, 0, (byte) UNSIGNED_BYTE, (byte) dims.length});
            for (int d : dims) {
                out.write(new byte[] {(byte) (d >>> 24), (byte) (d >>> 16), (byte) (d >>> 8), (byte) d});
            }
            out.write(array.data());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write IDX file " + file + ": " + reason(e), e);
        }
    }
}
