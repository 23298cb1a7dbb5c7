package dev.glia.core.data;

import dev.glia.core.Dataset;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Grey-scale images with a class label each, as in MNIST and Fashion-MNIST: pixels are unsigned bytes,
 * image after image, row-major.
 *
 * <pre>{@code
 * LabelledImages test = LabelledImages.read(dir.resolve("t10k-images-idx3-ubyte.gz"),
 *         dir.resolve("t10k-labels-idx1-ubyte.gz"), 10);
 * Dataset data = test.toDataset();          // pixels / 255, one-hot targets
 * }</pre>
 */
public final class LabelledImages {
    private final byte[] pixels;
    private final int[] labels;
    private final int height;
    private final int width;
    private final int classes;

    /**
     * Images over {@code pixels} (not copied: {@code labels.length * height * width} bytes) with their
     * labels, each in {@code [0, classes)}.
     */
    public LabelledImages(byte[] pixels, int[] labels, int height, int width, int classes) {
        if (height < 1 || width < 1 || classes < 1) {
            throw new IllegalArgumentException("Height, width and classes must be at least 1, got " + height + ", "
                    + width + ", " + classes);
        }
        if ((long) labels.length * height * width != pixels.length) {
            throw new IllegalArgumentException(labels.length + " images of " + height + "x" + width + " need "
                    + (long) labels.length * height * width + " pixels, got " + pixels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("Label " + i + " is " + labels[i] + "; expected 0 to "
                        + (classes - 1));
            }
        }
        this.pixels = pixels;
        this.labels = labels;
        this.height = height;
        this.width = width;
        this.classes = classes;
    }

    /**
     * Reads an IDX image file ({@code [count, height, width]}) and its IDX label file ({@code [count]}), and
     * checks that they agree and that every label is below {@code classes}.
     */
    public static LabelledImages read(Path imageFile, Path labelFile, int classes) {
        return of(Idx.read(imageFile), Idx.read(labelFile), classes, imageFile.toString(), labelFile.toString());
    }

    /**
     * Images from an IDX image array ({@code [count, height, width]}) and its label array ({@code [count]}),
     * checked as by {@link #read}; the names appear in error messages.
     */
    public static LabelledImages of(IdxArray images, IdxArray labels, int classes, String imageFile,
            String labelFile) {
        if (images.rank() != 3) {
            throw new IdxFormatException("IDX file " + imageFile + " has dimensions " + Arrays.toString(images.dims())
                    + "; an image file has three: [count, height, width]");
        }
        if (labels.rank() != 1) {
            throw new IdxFormatException("IDX file " + labelFile + " has dimensions " + Arrays.toString(labels.dims())
                    + "; a label file has one: [count]");
        }
        if (images.count() != labels.count()) {
            throw new IdxFormatException("IDX file " + imageFile + " holds " + images.count() + " images but "
                    + labelFile + " holds " + labels.count() + " labels; they must be a matching pair");
        }
        int[] l = new int[labels.count()];
        for (int i = 0; i < l.length; i++) {
            l[i] = labels.unsigned(i);
            if (l[i] >= classes) {
                throw new IdxFormatException("IDX file " + labelFile + ": label " + i + " is " + l[i] + ", but there are"
                        + " only " + classes + " classes (0 to " + (classes - 1) + ")");
            }
        }
        return new LabelledImages(images.data(), l, images.dim(1), images.dim(2), classes);
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** Rows of pixels per image. */
    public int height() {
        return height;
    }

    /** Pixels per row. */
    public int width() {
        return width;
    }

    /** Pixels per image. */
    public int pixelsPerImage() {
        return height * width;
    }

    /** Number of classes. */
    public int classes() {
        return classes;
    }

    /** The label of image {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** A copy of the labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** A copy of the pixels of image {@code i}, row-major, unsigned bytes. */
    public byte[] image(int i) {
        return Arrays.copyOfRange(pixels, i * pixelsPerImage(), (i + 1) * pixelsPerImage());
    }

    /** Images {@code [from, to)} as a new set (copied). */
    public LabelledImages slice(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IndexOutOfBoundsException("Slice [" + from + ", " + to + ") of " + size() + " images");
        }
        return new LabelledImages(Arrays.copyOfRange(pixels, from * pixelsPerImage(), to * pixelsPerImage()),
                Arrays.copyOfRange(labels, from, to), height, width, classes);
    }

    /** The images at {@code indices}, in that order, as a new set (copied). */
    public LabelledImages select(int[] indices) {
        int p = pixelsPerImage();
        byte[] px = new byte[Math.multiplyExact(indices.length, p)];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int from = indices[i];
            if (from < 0 || from >= size()) {
                throw new IndexOutOfBoundsException("Image " + from + " of " + size());
            }
            System.arraycopy(pixels, from * p, px, i * p, p);
            l[i] = labels[from];
        }
        return new LabelledImages(px, l, height, width, classes);
    }

    /** The pixels scaled to [0, 1] ({@link Normalization#unitRange}), image after image. */
    public float[] normalizedPixels() {
        return Normalization.unitRange(pixels);
    }

    /** The set for training or evaluation: pixels scaled to [0, 1], one-hot targets of width {@link #classes()}. */
    public Dataset toDataset() {
        return Dataset.of(normalizedPixels(), pixelsPerImage(), OneHot.encode(labels, classes), classes);
    }
}
