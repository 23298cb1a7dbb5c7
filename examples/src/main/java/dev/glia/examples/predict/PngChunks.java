package dev.glia.examples.predict;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.stream.ImageInputStream;

/**
 * Checks the chunk structure of a PNG file before it is decoded: the JDK's PNG reader ignores CRCs, so a
 * damaged byte in a chunk could otherwise decode into silently different pixels. Every chunk must lie inside
 * the file, have a valid type and a matching CRC-32, the first must be IHDR, and IEND must come before the
 * file ends. Reads the file once, in 64 KiB pieces, whatever the chunks claim.
 */
final class PngChunks {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int BUFFER = 64 * 1024;

    private PngChunks() {}

    /** What the caller needs from the walk: -1 for a file that is not a PNG. */
    static final int NOT_PNG = -1;

    /**
     * If {@code in} starts with the PNG signature, checks every chunk, throwing {@link IllegalArgumentException}
     * naming the first bad one, and returns the number of entries in its PLTE chunk (0 without one); else
     * {@link #NOT_PNG}. Leaves {@code in} at its start. (The JDK pads a short palette to 2^depth entries, so an
     * index beyond the real palette, which the PNG specification makes an error, is found only from this.)
     */
    static int check(ImageInputStream in, long size, Path file) throws IOException {
        if (size < SIGNATURE.length) {
            return NOT_PNG;
        }
        byte[] head = new byte[SIGNATURE.length];
        in.readFully(head);
        if (!Arrays.equals(head, SIGNATURE)) {
            in.seek(0);
            return NOT_PNG;
        }
        int paletteEntries = 0;
        byte[] buffer = new byte[BUFFER];
        long pos = SIGNATURE.length;
        boolean first = true;
        while (true) {
            if (size - pos < 12) {
                throw new IllegalArgumentException("Image " + file + " is truncated: the file ends at byte " + size
                        + ", before the PNG's IEND chunk");
            }
            long length = in.readUnsignedInt();
            byte[] type = new byte[4];
            in.readFully(type);
            String name = typeName(type);
            if (name == null) {
                throw new IllegalArgumentException(
                        "Image " + file + " is corrupt: the PNG chunk at byte " + pos + " has no valid type");
            }
            if (length > Integer.MAX_VALUE || pos + 12 + length > size) {
                throw new IllegalArgumentException("Image " + file + " is truncated: PNG chunk " + name + " at byte "
                        + pos + " claims " + length + " bytes but the file ends at byte " + size);
            }
            if (first && !name.equals("IHDR")) {
                throw new IllegalArgumentException(
                        "Image " + file + " is corrupt: the PNG starts with chunk " + name + ", not IHDR");
            }
            CRC32 crc = new CRC32();
            crc.update(type);
            for (long left = length; left > 0; ) {
                int n = (int) Math.min(left, buffer.length);
                in.readFully(buffer, 0, n);
                crc.update(buffer, 0, n);
                left -= n;
            }
            long stored = in.readUnsignedInt();
            if (stored != crc.getValue()) {
                throw new IllegalArgumentException("Image " + file + " is corrupt: PNG chunk " + name + " at byte "
                        + pos + " fails its CRC check");
            }
            if (name.equals("PLTE")) {
                paletteEntries = (int) (length / 3);
            }
            if (name.equals("IEND")) {
                in.seek(0);
                return paletteEntries;
            }
            pos += 12 + length;
            first = false;
        }
    }

    /** The chunk type as text, or null unless it is four ASCII letters. */
    private static String typeName(byte[] type) {
        for (byte b : type) {
            if (!((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z'))) {
                return null;
            }
        }
        return new String(type, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
