package dev.glia.examples.fashion;

import dev.glia.core.data.Idx;
import dev.glia.core.data.IdxArray;
import dev.glia.core.data.LabelledImages;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Fashion-MNIST data set (Xiao, Rasul and Vollgraf, 2017; MIT licence, Zalando SE): 28x28 grey-scale
 * pictures of clothes in ten classes, 60,000 for training and 10,000 for testing, as IDX files. The full set
 * comes from the Debian package {@code dataset-fashion-mnist}; a balanced subset of 2,000 training and 500
 * test images is bundled in this jar (see {@code bundled/README.md} beside it).
 */
public final class FashionMnist {
    /** The class names, by label. */
    public static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** Where Debian's {@code dataset-fashion-mnist} installs the files. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** The {@code --data} value that picks the bundled subset. */
    public static final String BUNDLED = "bundled";
    /** Image side in pixels. */
    public static final int SIDE = 28;

    private static final String RESOURCES = "/dev/glia/examples/fashion/bundled/";
    private static final String TRAIN = "train";
    private static final String TEST = "t10k";

    /**
     * Training and test images and where they came from.
     *
     * @param train   the training images
     * @param test    the test images
     * @param source  a short description of the source, e.g. the directory
     * @param bundled whether this is the bundled subset
     * @param note    a line to tell the user (why the bundled subset is used), or null
     */
    public record Data(LabelledImages train, LabelledImages test, String source, boolean bundled, String note) {}

    private FashionMnist() {}

    /**
     * The data that {@code --data} names: null for the default (the Debian package's directory, else the
     * bundled subset, with a note saying so), {@code bundled} for the subset, or a directory.
     */
    public static Data load(String data) {
        return load(data, DEFAULT_DIR);
    }

    /** {@link #load(String)} with another default directory (tests use a missing one). */
    static Data load(String data, Path defaultDir) {
        if (data == null) {
            if (Files.isDirectory(defaultDir)) {
                return loadDirectory(defaultDir);
            }
            Data bundled = loadBundled();
            return new Data(
                    bundled.train(),
                    bundled.test(),
                    bundled.source(),
                    true,
                    String.format(
                            java.util.Locale.ROOT,
                            "Fashion-MNIST is not installed in %s (apt-get install"
                                    + " dataset-fashion-mnist); using the bundled subset of %,d training and %,d test images",
                            defaultDir,
                            bundled.train().size(),
                            bundled.test().size()));
        }
        if (data.equals(BUNDLED)) {
            return loadBundled();
        }
        return loadDirectory(Path.of(data));
    }

    /**
     * The four IDX files in {@code dir}, each {@code .gz} or uncompressed. Each must be a regular file that
     * holds at least one image or label (checked by {@link LabelledImages#read} before its data is read).
     */
    public static Data loadDirectory(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("Data directory " + dir + " is a file, not a directory; give the"
                    + " directory that holds the four Fashion-MNIST IDX files, or --data bundled");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("Data directory " + dir + " does not exist; give a directory with the"
                    + " Fashion-MNIST IDX files, or --data bundled");
        }
        LabelledImages train = LabelledImages.read(
                file(dir, TRAIN + "-images-idx3-ubyte"), file(dir, TRAIN + "-labels-idx1-ubyte"), CLASS_NAMES.size());
        LabelledImages test = LabelledImages.read(
                file(dir, TEST + "-images-idx3-ubyte"), file(dir, TEST + "-labels-idx1-ubyte"), CLASS_NAMES.size());
        checkSide(train, dir.toString());
        checkSide(test, dir.toString());
        return new Data(train, test, dir.toString(), false, null);
    }

    private static Path file(Path dir, String name) {
        // A dangling or looping link is returned too, so that reading it says what is wrong with it.
        Path gz = dir.resolve(name + ".gz");
        if (Files.exists(gz) || Files.isSymbolicLink(gz)) {
            return gz;
        }
        Path raw = dir.resolve(name);
        if (Files.exists(raw) || Files.isSymbolicLink(raw)) {
            return raw;
        }
        throw new IllegalArgumentException("Data directory " + dir + " has no " + name + ".gz (nor " + name
                + "); expected the four Fashion-MNIST IDX files train-images-idx3-ubyte, train-labels-idx1-ubyte,"
                + " t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte");
    }

    /** The subset bundled in this jar: 2,000 training and 500 test images, 200 and 50 per class. */
    public static Data loadBundled() {
        LabelledImages train = LabelledImages.of(
                resource(TRAIN + "-images-idx3-ubyte.gz"),
                resource(TRAIN + "-labels-idx1-ubyte.gz"),
                CLASS_NAMES.size(),
                "bundled training images",
                "bundled training labels");
        LabelledImages test = LabelledImages.of(
                resource(TEST + "-images-idx3-ubyte.gz"),
                resource(TEST + "-labels-idx1-ubyte.gz"),
                CLASS_NAMES.size(),
                "bundled test images",
                "bundled test labels");
        return new Data(
                train,
                test,
                String.format(
                        java.util.Locale.ROOT,
                        "bundled subset (%,d training, %,d test" + " images)",
                        train.size(),
                        test.size()),
                true,
                null);
    }

    private static IdxArray resource(String name) {
        try (InputStream in = FashionMnist.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("The bundled data file " + RESOURCES + name + " is missing from the"
                        + " class path; rebuild glia-examples");
            }
            return Idx.read(in, name);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the bundled data file " + name, e);
        }
    }

    private static void checkSide(LabelledImages images, String source) {
        if (images.height() != SIDE || images.width() != SIDE) {
            throw new IllegalArgumentException("The images in " + source + " are " + images.height() + "x"
                    + images.width() + "; Fashion-MNIST images are " + SIDE + "x" + SIDE);
        }
    }
}
