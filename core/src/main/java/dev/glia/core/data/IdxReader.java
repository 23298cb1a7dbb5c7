package dev.glia.core.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads one IDX stream, trusting no size in it: the header is checked, and its claim compared with what the
 * source can hold (the exact length of a raw file, 1032 times the length of a gzip file, the heap) before the
 * data array is allocated; the data is read in place, and reading stops at the first byte after the claim.
 */
final class IdxReader {
    /** The most a deflate stream expands: a 258-byte match coded in 2 bits. */
    static final long MAX_DEFLATE_RATIO = 1032;
    /** The first array for a stream of unknown length; it doubles, up to the claim, as data arrives. */
    private static final int FIRST_CHUNK = 1 << 20;

    private final InputStream in;
    private final String name;
    private final long exactSize;
    private final long compressedSize;

    /**
     * @param in             the IDX bytes, uncompressed
     * @param name           the file or resource, for messages
     * @param exactSize      the length of {@code in} when known (a raw file), else -1
     * @param compressedSize the length of the gzip file {@code in} inflates, when known, else -1
     */
    private IdxReader(InputStream in, String name, long exactSize, long compressedSize) {
        this.in = in;
        this.name = name;
        this.exactSize = exactSize;
        this.compressedSize = compressedSize;
    }

    /** What to do with an open reader. */
    private interface Step<T> {
        T apply(IdxReader reader) throws IOException;
    }

    /**
     * Reads {@code stream} (gzip-compressed or not) to its end; {@code size} is the stream's length when known
     * (a regular file), else -1.
     */
    static IdxArray read(InputStream stream, String name, long size) throws IOException {
        return open(stream, name, size, IdxReader::readAll);
    }

    /**
     * The dimensions the header of {@code stream} (gzip-compressed or not) declares, checked against the
     * source's length and the heap as by {@link #read}; no data is read.
     */
    static int[] dimensions(InputStream stream, String name, long size) throws IOException {
        return open(stream, name, size, r -> {
            int[] dims = r.header();
            r.checkClaim(dims, elements(dims));
            return dims;
        });
    }

    private static <T> T open(InputStream stream, String name, long size, Step<T> step) throws IOException {
        InputStream raw = new BufferedInputStream(stream, 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 != 0x1f || b1 != 0x8b) {
            return step.apply(new IdxReader(raw, name, size, -1));
        }
        String gzName = name + " (gzip)";
        try {
            return step.apply(new IdxReader(new GZIPInputStream(raw, 1 << 16), gzName, -1, size));
        } catch (ZipException | EOFException e) {
            throw new IdxFormatException(
                    "IDX file " + gzName + " is not a valid gzip stream (damaged or truncated): " + e.getMessage()
                            + "; get the file again",
                    e);
        }
    }

    /** Reads the uncompressed IDX {@code stream} of length {@code exactSize} (-1: unknown). */
    static IdxArray readUncompressed(InputStream stream, String name, long exactSize) throws IOException {
        return new IdxReader(stream, name, exactSize, -1).readAll();
    }

    private IdxArray readAll() throws IOException {
        int[] dims = header();
        long elements = elements(dims);
        checkClaim(dims, elements);
        byte[] data = exactSize >= 0 || compressedSize >= 0
                ? readExactly(dims, (int) elements)
                : readGrowing(dims, (int) elements);
        if (in.read() != -1) {
            throw new IdxFormatException("IDX file " + name + " has data after the " + elements
                    + " bytes its header (dimensions " + Arrays.toString(dims) + ") describes; it is damaged or"
                    + " not what its header says");
        }
        return new IdxArray(dims, data);
    }

