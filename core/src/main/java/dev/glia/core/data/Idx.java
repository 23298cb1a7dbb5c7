package dev.glia.core.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes the IDX format of MNIST and Fashion-MNIST (LeCun et al.): a magic number
 * {@code 00 00 08 n} (unsigned bytes, {@code n} dimensions), {@code n} big-endian 32-bit sizes, then the
 * elements row-major. Files may be gzip-compressed ({@code .gz}); compression is recognised by its magic
 * bytes, not by the file name.
 *
 * <p>Reading validates everything before trusting it: the magic number, the element type, the number and
 * size of the dimensions, and that the data is exactly as long as the dimensions say. A wrong, truncated or
 * over-long file gives an {@link IdxFormatException} naming the file and the problem; nothing is allocated
 * from a size the file merely claims.
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

    private Idx() {
    }

    /** Reads an IDX file of unsigned bytes, gzip-compressed or not. */
    public static IdxArray read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return readMaybeCompressed(in, file.toString(), Files.size(file));
        } catch (NoSuchFileException e) {
            throw new IdxFormatException("IDX file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read IDX file " + file + ": " + e, e);
        }
    }

    /**
     * Reads an IDX array of unsigned bytes from {@code stream} (e.g. a class-path resource), gzip-compressed or
     * not; {@code name} appears in error messages. The caller closes the stream.
     */
    public static IdxArray read(InputStream stream, String name) {
        try {
            return readMaybeCompressed(stream, name, -1);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read IDX data " + name + ": " + e, e);
        }
    }

    private static IdxArray readMaybeCompressed(InputStream stream, String name, long size) throws IOException {
        InputStream raw = new BufferedInputStream(stream, 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        boolean gzip = b0 == 0x1f && b1 == 0x8b;
        try {
            InputStream in = gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
            return read(in, name + (gzip ? " (gzip)" : ""), gzip ? -1 : size);
        } catch (ZipException | EOFException e) {
            throw new IdxFormatException("IDX file " + name + " is not a valid gzip stream (damaged or truncated): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Reads an IDX array from a stream (not compressed). {@code name} appears in error messages;
     * {@code knownSize} is the stream's length in bytes when known (checked before reading), else -1.
     */
    public static IdxArray read(InputStream stream, String name, long knownSize) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) {
            throw new IdxFormatException("IDX file " + name + " is too short for a header (" + magic.length
                    + " bytes); it is empty or not an IDX file");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new IdxFormatException(String.format("IDX file %s has the magic number %02x %02x %02x %02x; an IDX"
                    + " file starts with 00 00, then the type and the number of dimensions (MNIST images:"
                    + " 00 00 08 03, labels: 00 00 08 01)", name, magic[0], magic[1], magic[2], magic[3]));
        }
        int type = magic[2] & 0xFF;
        if (type != UNSIGNED_BYTE) {
            throw new IdxFormatException(String.format("IDX file %s holds elements of type 0x%02x (%s); only unsigned"
                    + " bytes (0x08), as in MNIST and Fashion-MNIST, are supported", name, type, typeName(type)));
        }
        int rank = magic[3] & 0xFF;
        if (rank < 1 || rank > MAX_DIMENSIONS) {
            throw new IdxFormatException("IDX file " + name + " declares " + rank + " dimensions; 1 to "
                    + MAX_DIMENSIONS + " are supported");
        }
        int[] dims = new int[rank];
        long elements = 1;
        for (int i = 0; i < rank; i++) {
            byte[] d = in.readNBytes(4);
            if (d.length < 4) {
                throw new IdxFormatException("IDX file " + name + " is truncated inside its header (dimension "
                        + (i + 1) + " of " + rank + ")");
            }
            long size = ((d[0] & 0xFFL) << 24) | ((d[1] & 0xFF) << 16) | ((d[2] & 0xFF) << 8) | (d[3] & 0xFF);
            if (size > Integer.MAX_VALUE) {
                throw new IdxFormatException("IDX file " + name + " declares dimension " + (i + 1) + " as " + size
                        + ", which is not a plausible size");
            }
            dims[i] = (int) size;
            elements *= size;
            if (elements > Integer.MAX_VALUE - 8) {
                throw new IdxFormatException("IDX file " + name + " declares dimensions " + Arrays.toString(
                        Arrays.copyOf(dims, i + 1)) + "…, more than 2^31 elements, which this reader does not hold");
            }
        }
        long header = 4 + 4L * rank;
        if (knownSize >= 0 && knownSize != header + elements) {
            throw new IdxFormatException("IDX file " + name + " has " + knownSize + " bytes, but its header (dimensions "
                    + Arrays.toString(dims) + ") needs exactly " + (header + elements) + ": "
                    + (knownSize < header + elements ? "the file is truncated" : "there are "
                    + (knownSize - header - elements) + " bytes too many"));
        }
        // readNBytes grows its buffer as data arrives, so a lying header cannot make us allocate its claim.
        byte[] data = in.readNBytes((int) elements);
        if (data.length != elements) {
            throw new IdxFormatException("IDX file " + name + " is truncated: its header (dimensions "
                    + Arrays.toString(dims) + ") promises " + elements + " bytes of data, but only " + data.length
                    + " follow");
        }
        if (in.read() != -1) {
            throw new IdxFormatException("IDX file " + name + " has data after the " + elements
                    + " bytes its header (dimensions " + Arrays.toString(dims) + ") describes");
        }
        return new IdxArray(dims, data);
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x09 -> "signed byte";
            case 0x0B -> "short";
            case 0x0C -> "int";
            case 0x0D -> "float";
            case 0x0E -> "double";
            default -> "not an IDX type";
        };
    }

    /**
     * Writes {@code array} as an IDX file of unsigned bytes, gzip-compressed if {@code gzip}. The output is
     * deterministic (the gzip header carries no time stamp), so the same array gives the same bytes.
     */
    public static void write(Path file, IdxArray array, boolean gzip) {
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw) {
            int[] dims = array.dims();
            out.write(new byte[] {0, 0, (byte) UNSIGNED_BYTE, (byte) dims.length});
            for (int d : dims) {
                out.write(new byte[] {(byte) (d >>> 24), (byte) (d >>> 16), (byte) (d >>> 8), (byte) d});
            }
            out.write(array.data());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write IDX file " + file + ": " + e, e);
        }
    }
}
