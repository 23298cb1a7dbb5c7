package dev.glia.examples.predict;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.nio.file.Path;

/**
 * The grey levels (0..255) of a decoded image, read sample by sample from its raster with
 * {@link Raster#getSample}, never through {@code getRGB} or a colour-space conversion (which gamma-converts
 * grey images). The arithmetic is integer and exact, so the same picture gives the same levels in every
 * encoding:
 * <ul>
 * <li>a sample {@code v} of {@code b} bits becomes {@code round(255 v / (2^b - 1))}: 16-bit {@code v} gives
 * {@code round(v / 257)}, 4-bit {@code 17 v}, 2-bit {@code 85 v}, 1-bit {@code 255 v};</li>
 * <li>colour becomes luminance {@code (299 R + 587 G + 114 B) / 1000} (ITU-R BT.601 weights) of the
 * stored, scaled values;</li>
 * <li>transparency is composited over black, Fashion-MNIST's background: {@code luminance * alpha / 255};</li>
 * <li>one rounding at the end, half up.</li>
 * </ul>
 * Palette images (and 1-, 2- and 4-bit grey, which the JDK decodes as a palette of evenly spaced greys)
 * look each index up in the palette's stored 8-bit entries, with the transparency of PNG's tRNS chunk.
 */
final class GreyLevels {
    private static final long LUMA_DIVISOR = 1000;

    private GreyLevels() {}

    /**
     * Grey levels 0..255, row-major; {@code paletteEntries} bounds the indices of a palette image (the real
     * palette's length, which the colour model may pad), {@code file} names the image in errors.
     */
    static int[] of(BufferedImage image, int paletteEntries, Path file) {
        Raster raster = image.getRaster();
        SampleModel samples = raster.getSampleModel();
        int dataType = samples.getDataType();
        if (dataType != DataBuffer.TYPE_BYTE && dataType != DataBuffer.TYPE_USHORT && dataType != DataBuffer.TYPE_INT) {
            throw new IllegalArgumentException("Image " + file + " stores its samples as floating-point or signed"
                    + " numbers; save it as an 8- or 16-bit PNG");
        }
        ColorModel model = image.getColorModel();
        if (model instanceof IndexColorModel palette) {
            return fromPalette(raster, palette, paletteEntries, file);
        }
        int colours = model.getNumColorComponents();
        int space = model.getColorSpace().getType();
        boolean grey = space == ColorSpace.TYPE_GRAY && colours == 1;
        boolean rgb = space == ColorSpace.TYPE_RGB && colours == 3;
        int bands = colours + (model.hasAlpha() ? 1 : 0);
        if ((!grey && !rgb) || raster.getNumBands() < bands) {
            throw new IllegalArgumentException("Image " + file + " has " + colours + " colour components in a colour"
                    + " space this reader does not take (only grey and RGB); save it as a grey-scale or RGB PNG");
        }
        long[] max = new long[bands];
        for (int b = 0; b < bands; b++) {
            int bits = samples.getSampleSize(b);
            if (bits < 1 || bits > 16) {
                throw new IllegalArgumentException(
                        "Image " + file + " has " + bits + "-bit samples; save it as an 8-" + " or 16-bit PNG");
            }
            max[b] = (1L << bits) - 1;
        }
        // Premultiplied colour is already composited over black: its alpha is not applied again.
        int alphaBand = model.hasAlpha() && !model.isAlphaPremultiplied() ? colours : -1;
        int w = raster.getWidth();
        int h = raster.getHeight();
        int x0 = raster.getMinX();
        int y0 = raster.getMinY();
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                long luma;
                if (grey) {
                    luma = LUMA_DIVISOR * to8Bits(raster.getSample(x0 + x, y0 + y, 0), max[0]);
                } else {
                    luma = 299 * to8Bits(raster.getSample(x0 + x, y0 + y, 0), max[0])
                            + 587 * to8Bits(raster.getSample(x0 + x, y0 + y, 1), max[1])
                            + 114 * to8Bits(raster.getSample(x0 + x, y0 + y, 2), max[2]);
                }
                long alpha = alphaBand < 0 ? 255 : to8Bits(raster.getSample(x0 + x, y0 + y, alphaBand), max[alphaBand]);
                out[y * w + x] = composite(luma, alpha);
            }
        }
        return out;
    }

    private static int[] fromPalette(Raster raster, IndexColorModel palette, int paletteEntries, Path file) {
        int entries = Math.min(palette.getMapSize(), paletteEntries);
        int[] level = new int[entries];
        for (int i = 0; i < entries; i++) {
            long luma = 299L * palette.getRed(i) + 587L * palette.getGreen(i) + 114L * palette.getBlue(i);
            level[i] = composite(luma, palette.getAlpha(i));
        }
        int w = raster.getWidth();
        int h = raster.getHeight();
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int index = raster.getSample(raster.getMinX() + x, raster.getMinY() + y, 0);
                if (index < 0 || index >= entries) {
                    throw new IllegalArgumentException("Image " + file + " uses palette entry " + index + " at (" + x
                            + ", " + y + ") but its palette has " + entries + " entries; the file is corrupt");
                }
                out[y * w + x] = level[index];
            }
        }
        return out;
    }

    /** {@code v} of a sample whose largest value is {@code max}, on 0..255, rounded half up. */
    static long to8Bits(long v, long max) {
        return (2 * 255 * v + max) / (2 * max);
    }

    /** {@code round(luma / 1000 * alpha / 255)}, half up, from the luminance times 1000 and alpha on 0..255. */
    static int composite(long luma, long alpha) {
        long divisor = LUMA_DIVISOR * 255;
        return (int) ((2 * luma * alpha + divisor) / (2 * divisor));
    }
}
