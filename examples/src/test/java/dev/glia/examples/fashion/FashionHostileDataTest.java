package dev.glia.examples.fashion;

import static dev.glia.examples.cli.Run.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.core.data.Idx;
import dev.glia.core.data.IdxArray;
import dev.glia.core.data.LabelledImages;
import dev.glia.examples.cli.GliaCommand;
import dev.glia.examples.cli.Run;
import dev.glia.testkit.Fifos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code glia fashion --data DIR} with hostile data directories: an empty test or training set, a FIFO or a
 * directory in place of a file, too few images for the validation split. Each is one line on standard error
 * and status 1, before any training.
 */
class FashionHostileDataTest {
    @TempDir
    Path dir;

    /** Writes a training set of {@code train} and a test set of {@code test} images of 28x28 into {@link #dir}. */
    private void writeData(int train, int test) {
        write("train", train);
        write("t10k", test);
    }

    private void write(String prefix, int n) {
        byte[] pixels = new byte[n * 28 * 28];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
            pixels[i * 784 + i % 784] = (byte) 200;
        }
        Idx.write(dir.resolve(prefix + "-images-idx3-ubyte.gz"), new IdxArray(new int[] {n, 28, 28}, pixels), true);
        Idx.write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), new IdxArray(new int[] {n}, labels), true);
    }

    /** Whether a progress line ("epoch  1/1  loss ...") shows that training began. */
    private static boolean trained(Run r) {
        return (r.out() + r.err()).lines().anyMatch(l -> l.startsWith("epoch"));
    }

    /** Runs {@code glia fashion} on {@link #dir} and returns its one error line, checking no training began. */
    private String fashionError() {
        Run r = assertTimeoutPreemptively(
                Duration.ofSeconds(20),
                () -> run(
                        "fashion",
                        "--data",
                        dir.toString(),
                        "--backend",
                        "ejml",
                        "--epochs",
                        "1",
                        "--progress",
                        "lines"));
        assertEquals(GliaCommand.FAILURE, r.status(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertFalse(trained(r), "no training: " + r.out() + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        return r.err().strip();
    }

    @Test
    void noTestImagesIsAnErrorBeforeTrainingNamingTheFile() {
        writeData(20, 0);
        Path images = dir.resolve("t10k-images-idx3-ubyte.gz");
        Path labels = dir.resolve("t10k-labels-idx1-ubyte.gz");
        assertEquals(
                "glia: IDX file " + images + " holds no images (dimensions [0, 28, 28]), and " + labels
                        + " no labels; a set of images needs at least one to train or test on",
                fashionError());
    }

    @Test
    void noTrainingImagesSaysSo() {
        writeData(0, 5);
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
        assertEquals(
                "glia: IDX file " + images + " holds no images (dimensions [0, 28, 28]), and " + labels
                        + " no labels; a set of images needs at least one to train or test on",
                fashionError());
    }

    @Test
    void aFifoAsTheLabelsFileIsRefusedAtOnce() throws Exception {
        writeData(20, 5);
        Path fifo = dir.resolve("t10k-labels-idx1-ubyte.gz");
        Files.delete(fifo);
        Fifos.make(fifo);
        assertEquals(
                "glia: IDX file " + fifo + " is a FIFO (named pipe), not a regular file; IDX data is read from"
                        + " regular files only (copy it into one)",
                fashionError());
    }

    @Test
    void aDirectoryInPlaceOfAFileOrOfTheDataDirectoryIsNamed() throws IOException {
        writeData(20, 5);
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        Files.delete(images);
        Files.createDirectory(images);
        assertEquals(
                "glia: IDX file " + images + " is a directory; give the IDX file itself, e.g."
                        + " train-images-idx3-ubyte.gz",
                fashionError());
        // the command line refuses a file as --data itself (FashionOptionsTest); the loader says so to API users
        Path file = dir.resolve("t10k-labels-idx1-ubyte.gz");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> FashionMnist.loadDirectory(file));
        assertEquals(
                "Data directory " + file + " is a file, not a directory; give the directory that holds the"
                        + " four Fashion-MNIST IDX files, or --data bundled",
                e.getMessage());
    }

    @Test
    void aLoopingOrDanglingLinkIsNamedNotCalledMissing() throws IOException {
        writeData(20, 5);
        Path images = dir.resolve("t10k-images-idx3-ubyte.gz");
        Files.delete(images);
        Files.createSymbolicLink(images, images.getFileName());
        assertTrue(fashionError().startsWith("glia: Cannot read IDX file " + images + ": "));
        Files.delete(images);
        Files.createSymbolicLink(images, dir.resolve("gone"));
        assertEquals("glia: IDX file " + images + " does not exist", fashionError());
    }

    @Test
    void tooFewTrainingImagesForTheValidationSplitSaySo() {
        writeData(5, 5);
        Run r = run(
                "fashion", "--data", dir.toString(), "--backend", "ejml", "--validation", "5", "--progress", "lines");
        assertEquals(GliaCommand.FAILURE, r.status(), r.out() + r.err());
        assertEquals(
                "glia: Holding out 5 images for validation (--validation) leaves none of the 5 training images to"
                        + " train on; hold out fewer than 5, or -1 for a tenth",
                r.err().strip());
        assertFalse(trained(r), "no training: " + r.out() + r.err());
    }

    @Test
    void theSettingsAndTheTrainingRefuseEmptySetsThemselves() {
        FashionSettings settings = FashionSettings.defaults();
        assertEquals(0, settings.validationSizeFor(1), "one image trains without validation");
        assertEquals(1, settings.validationSizeFor(10));
        assertEquals(5_000, settings.validationSizeFor(60_000));
        String m = assertThrows(IllegalArgumentException.class, () -> settings.validationSizeFor(0))
                .getMessage();
        assertEquals(
                "There are no training images: the training set is empty, so there is nothing to train on;"
                        + " give a data set with training images",
                m);
        LabelledImages one = new LabelledImages(new byte[784], new int[] {3}, 28, 28, 10);
        LabelledImages none = one.slice(0, 0);
        FashionMnist.Data noTest = new FashionMnist.Data(one, none, "test data", false, null);
        m = assertThrows(
                        IllegalArgumentException.class,
                        () -> FashionTraining.run(null, noTest, settings, List.of(), null))
                .getMessage();
        assertEquals(
                "The test set of test data holds no images, so the trained network could not be evaluated; give"
                        + " a data set with test images",
                m);
        FashionMnist.Data noTrain = new FashionMnist.Data(none, one, "test data", false, null);
        m = assertThrows(
                        IllegalArgumentException.class,
                        () -> FashionTraining.run(null, noTrain, settings, List.of(), null))
                .getMessage();
        assertTrue(m.startsWith("There are no training images"), m);
    }
}
