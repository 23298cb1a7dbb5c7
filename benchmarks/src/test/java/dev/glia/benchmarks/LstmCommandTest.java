package dev.glia.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.benchmarks.glia.GliaSystem;
import dev.glia.benchmarks.spi.CharText;
import dev.glia.benchmarks.spi.LstmSpec;
import dev.glia.benchmarks.spi.Task;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lstm subcommand: its model's arithmetic, its text and windows, its protocol figures and options; no child JVM. */
class LstmCommandTest {
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void theSpecIsTheIssuesModelAndCountsItsArithmeticByHand() {
        LstmSpec spec = LstmSpec.charModel(65, 6, 42);
        assertEquals(256, spec.hidden());
        assertEquals(2, spec.layers());
        assertEquals(64, spec.sequence());
        assertEquals(64, spec.batch());
        assertEquals(4096, spec.charsPerStep());
        // layer 1: 4·256·(65 + 256) = 328,704; layer 2: 4·256·(256 + 256) = 524,288; output 256·65 = 16,640
        assertEquals(328_704L + 524_288L + 16_640L, spec.forwardMacsPerChar());
        assertEquals(5.22e6, spec.trainingFlopsPerChar(), 0.01e6, "the issue's 'about 5.3 MFLOP per character'");
        assertEquals(0.0625, spec.lstmInitBound(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> LstmSpec.charModel(1, 6, 42));
    }

    @Test
    void theCsvHeaderIsTheIssuesThenTheWholeRunFigure() {
        assertEquals(
                "system,chars_per_s,bits_per_char,step_us,peak_rss_mb,run_chars_per_s",
                LstmCommand.newTable().csvHeader());
        assertEquals(LstmCommand.CSV_HEADER, LstmCommand.newTable().csvHeader());
    }

    @Test
    void windowsAreNonOverlappingWithTargetsShiftedByOneAndTheHeldOutPartIsTheEnd() {
        // 2 windows of 3 in a batch of 2 need 7 training characters; 4 held out
        CharText text = CharText.of("abcabcaXYZcba", 8, 4, 3, 2);
        assertEquals("XYZabc", text.alphabet());
        assertEquals(2, text.trainWindows());
        assertEquals(1, text.testWindows());
        assertEquals(6, text.trainCharsPerEpoch());
        int[] in = new int[6];
        int[] out = new int[6];
        text.trainInputs(new int[] {1, 0}, 0, 2, in);
        text.trainTargets(new int[] {1, 0}, 0, 2, out);
        // window 1 is "abc" (characters 3..5) → targets "bca"; window 0 is "abc" → "bca"
        assertArrayEquals(new int[] {3, 4, 5, 3, 4, 5}, in);
        assertArrayEquals(new int[] {4, 5, 3, 4, 5, 3}, out);
        int[] testIn = new int[3];
        int[] testOut = new int[3];
        text.testInputs(0, 1, testIn);
        text.testTargets(0, 1, testOut);
        assertArrayEquals(new int[] {2, 5, 4}, testIn, "\"Zcb\"");
        assertArrayEquals(new int[] {5, 4, 3}, testOut, "\"cba\"");
        assertThrows(IllegalArgumentException.class, () -> CharText.of("abcabcaXYZcba", 10, 4, 3, 2), "overlap");
        assertThrows(IllegalArgumentException.class, () -> CharText.of("abcabcaXYZcba", 6, 4, 3, 2), "no batch");
    }

    @Test
    void oneHotLayoutsPutTheOneWhereEachSystemReadsIt() {
        int[] codes = {1, 0, 2, 2}; // 2 windows of 2 steps, V = 3
        float[] ntc = new float[12];
        CharText.oneHotNtc(codes, 2, 2, 3, ntc);
        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1}, ntc);
        float[] nct = new float[12];
        java.util.Arrays.fill(nct, 9f);
        CharText.oneHotNct(codes, 2, 2, 3, nct);
        // window 0: feature rows [v][t]: v0 = (0, 1), v1 = (1, 0), v2 = (0, 0); window 1: v2 = (1, 1)
        assertArrayEquals(new float[] {0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1}, nct);
    }

    @Test
    void theSyntheticTextIsSeededEnglishLikeAndLongEnough() {
        String a = LstmText.synthetic(50_000, 42);
        assertEquals(50_000, a.length());
        assertEquals(a, LstmText.synthetic(50_000, 42));
        assertNotEquals(a, LstmText.synthetic(50_000, 43));
        long distinct = a.chars().distinct().count();
        assertTrue(distinct >= 55 && distinct <= 90, distinct + " distinct characters");
        assertTrue(a.contains(" the ") && a.contains("\n") && a.contains(". ") && a.contains("CHAPTER"), a);
        double spaces = a.chars().filter(c -> c == ' ').count() / (double) a.length();
        assertTrue(spaces > 0.12 && spaces < 0.25, "spaces " + spaces);
    }

    @Test
    void theSyntheticTextIsCutIntoTheAskedParts() {
        CharText text = LstmCommand.text(LstmText.SYNTHETIC, 64 * 64 * 2 + 1, 650, 42);
        assertEquals(128, text.trainWindows());
        assertEquals(10, text.testWindows());
    }

    @Test
    void badOptionsAreUsageErrorsBeforeAnyChildStarts() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(2, Main.run(List.of("lstm", "--quick", "--epochs", "3"), NOWHERE, errStream));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--quick runs 2 epochs"), err.toString());
        err.reset();
        assertEquals(2, Main.run(List.of("lstm", "--epochs", "0"), NOWHERE, errStream));
        err.reset();
        assertEquals(1, Main.run(List.of("lstm", "--data", "synthetic", "--train", "100"), NOWHERE, errStream));
        assertTrue(
                err.toString(StandardCharsets.UTF_8).contains("--train needs at least 4,097 characters"),
                err.toString());
    }

    @Test
    void everyGliaBackendAndBothPeersAreOffered() {
        Systems systems = Systems.of(List.of(new GliaSystem("ejml", null), new GliaSystem("opencl", "no platform")));
        List<String> skipped = new java.util.ArrayList<>();
        List<String> chosen = systems.select(null, Task.LSTM, skipped).stream()
                .map(dev.glia.benchmarks.spi.BenchSystem::name)
                .toList();
        assertEquals(List.of("glia-ejml"), chosen);
        assertTrue(skipped.contains("glia-opencl: no platform"), skipped.toString());
        assertTrue(skipped.stream().anyMatch(s -> s.startsWith("dl4j: not built")), skipped.toString());
        assertTrue(skipped.stream().anyMatch(s -> s.startsWith("djl-pytorch: not built")), skipped.toString());
        assertTrue(skipped.stream().noneMatch(s -> s.startsWith("nd4j-1t")), "nd4j-1t is gemm only");
    }

    @Test
    void gflopsAreCharactersPerSecondTimesTheFlopsPerCharacterAgainstThePeak() {
        LstmCommand command = new LstmCommand(NOWHERE, NOWHERE);
        command.accept(new GliaSystem("ejml", null), List.of(Map.of("chars_per_s", "10000")));
        String lines = command.gflops(LstmSpec.charModel(65, 6, 42), 100);
        // 10,000 chars/s × 5,217,792 FLOP = 52.18 GFLOPS, 52.2 % of 100
        assertTrue(lines.contains("- glia-ejml: 52.18 GFLOPS (52.2 % of peak)"), lines);
        assertTrue(lines.contains("5.22 MFLOP per character"), lines);
    }
}
