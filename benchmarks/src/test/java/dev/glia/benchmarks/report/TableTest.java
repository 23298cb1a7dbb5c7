package dev.glia.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.benchmarks.report.Table.Format;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableTest {
    private static Table throughput() {
        return new Table(List.of(
                Table.column("system", "system", Format.TEXT),
                Table.column("samples_per_s", "samples/s", Format.INTEGER),
                Table.column("test_accuracy", "test accuracy", Format.PERCENT),
                Table.column("infer_us", "inference µs", Format.ONE_DECIMAL),
                Table.column("peak_rss_mb", "peak RSS MiB", Format.INTEGER)));
    }

    @Test
    void csvHasTheFixedHeaderAndPlainNumbers() {
        Table t =
                throughput().row("glia-ejml", 12345.678, 0.8712, 41.25, 812.0).row("dl4j", 5500.0, 0.87, 250.5, 1024.4);
        assertEquals(
                "system,samples_per_s,test_accuracy,infer_us,peak_rss_mb\n"
                        + "glia-ejml,12345.678,0.8712,41.25,812\n"
                        + "dl4j,5500,0.87,250.5,1024.4\n",
                t.toCsv());
    }

    @Test
    void csvQuotesWhatNeedsIt() {
        Table t = new Table(List.of(Table.column("a", "a", Format.TEXT), Table.column("b", "b", Format.TEXT)));
        t.row("x,y", "say \"hi\"");
        assertEquals("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n", t.toCsv());
    }

    @Test
    void csvLeavesMissingNumbersEmpty() {
        Table t = throughput().row("glia-opencl", Double.NaN, null, 1, 2L);
        assertEquals("glia-opencl,,,1,2", t.toCsv().split("\n")[1]);
    }

    @Test
    void markdownRightAlignsNumbersAndFormatsForPeople() {
        Table t = throughput().row("glia-ejml", 12345.678, 0.8712, 41.25, 812.0);
        String[] lines = t.toMarkdown().split("\n");
        assertEquals("| system | samples/s | test accuracy | inference µs | peak RSS MiB |", lines[0]);
        assertEquals("|---|---:|---:|---:|---:|", lines[1]);
        assertEquals("| glia-ejml | 12,346 | 87.12 % | 41.3 | 812 |", lines[2]);
    }

    @Test
    void textAlignsColumns() {
        Table t = throughput()
                .row("glia-ejml", 12345.0, 0.8712, 41.25, 812.0)
                .row("djl-pytorch", 52000.0, 0.88, 9.0, 1500.0);
        String[] lines = t.toText().split("\n");
        assertEquals(4, lines.length);
        int width = lines[0].length();
        assertTrue(lines[0].startsWith("system     "), lines[0]);
        assertEquals(width, lines[2].length());
        assertEquals(width, lines[3].length());
        assertTrue(lines[3].startsWith("djl-pytorch"));
        assertTrue(lines[2].endsWith("812"));
    }

    @Test
    void rowsMustMatchTheColumns() {
        assertThrows(IllegalArgumentException.class, () -> throughput().row("only one"));
    }

    @Test
    void writesAtomicallyIntoANewFolder(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("deep/results/x.csv");
        throughput().row("a", 1, 0.5, 2, 3).writeCsv(csv);
        assertEquals("system,samples_per_s,test_accuracy,infer_us,peak_rss_mb\na,1,0.5,2,3\n", Files.readString(csv));
        try (var files = Files.list(csv.getParent())) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }
}
