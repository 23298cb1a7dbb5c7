package dev.glia.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.benchmarks.glia.GliaSystem;
import dev.glia.benchmarks.spi.BenchSystem;
import dev.glia.benchmarks.spi.Task;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a training comparison writes from its workers' result lines: the CSV, the Markdown and the curves. No child JVM. */
class ThroughputReportTest {
    @TempDir
    Path dir;

    /** A peer that never runs: only its name and kind matter to the report. */
    private static BenchSystem peer(String name) {
        return new BenchSystem() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<Task> tasks() {
                return Set.of(Task.THROUGHPUT);
            }
        };
    }

    private static Map<String, String> line(String system, double[] seconds, String subnormals) {
        Map<String, Object> r = new HashMap<>();
        r.put("system", system);
        r.putAll(new EpochFigures(6_000, seconds, new double[seconds.length]).toResult());
        r.put("test_accuracy", 0.875);
        r.put("infer_us", 20.0);
        r.put("peak_rss_mb", 600);
        if (subnormals != null) {
            r.put("epoch_subnormals", subnormals);
        }
        return ResultLine.parse(ResultLine.format(new java.util.TreeMap<>(r)));
    }

    private ThroughputCommand command(ByteArrayOutputStream out, String... argv) {
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        ThroughputCommand c = new ThroughputCommand(ps, ps, ThroughputCommand.Model.MLP);
        Set<String> valued = new HashSet<>(c.valued());
        c.configure(Args.parse(List.of(argv), valued, c.flags()));
        c.results = dir;
        c.settings = new ChildJvm.Settings(2, "3g", List.of(), null, Duration.ofMinutes(1));
        c.started = "2026-11-30 12:00 UTC";
        c.loadBefore = "1.00, 1.00, 1.00";
        c.loadAfter = "1.50, 1.10, 1.00";
        return c;
    }

    @Test
    void aFullRunWritesBothRatesThePerEpochTableAndTheCurves() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ThroughputCommand c = command(out);
        // glia: 6,000 samples per epoch in 2, 1, 1, 1, 1, 1 s: steady 6,000, whole run 36,000 / 7 s = 5,142.9
        c.accept(new GliaSystem("ejml", null), List.of(line("glia-ejml", new double[] {2, 1, 1, 1, 1, 1}, null)));
        // peer: 6, 6, 2, 2, 2, 2 s: steady 3,000, whole run 36,000 / 20 s = 1,800
        c.accept(
                peer("slowpeer"),
                List.of(line(
                        "slowpeer",
                        new double[] {6, 6, 2, 2, 2, 2},
                        "0/0/0/9 5/0/0/9 7/0/0/9 7/0/0/9 7/0/0/9 7/0/0/9")));
        c.report();
        List<String> csv = Files.readAllLines(dir.resolve("throughput.csv"));
        assertEquals(ThroughputCommand.CSV_HEADER, csv.get(0));
        assertEquals("glia-ejml,6000,0.875,20,600,5142.8571", csv.get(1));
        assertEquals("slowpeer,3000,0.875,20,600,1800", csv.get(2));
        String md = Files.readString(dir.resolve("throughput.md"));
        assertTrue(
                md.contains("| glia-ejml | 3,000 | 6,000 | 6,000 | 6,000 | 6,000 | 6,000 | 6,000 | 5,143 | 7.0 |"), md);
        assertTrue(
                md.contains("| slowpeer | 1,000 | 1,000 | 3,000 | 3,000 | 3,000 | 3,000 | 3,000 | 1,800 | 20.0 |"), md);
        assertTrue(md.contains("2.00× steady, 2.86× whole run"), md);
        assertTrue(md.contains("- slowpeer: 0/0/0/9, 5/0/0/9, 7/0/0/9"), md);
        assertTrue(!md.contains("Not comparable"), md);
        assertTrue(Files.size(dir.resolve("throughput-epochs.png")) > 1000, "the curves were drawn");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("| epoch 1 |"), "the per-epoch table is printed");
    }

    @Test
    void aQuickRunSaysItsFiguresAreNotComparable() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ThroughputCommand c = command(out, "--quick");
        assertTrue(
                out.toString(StandardCharsets.UTF_8).contains("warning: Not comparable: --quick ran 2 epochs"),
                out::toString);
        c.accept(new GliaSystem("ejml", null), List.of(line("glia-ejml", new double[] {2, 1}, null)));
        c.report();
        String md = Files.readString(dir.resolve("throughput.md"));
        assertTrue(
                md.startsWith("## Training throughput: MLP 784-256-128-10 on Fashion-MNIST (2 epochs: not comparable)"),
                md);
        assertTrue(md.contains("**Not comparable:** --quick ran 2 epochs"), md);
        assertTrue(md.contains("steady (epoch 2)"), md);
    }

    @Test
    void theCrossCheckSetsEachPeersOwnLoopBesideTheHarnessLoop() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        ThroughputCommand c = ThroughputCommand.crossCheck(ps, ps);
        assertEquals(List.of("djl-pytorch", "djl-pytorch-easytrain", "dl4j", "dl4j-fit-iterator"), c.defaultSystems());
        // harness: steady 6,000, run 36,000 / 7 s = 5,142.9; own loop: 6,000 / 1.2 s = 5,000 steady (0.83),
        // 36,000 / 8 s = 4,500 whole run (0.875): both within 20 %
        c.accept(peer("djl-pytorch"), List.of(line("djl-pytorch", new double[] {2, 1, 1, 1, 1, 1}, null)));
        c.accept(
                peer("djl-pytorch-easytrain"),
                List.of(line("djl-pytorch-easytrain", new double[] {2, 1.2, 1.2, 1.2, 1.2, 1.2}, null)));
        // DL4J's own loop at half the harness's speed: 0.50 and 0.50, not within 20 %
        c.accept(peer("dl4j"), List.of(line("dl4j", new double[] {2, 1, 1, 1, 1, 1}, null)));
        c.accept(peer("dl4j-fit-iterator"), List.of(line("dl4j-fit-iterator", new double[] {4, 2, 2, 2, 2, 2}, null)));
        String table = c.crossCheckTable();
        assertTrue(
                table.contains(
                        "| djl-pytorch | djl-pytorch-easytrain | 6,000 | 5,000 | 0.83 | 5,143 | 4,500 | 0.88 | yes |"),
                table);
        assertTrue(
                table.contains("| dl4j | dl4j-fit-iterator | 6,000 | 3,000 | 0.50 | 5,143 | 2,571 | 0.50 | **no**"),
                table);
    }
}