    private int[] header() throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) {
            throw new IdxFormatException("IDX file " + name + " is too short for a header (" + magic.length
                    + " bytes); it is empty or not an IDX file");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new IdxFormatException(String.format(
                    "IDX file %s has the magic number %02x %02x %02x %02x; an IDX"
                            + " file starts with 00 00, then the type and the number of dimensions (MNIST images:"
                            + " 00 00 08 03, labels: 00 00 08 01)",
                    name, magic[0], magic[1], magic[2], magic[3]));
        }
        int type = magic[2] & 0xFF;
        if (type != Idx.UNSIGNED_BYTE) {
            throw new IdxFormatException(String.format(
                    "IDX file %s holds elements of type 0x%02x (%s); only unsigned"
                            + " bytes (0x08), as in MNIST and Fashion-MNIST, are supported",
                    name, type, typeName(type)));
        }
        int rank = magic[3] & 0xFF;
        if (rank < 1 || rank > Idx.MAX_DIMENSIONS) {
            throw new IdxFormatException("IDX file " + name + " declares " + rank + " dimensions; 1 to "
                    + Idx.MAX_DIMENSIONS + " are supported");
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
                throw new IdxFormatException(
                        "IDX file " + name + " declares dimensions " + Arrays.toString(Arrays.copyOf(dims, i + 1))
                                + "…, more than 2^31 elements, which this reader does not hold");
            }
        }
        return dims;
    }

    private static long elements(int[] dims) {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** Compares the header's claim with what the file can hold and with the heap, before anything is allocated. */
    private void checkClaim(int[] dims, long elements) {
        long header = 4 + 4L * dims.length;
        String claim = "IDX file " + name + " declares dimensions " + Arrays.toString(dims) + ", "
                + String.format(Locale.ROOT, "%,d", elements) + " bytes of data";
        if (exactSize >= 0 && exactSize != header + elements) {
            throw new IdxFormatException(
                    "IDX file " + name + " has " + exactSize + " bytes, but its header (dimensions "
                            + Arrays.toString(dims) + ") needs exactly " + (header + elements) + ": "
                            + (exactSize < header + elements
                                    ? "the file is truncated"
                                    : "there are " + (exactSize - header - elements) + " bytes too many"));
        }
        if (compressedSize >= 0 && header + elements > MAX_DEFLATE_RATIO * compressedSize) {
            throw new IdxFormatException(
                    claim + ", but a gzip file of " + String.format(Locale.ROOT, "%,d", compressedSize)
                            + " bytes inflates to at most " + Heap.size(MAX_DEFLATE_RATIO * compressedSize)
                            + " (deflate expands at most 1032:1): the header is wrong or the file is truncated; get the"
                            + " file again");
        }
        String tooBig = Heap.tooBig(elements);
        if (tooBig != null) {
            throw new IdxFormatException(claim + ", which needs " + tooBig + ", or use a smaller file");
        }
    }

    /** The data of a source whose length bounds the claim: one array of the claimed size, filled in place. */
    private byte[] readExactly(int[] dims, int elements) throws IOException {
        byte[] data = Heap.bytes(
                elements, "IDX file " + name + " (dimensions " + Arrays.toString(dims) + ")", IdxFormatException::new);
        int got = in.readNBytes(data, 0, elements);
        if (got < elements) {
            throw truncated(dims, elements, got);
        }
        return data;
    }

    /**
     * The data of a stream of unknown length: an array that doubles, up to the claim, only as data arrives,
     * so a header that lies costs at most twice the real content.
     */
    private byte[] readGrowing(int[] dims, int elements) throws IOException {
        String what = "IDX file " + name + " (dimensions " + Arrays.toString(dims) + ")";
        byte[] data = Heap.bytes(Math.min(elements, FIRST_CHUNK), what, IdxFormatException::new);
        int got = 0;
        while (true) {
            got += in.readNBytes(data, got, data.length - got);
            if (got < data.length || got == elements) {
                break;
            }
            data = Heap.grow(data, (int) Math.min(elements, 2L * data.length), what, IdxFormatException::new);
        }
        if (got < elements) {
            throw truncated(dims, elements, got);
        }
        return data;
    }

    private IdxFormatException truncated(int[] dims, int elements, int got) {
        return new IdxFormatException("IDX file " + name + " is truncated: its header (dimensions "
                + Arrays.toString(dims) + ") promises " + elements + " bytes of data, but only " + got + " follow");
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
}
