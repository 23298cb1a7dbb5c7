package dev.glia.core.data;

import dev.glia.core.Dataset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

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
            throw new IllegalArgumentException(
                    "Height, width and classes must be at least 1, got " + height + ", " + width + ", " + classes);
        }
        if ((long) labels.length * height * width != pixels.length) {
            throw new IllegalArgumentException(labels.length + " images of " + height + "x" + width + " need "
                    + (long) labels.length * height * width + " pixels, got " + pixels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(
                        "Label " + i + " is " + labels[i] + "; expected 0 to " + (classes - 1));
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
     * checks that they agree, that there is at least one image and that every label is below {@code classes}.
     * Both headers are checked first, before any data is read: their shapes and counts, and that the images
     * and the {@link #toDataset() Dataset} they are read for (five bytes per pixel in all) fit in the heap.
     */
    public static LabelledImages read(Path imageFile, Path labelFile, int classes) {
        int[] imageDims = Idx.readDimensions(imageFile);
        int[] labelDims = Idx.readDimensions(labelFile);
        String images = imageFile.toString();
        checkShapes(imageDims, labelDims, images, labelFile.toString());
        long pixels = (long) imageDims[0] * imageDims[1] * imageDims[2];
        long need = pixels + 4L * imageDims[0] + datasetBytes(pixels, imageDims[0], classes);
        String tooBig = Heap.tooBig(need);
        if (tooBig != null) {
            throw new IdxFormatException(String.format(
                    Locale.ROOT,
                    "IDX file %s declares %,d images of %dx%d; read"
                            + " and made into a training Dataset (5 bytes per pixel) they need %s, or use fewer images",
                    images,
                    imageDims[0],
                    imageDims[1],
                    imageDims[2],
                    tooBig));
        }
        return of(Idx.read(imageFile), Idx.read(labelFile), classes, images, labelFile.toString());
    }

    /**
     * Images from an IDX image array ({@code [count, height, width]}) and its label array ({@code [count]}),
     * checked as by {@link #read}; the names appear in error messages.
     */
    public static LabelledImages of(IdxArray images, IdxArray labels, int classes, String imageFile, String labelFile) {
        checkShapes(images.dims(), labels.dims(), imageFile, labelFile);
        int[] l = new int[labels.count()];
        for (int i = 0; i < l.length; i++) {
            l[i] = labels.unsigned(i);
            if (l[i] >= classes) {
                throw new IdxFormatException("IDX file " + labelFile + ": label " + i + " is " + l[i]
                        + ", but there are" + " only " + classes + " classes (0 to " + (classes - 1) + ")");
            }
        }
        return new LabelledImages(images.data(), l, images.dim(1), images.dim(2), classes);
    }

    private static void checkShapes(int[] images, int[] labels, String imageFile, String labelFile) {
        if (images.length != 3) {
            throw new IdxFormatException("IDX file " + imageFile + " has dimensions " + Arrays.toString(images)
                    + "; an image file has three: [count, height, width]");
        }
        if (labels.length != 1) {
            throw new IdxFormatException("IDX file " + labelFile + " has dimensions " + Arrays.toString(labels)
                    + "; a label file has one: [count]");
        }
        if (images[0] != labels[0]) {
            throw new IdxFormatException("IDX file " + imageFile + " holds " + images[0] + " images but " + labelFile
                    + " holds " + labels[0] + " labels; they must be a matching pair");
        }
        if (images[0] == 0) {
            throw new IdxFormatException("IDX file " + imageFile + " holds no images (dimensions "
                    + Arrays.toString(images) + "), and " + labelFile + " no labels; a set of images needs at least"
                    + " one to train or test on");
        }
        if (images[1] < 1 || images[2] < 1) {
            throw new IdxFormatException("IDX file " + imageFile + " has dimensions " + Arrays.toString(images)
                    + "; images need at least 1x1 pixels");
        }
    }

    /** Bytes of a Dataset of these images: a float per pixel, {@code classes} floats per label. */
    private static long datasetBytes(long pixels, long images, int classes) {
        return 4 * pixels + 4 * images * classes;
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
        int p = pixelsPerImage();
        byte[] px = Heap.bytes(
                (long) (to - from) * p,
                "Copying " + (to - from) + " images of " + height + "x" + width,
                IllegalStateException::new);
        System.arraycopy(pixels, from * p, px, 0, px.length);
        return new LabelledImages(px, Arrays.copyOfRange(labels, from, to), height, width, classes);
    }

    /** The images at {@code indices}, in that order, as a new set (copied). */
    public LabelledImages select(int[] indices) {
        int p = pixelsPerImage();
        byte[] px = Heap.bytes(
                (long) indices.length * p,
                "Copying " + indices.length + " images of " + height + "x" + width,
                IllegalStateException::new);
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

    /**
     * The set for training or evaluation: pixels scaled to [0, 1], one-hot targets of width {@link #classes()}.
     * An empty set, or one whose floats do not fit in the heap, is refused with a message saying so.
     */
    public Dataset toDataset() {
        if (labels.length == 0) {
            throw new IllegalStateException(
                    "This set holds no images; a Dataset for training or testing needs at" + " least one");
        }
        long bytes = datasetBytes(pixels.length, labels.length, classes);
        String what =
                String.format(Locale.ROOT, "A Dataset of %,d images of %dx%d (floats)", labels.length, height, width);
        Heap.check(Math.max(pixels.length, (long) labels.length * classes), bytes, what, IllegalStateException::new);
        try {
            return Dataset.of(normalizedPixels(), pixelsPerImage(), OneHot.encode(labels, classes), classes);
        } catch (OutOfMemoryError e) {
            throw Heap.outOfMemory(bytes, what, IllegalStateException::new, e);
        }
    }
}
