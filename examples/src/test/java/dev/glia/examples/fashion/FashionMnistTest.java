package dev.glia.examples.fashion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.core.data.Idx;
import dev.glia.core.data.IdxArray;
import dev.glia.core.data.LabelledImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled subset follows its documented rule; a data directory is found and checked. */
class FashionMnistTest {
    @TempDir
    Path dir;

    @Test
    void bundledSubsetIsBalanced() {
        FashionMnist.Data data = FashionMnist.loadBundled();
        assertTrue(data.bundled());
        assertCounts(data.train(), 200);
        assertCounts(data.test(), 50);
        assertEquals(28, data.train().height());
    }

    private static void assertCounts(LabelledImages images, int perClass) {
        int[] counts = new int[10];
        for (int label : images.labels()) {
            counts[label]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(perClass, counts[c], "class " + c);
        }
    }

    @Test
    void withoutTheDebianPackageTheBundledSubsetIsUsedAndSaidSo() {
        FashionMnist.Data data = FashionMnist.load(null, dir.resolve("not-installed"));
        assertTrue(data.bundled());
        assertEquals(2000, data.train().size());
        assertEquals(
                "Fashion-MNIST is not installed in " + dir.resolve("not-installed") + " (apt-get install"
                        + " dataset-fashion-mnist); using the bundled subset of 2,000 training and 500 test images",
                data.note());
        assertEquals(null, FashionMnist.load("bundled").note());
    }

    /** Recomputes the cut from the full data set, where it is installed, and compares image by image. */
    @Test
    void bundledSubsetIsTheFirstImagesOfEachClassOfTheFullSet() {
        Assumptions.assumeTrue(
                Files.isDirectory(FashionMnist.DEFAULT_DIR),
                "the full data set is not installed (apt-get install dataset-fashion-mnist)");
        FashionMnist.Data full = FashionMnist.loadDirectory(FashionMnist.DEFAULT_DIR);
        FashionMnist.Data bundled = FashionMnist.loadBundled();
        assertEquals(60_000, full.train().size());
        assertEquals(10_000, full.test().size());
        assertSameCut(full.train(), bundled.train(), 200);
        assertSameCut(full.test(), bundled.test(), 50);
    }

    private static void assertSameCut(LabelledImages full, LabelledImages cut, int perClass) {
        int[] taken = new int[10];
        int k = 0;
        for (int i = 0; i < full.size() && k < cut.size(); i++) {
            int label = full.label(i);
            if (taken[label] < perClass) {
                taken[label]++;
                assertEquals(label, cut.label(k));
                assertArrayEquals(full.image(i), cut.image(k), "image " + k + " of the cut is image " + i);
                k++;
            }
        }
        assertEquals(cut.size(), k);
    }

    @Test
    void aDirectoryWithRawAndGzipFilesLoadsAndAMissingOneIsNamed() {
        byte[] pixels = new byte[3 * 28 * 28];
        pixels[5] = (byte) 200;
        Idx.write(dir.resolve("train-images-idx3-ubyte.gz"), new IdxArray(new int[] {3, 28, 28}, pixels), true);
        Idx.write(dir.resolve("train-labels-idx1-ubyte"), new IdxArray(new int[] {3}, new byte[] {9, 0, 4}), false);
        Idx.write(dir.resolve("t10k-images-idx3-ubyte"), new IdxArray(new int[] {1, 28, 28}, new byte[784]), false);
        String m = assertThrows(IllegalArgumentException.class, () -> FashionMnist.load(dir.toString()))
                .getMessage();
        assertTrue(m.contains("has no t10k-labels-idx1-ubyte.gz"), m);
        Idx.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), new IdxArray(new int[] {1}, new byte[] {3}), true);
        FashionMnist.Data data = FashionMnist.load(dir.toString());
        assertFalse(data.bundled());
        assertArrayEquals(new int[] {9, 0, 4}, data.train().labels());
        assertEquals(200 / 255f, data.train().toDataset().features(0)[5]);
        m = assertThrows(
                        IllegalArgumentException.class,
                        () -> FashionMnist.load(dir.resolve("nope").toString()))
                .getMessage();
        assertTrue(m.contains("does not exist") && m.contains("--data bundled"), m);
    }
}
