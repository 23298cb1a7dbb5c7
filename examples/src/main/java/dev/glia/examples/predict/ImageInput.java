package dev.glia.examples.predict;

import dev.glia.core.data.Normalization;
import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads an image file as a network input: {@code side x side} grey levels, row-major, scaled to [0, 1] with
 * {@link Normalization#unitRange}.
 *
 * <p>Pixels are read from the decoded raster, sample by sample, for every PNG colour type and bit depth (grey
 * 1/2/4/8/16, grey+alpha, RGB, RGBA, palette with or without tRNS): each sample is scaled from its bit depth
 * to 0..255 exactly (16-bit {@code v} becomes {@code round(v / 257)}), colour becomes luminance
 * {@code 0.299 R + 0.587 G + 0.114 B} of the stored values, and transparency is composited over black, the
 * background of Fashion-MNIST; the same picture gives the same input in every encoding. JPEG, GIF and BMP
 * files are read the same way.
 *
 * <p>The file is treated as hostile: only a regular file is opened (a directory, FIFO or device is refused
 * without blocking); a PNG's chunks are checked (CRC-32, truncation) before decoding; the size is read from
 * the header and checked before any pixel is decoded. Without {@code resize} it must be exactly
 * {@code side x side}; with it, at most {@link #MAX_RESIZE_PIXELS} pixels, scaled to {@code side x side} by
 * area averaging (without keeping the aspect ratio). Every problem is an {@link IllegalArgumentException}
 * (an {@link UncheckedIOException} for a failed read) with a one-line message naming the file.
 */
public final class ImageInput {
    /** The most pixels an image may have with {@code --resize}: 4096 x 4096, at most 128 MiB decoded. */
    public static final long MAX_RESIZE_PIXELS = 4096L * 4096L;

    private ImageInput() {}

    /**
     * The image in {@code file} as {@code side * side} values in [0, 1]; {@code invert} turns dark-on-light
     * pictures into the light-on-dark of Fashion-MNIST.
     *
     * @throws IllegalArgumentException for a missing, non-regular, corrupt or unsupported file, or a wrong size
     * @throws UncheckedIOException     if the file cannot be read
     */
    public static float[] read(Path file, int side, boolean resize, boolean invert) {
        long size = regularFileSize(file);
        int[] grey = decode(file, size, side, resize);
        if (invert) {
            for (int i = 0; i < grey.length; i++) {
                grey[i] = 255 - grey[i];
            }
        }
        return Normalization.unitRange(grey);
    }

    /** The file's size, after checking from its attributes (without opening it) that it is a regular file. */
    private static long regularFileSize(Path file) {
        if (file.toString().isEmpty()) {
            throw new IllegalArgumentException("An image name is empty; give an image file");
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("Image " + file + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("Image " + file + " cannot be read: " + reason(e), e);
        }
        if (attributes.isDirectory()) {
            throw new IllegalArgumentException("Image " + file + " is a directory, not an image file");
        }
        if (!attributes.isRegularFile()) {
            throw new IllegalArgumentException(
                    "Image " + file + " is not a regular file (a FIFO, socket or device);" + " give an image file");
        }
        if (attributes.size() == 0) {
            throw new IllegalArgumentException("Image " + file + " is empty (0 bytes)");
        }
        return attributes.size();
    }

    /** Grey levels of the whole image, its size checked from the header before decoding. */
    private static int[] decode(Path file, long size, int side, boolean resize) {
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            int pngPalette = PngChunks.check(in, size, file);
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IllegalArgumentException(
                        "Image " + file + " is not in a format this Java can read (PNG," + " JPEG, GIF, BMP)");
            }
            ImageReader reader = readers.next();
            try {
                // ignoreMetadata: text chunks (which may inflate to gigabytes) are skipped, not decoded.
                reader.setInput(in, true, true);
                String format = reader.getFormatName().toUpperCase(Locale.ROOT);
                int w;
                int h;
                try {
                    w = reader.getWidth(0);
                    h = reader.getHeight(0);
                } catch (IOException | RuntimeException e) {
                    throw new IllegalArgumentException(
                            "Image " + file + " has a damaged " + format + " header (" + describe(e) + ")", e);
                }
                checkSize(file, w, h, side, resize);
                // Readers report some damage only as a warning (a truncated JPEG decodes, its missing part grey).
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image;
                try {
                    image = reader.read(0);
                } catch (IOException | RuntimeException e) {
                    throw new IllegalArgumentException(
                            "Image " + file + " could not be decoded as " + format + " (" + describe(e)
                                    + "); it is damaged, truncated or of a kind this reader does not take",
                            e);
                }
                if (!warnings.isEmpty()) {
                    throw new IllegalArgumentException("Image " + file + " is damaged: " + String.join("; ", warnings));
                }
                if (image.getWidth() != w || image.getHeight() != h) {
                    throw new IllegalArgumentException(
                            "Image " + file + " decoded as " + image.getWidth() + "x" + image.getHeight()
                                    + " pixels, but its header says " + w + "x" + h + "; the file is corrupt");
                }
                int[] grey = GreyLevels.of(image, pngPalette > 0 ? pngPalette : Integer.MAX_VALUE, file);
                return w == side && h == side ? grey : resample(grey, w, h, side);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Image " + file + " cannot be read: " + reason(e), e);
        }
    }

    private static void checkSize(Path file, int w, int h, int side, boolean resize) {
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException(
                    "Image " + file + " claims " + w + "x" + h + " pixels; the file is corrupt");
        }
        if (w == side && h == side) {
            return;
        }
        if (!resize) {
            throw new IllegalArgumentException("Image " + file + " is " + w + "x" + h + " pixels; the model takes "
                    + side + "x" + side + " grey-scale images (add --resize to scale it)");
        }
        if ((long) w * h > MAX_RESIZE_PIXELS) {
            throw new IllegalArgumentException("Image " + file + " is " + w + "x" + h + " pixels, more than the "
                    + MAX_RESIZE_PIXELS + " (4096x4096) that --resize takes; scale it down first");
        }
    }

    /** An exception's message with its cause's, for one line. */
    private static String describe(Throwable e) {
        String text = e instanceof EOFException ? "unexpected end of file" : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            String more = describe(cause);
            text = text == null ? more : text + ": " + more;
        }
        return text == null ? e.getClass().getSimpleName() : text;
    }

    /** What went wrong in an I/O error, in words (a {@link FileSystemException}'s message is only the path). */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName();
        }
        String message = e.getMessage();
        if (e instanceof FileNotFoundException
                && message != null
                && message.endsWith(")")
                && message.lastIndexOf(" (") >= 0) {
            // java.io's "PATH (REASON)": keep the reason, the caller names the file
            return message.substring(message.lastIndexOf(" (") + 2, message.length() - 1);
        }
        return describe(e);
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
