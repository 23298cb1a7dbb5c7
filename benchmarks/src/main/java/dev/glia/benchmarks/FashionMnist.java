package dev.glia.benchmarks;

import dev.glia.benchmarks.spi.ImageData;
import dev.glia.core.data.LabelledImages;
import dev.glia.core.data.OneHot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fashion-MNIST from a folder of the four IDX files (gzip-compressed or not), read with Glia's own IDX
 * reader ({@code dev.glia.core.data}); pixels scaled to [0, 1].
 */
public final class FashionMnist {
    /** Where Debian's {@code dataset-fashion-mnist} package puts the files. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** Images in the training set. */
    public static final int TRAIN_SIZE = 60_000;
    /** Images in the test set. */
    public static final int TEST_SIZE = 10_000;
    /** Number of classes. */
    public static final int CLASSES = 10;

    private static final String[] FILES = {
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"
    };

    /** The training set (60,000 images) and the test set (10,000). */
    public record Split(ImageData train, ImageData test) {}

    private FashionMnist() {}

    /** The problem with {@code dir} in one message, or null when all four files are there. */
    public static String problem(Path dir) {
        List<String> missing = new ArrayList<>();
        for (String f : FILES) {
            if (find(dir, f) == null) {
                missing.add(f + "[.gz]");
            }
        }
        if (missing.isEmpty()) {
            return null;
        }
        return "Fashion-MNIST is not in " + dir.toAbsolutePath() + ": missing " + String.join(", ", missing)
                + ".\nInstall it with `sudo apt-get install dataset-fashion-mnist` (files in " + DEFAULT_DIR
                + ") or download the four IDX files from https://github.com/zalandoresearch/fashion-mnist and pass"
                + " --data DIR.";
    }

    /** Reads both sets; fails with {@link #problem}'s message when files are missing. */
    public static Split load(Path dir) {
        String problem = problem(dir);
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        return new Split(read(dir, "train"), read(dir, "t10k"));
    }

    private static ImageData read(Path dir, String prefix) {
        LabelledImages images = LabelledImages.read(
                find(dir, prefix + "-images-idx3-ubyte"), find(dir, prefix + "-labels-idx1-ubyte"), CLASSES);
        int[] labels = images.labels();
        return new ImageData(
                images.normalizedPixels(), labels, OneHot.encode(labels, CLASSES), images.pixelsPerImage(), CLASSES);
    }

    private static Path find(Path dir, String name) {
        for (Path p : new Path[] {dir.resolve(name + ".gz"), dir.resolve(name)}) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
