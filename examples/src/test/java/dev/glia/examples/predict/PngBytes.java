package dev.glia.examples.predict;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A tiny PNG writer for tests, so that every colour type and bit depth is encoded byte for byte as the
 * specification says (signature, IHDR, optional PLTE and tRNS, one zlib IDAT, IEND, each with its CRC-32),
 * without going through {@code ImageIO}'s writer, which picks its own encoding.
 */
final class PngBytes {
    static final int GREY = 0;
    static final int RGB = 2;
    static final int PALETTE = 3;
    static final int GREY_ALPHA = 4;
    static final int RGBA = 6;

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private PngBytes() {
        out.writeBytes(SIGNATURE);
    }

    /** Samples per pixel of a colour type. */
    static int channels(int colourType) {
        return switch (colourType) {
            case GREY, PALETTE -> 1;
            case GREY_ALPHA -> 2;
            case RGB -> 3;
            case RGBA -> 4;
            default -> throw new IllegalArgumentException("colour type " + colourType);
        };
    }

    /**
     * A complete PNG: {@code samples} holds {@code width * height * channels} values (palette indices for
     * colour type 3), row-major, each below {@code 2^bitDepth}. {@code palette} is RGB triples (PLTE) and
     * {@code transparency} the raw tRNS payload; either may be null.
     */
    static byte[] png(
            int width, int height, int colourType, int bitDepth, int[] samples, int[] palette, byte[] transparency) {
        PngBytes png = new PngBytes();
        png.chunk("IHDR", ihdr(width, height, bitDepth, colourType));
        if (palette != null) {
            byte[] plte = new byte[palette.length];
            for (int i = 0; i < palette.length; i++) {
                plte[i] = (byte) palette[i];
            }
            png.chunk("PLTE", plte);
        }
        if (transparency != null) {
            png.chunk("tRNS", transparency);
        }
        png.chunk("IDAT", deflate(scanlines(width, height, channels(colourType), bitDepth, samples)));
        png.chunk("IEND", new byte[0]);
        return png.out.toByteArray();
    }

    /** A PNG with only a header and a token IDAT: what a file claiming {@code width x height} pixels starts with. */
    static byte[] headerOnly(int width, int height) {
        PngBytes png = new PngBytes();
        png.chunk("IHDR", ihdr(width, height, 8, GREY));
        png.chunk("IDAT", deflate(new byte[16]));
        png.chunk("IEND", new byte[0]);
        return png.out.toByteArray();
    }

    /** The 13 bytes of an IHDR: size, bit depth, colour type, deflate, adaptive filtering, no interlace. */
    static byte[] ihdr(int width, int height, int bitDepth, int colourType) {
        return new byte[] {
            (byte) (width >>> 24),
            (byte) (width >>> 16),
            (byte) (width >>> 8),
            (byte) width,
            (byte) (height >>> 24),
            (byte) (height >>> 16),
            (byte) (height >>> 8),
            (byte) height,
            (byte) bitDepth,
            (byte) colourType,
            0,
            0,
            0
        };
    }

    /** Rows, each a filter byte 0 (none) then the samples packed big-endian, sub-byte samples high bits first. */
    static byte[] scanlines(int width, int height, int channels, int bitDepth, int[] samples) {
        if (samples.length != width * height * channels) {
            throw new IllegalArgumentException(
                    samples.length + " samples for " + width + "x" + height + "x" + channels);
        }
        int rowBytes = (width * channels * bitDepth + 7) / 8;
        byte[] raw = new byte[height * (1 + rowBytes)];
        for (int y = 0; y < height; y++) {
            int rowStart = y * (1 + rowBytes) + 1;
            for (int i = 0; i < width * channels; i++) {
                int v = samples[y * width * channels + i];
                if (v < 0 || v >= 1 << bitDepth) {
                    throw new IllegalArgumentException("sample " + v + " does not fit " + bitDepth + " bits");
                }
                if (bitDepth == 16) {
                    raw[rowStart + 2 * i] = (byte) (v >>> 8);
                    raw[rowStart + 2 * i + 1] = (byte) v;
                } else if (bitDepth == 8) {
                    raw[rowStart + i] = (byte) v;
                } else {
                    int bit = i * bitDepth;
                    int shift = 8 - bitDepth - bit % 8;
                    raw[rowStart + bit / 8] |= (byte) (v << shift);
                }
            }
        }
        return raw;
    }

    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream zlib = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                zlib.write(buffer, 0, deflater.deflate(buffer));
            }
            return zlib.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private void chunk(String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        int n = data.length;
        out.writeBytes(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        long c = crc.getValue();
        out.writeBytes(new byte[] {(byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c});
    }
}
