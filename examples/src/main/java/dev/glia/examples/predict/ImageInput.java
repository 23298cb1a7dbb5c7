package dev.glia.examples.predict;

import dev.glia.core.data.Normalization;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Reads an image file as a network input: {@code side x side} grey levels, row-major, scaled to [0, 1] with
 * {@link Normalization#unitRange}. Grey-scale images are taken as stored; colour images become grey by
 * luminance ({@code 0.299 R + 0.587 G + 0.114 B}), transparent parts counting as black, the background of
 * Fashion-MNIST. An image of another size is an error unless {@code resize} is set, in which case it is
 * scaled to {@code side x side} by area averaging (without keeping the aspect ratio).
 */
public final class ImageInput {
    private ImageInput() {
    }

    /**
     * The image in {@code file} as {@code side * side} values in [0, 1]; {@code invert} turns dark-on-light
     * pictures into the light-on-dark of Fashion-MNIST.
     *
     * @throws IllegalArgumentException for a missing or unreadable file, or a wrong size without {@code resize}
     */
    public static float[] read(Path file, int side, boolean resize, boolean invert) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Image " + file + " does not exist");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read image " + file + ": " + e.getMessage(), e);
        }
        if (image == null) {
            throw new IllegalArgumentException("Image " + file + " is not in a format this Java can read (PNG, JPEG,"
                    + " GIF, BMP)");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        if ((w != side || h != side) && !resize) {
            throw new IllegalArgumentException("Image " + file + " is " + w + "x" + h + " pixels; the model takes "
                    + side + "x" + side + " grey-scale images (add --resize to scale it)");
        }
        int[] grey = grey(image);
        if (w != side || h != side) {
            grey = resample(grey, w, h, side);
        }
        if (invert) {
            for (int i = 0; i < grey.length; i++) {
                grey[i] = 255 - grey[i];
            }
        }
        return Normalization.unitRange(grey);
    }

    /** Grey levels 0..255, row-major. */
    static int[] grey(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] out = new int[w * h];
        Raster raster = image.getRaster();
        boolean byteGrey = image.getType() == BufferedImage.TYPE_BYTE_GRAY;
        boolean shortGrey = image.getType() == BufferedImage.TYPE_USHORT_GRAY;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v;
                if (byteGrey) {
                    v = raster.getSample(x, y, 0);
                } else if (shortGrey) {
                    v = (int) Math.round(raster.getSample(x, y, 0) / 257.0);
                } else {
                    int argb = image.getRGB(x, y);
                    double alpha = (argb >>> 24) / 255.0;
                    double lum = 0.299 * ((argb >> 16) & 0xFF) + 0.587 * ((argb >> 8) & 0xFF) + 0.114 * (argb & 0xFF);
                    v = (int) Math.round(lum * alpha);
                }
                out[y * w + x] = v;
            }
        }
        return out;
    }

    /** Area-averaged resampling to {@code side x side}; a target pixel covering no source centre takes the nearest. */
    static int[] resample(int[] grey, int w, int h, int side) {
        int[] out = new int[side * side];
        for (int ty = 0; ty < side; ty++) {
            int y0 = (int) Math.floor((double) ty * h / side);
            int y1 = Math.max(y0 + 1, (int) Math.floor((double) (ty + 1) * h / side));
            for (int tx = 0; tx < side; tx++) {
                int x0 = (int) Math.floor((double) tx * w / side);
                int x1 = Math.max(x0 + 1, (int) Math.floor((double) (tx + 1) * w / side));
                long sum = 0;
                int n = 0;
                for (int y = y0; y < Math.min(y1, h); y++) {
                    for (int x = x0; x < Math.min(x1, w); x++) {
                        sum += grey[y * w + x];
                        n++;
                    }
                }
                out[ty * side + tx] = (int) Math.round((double) sum / n);
            }
        }
        return out;
    }
}
