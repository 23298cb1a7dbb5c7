package dev.glia.examples.cli;

import static dev.glia.examples.cli.Run.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glia.core.eval.ConfusionMatrix;
import dev.glia.examples.fashion.Charts;
import dev.glia.examples.fashion.FashionMnist;
import dev.glia.examples.options.IoFailures;
import dev.glia.examples.options.OutputPaths;
import dev.glia.examples.options.UsageError;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * I/O failures say what failed and why, on one line: the output paths of {@code xor --plot} and
 * {@code activations --out}, a chart of {@code fashion}, and the path-only exceptions that reach the error
 * handler.
 */
class IoErrorsTest {
    private static final String NL = System.lineSeparator();

    @TempDir
    Path dir;

    private Path aFile() throws IOException {
        return Files.writeString(dir.resolve("somefile"), "a file");
    }

    @Test
    void xorPlotMustNameAFile() {
        Run empty = run("xor", "--backend", "ejml", "--plot", "");
        assertEquals("glia: --plot must name a file, got an empty string" + NL, empty.err());
        assertEquals(GliaCommand.USAGE, empty.status());
        assertEquals("", empty.out(), "refused before the lesson ran");

        Run directory = run("xor", "--backend", "ejml", "--plot", dir.toString());
        assertEquals("glia: --plot must name a regular file, but " + dir + " is a directory" + NL, directory.err());
        assertEquals(GliaCommand.USAGE, directory.status());
        assertTrue(Files.isDirectory(dir), "the directory was not replaced by a picture");
    }

    @Test
    void anOutputThatIsADeviceIsNeverReplaced() throws IOException {
        // checked directly: writing renames over the target, which as root would replace /dev/null itself
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull) && !Files.isRegularFile(devNull), "no /dev/null device here");
        UsageError e = assertThrows(UsageError.class, () -> OutputPaths.file("--plot", "/dev/null", "write the plot"));
        assertEquals(
                "--plot must name a regular file, but /dev/null is a device or other special file", e.getMessage());
        Run asDirectory = run("activations", "--backend", "ejml", "--out", "/dev/null");
        assertEquals(
                "glia: --out must name a directory, but /dev/null is a device or other special file" + NL,
                asDirectory.err());
        assertEquals(GliaCommand.USAGE, asDirectory.status());

        Path out = Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(out.resolve("activations.png"), devNull);
        Run run = run("activations", "--backend", "ejml", "--out", out.toString());
        assertEquals(
                "glia: --out " + out + " holds a symbolic link activations.png where the command writes the file"
                        + " activations.png; remove it or choose another directory" + NL,
                run.err());
        assertEquals(GliaCommand.USAGE, run.status());
    }

    @Test
    void aChartNeverReplacesWhatIsNotARegularFile() throws IOException {
        Path target = Files.createDirectories(dir.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(dir.resolve("loss.png"), target);
        ConfusionMatrix m = ConfusionMatrix.of(10, new int[] {0}, new int[] {0});
        UncheckedIOException e =
                assertThrows(UncheckedIOException.class, () -> Charts.confusion(m, FashionMnist.CLASS_NAMES, link));
        assertEquals("cannot write the chart " + link + ": it exists and is not a regular file", e.getMessage());
        assertTrue(Files.isSymbolicLink(link), "the link is still there");
    }

    @Test
    void xorPlotUnderAFileSaysWhichPathIsAFile() throws IOException {
        Path file = aFile();
        Path plot = file.resolve("xor.png");
        Run run = run("xor", "--backend", "ejml", "--plot", plot.toString());
        assertEquals(
                "glia: cannot write the plot " + plot + ": " + file + " is a file, not a directory" + NL, run.err());
        assertEquals(GliaCommand.FAILURE, run.status());
        assertEquals("", run.out(), "refused before the lesson ran");
    }

    @Test
    void activationsOutMustNameAWritableDirectory() throws IOException {
        Run empty = run("activations", "--backend", "ejml", "--out", "");
        assertEquals("glia: --out must name a directory, got an empty string" + NL, empty.err());
        assertEquals(GliaCommand.USAGE, empty.status());

        Path file = aFile();
        Run isFile = run("activations", "--backend", "ejml", "--out", file.toString());
        assertEquals("glia: --out must name a directory, but " + file + " is a file" + NL, isFile.err());
        assertEquals(GliaCommand.USAGE, isFile.status());

        Path under = file.resolve("sub");
        Run underFile = run("activations", "--backend", "ejml", "--out", under.toString());
        assertEquals(
                "glia: cannot create the output directory " + under + ": " + file + " is a file, not a " + "directory"
                        + NL,
                underFile.err());
        assertEquals(GliaCommand.FAILURE, underFile.status());

        Run describe = run("activations", "--describe", "");
        assertEquals(
                "glia: --describe must name an activation such as swish or leaky_relu(alpha=0.2), got an empty"
                        + " string" + NL,
                describe.err());
        assertEquals(GliaCommand.USAGE, describe.status());
    }

    @Test
    void aChartThatCannotBeWrittenSaysWhichAndWhy() throws IOException {
        Path file = aFile();
        Path chart = file.resolve("confusion.png");
        ConfusionMatrix m = ConfusionMatrix.of(10, new int[] {0, 1, 2}, new int[] {0, 1, 1});
        UncheckedIOException e =
                assertThrows(UncheckedIOException.class, () -> Charts.confusion(m, FashionMnist.CLASS_NAMES, chart));
        assertEquals("cannot write the chart " + chart + ": " + file + " is a file, not a directory", e.getMessage());
        assertEquals(
                "glia: cannot write the chart " + chart + ": " + file + " is a file, not a directory",
                "glia: " + GliaCommand.ShortErrors.message(e));

        Path missing = dir.resolve("missing/confusion.png");
        e = assertThrows(UncheckedIOException.class, () -> Charts.confusion(m, FashionMnist.CLASS_NAMES, missing));
        assertEquals("cannot write the chart " + missing + ": no such file or directory", e.getMessage());
    }

    @Test
    void aChartReplacesAnOlderFileAndLeavesNoTemporaryFile() throws IOException {
        ConfusionMatrix m = ConfusionMatrix.of(10, new int[] {0, 1, 2}, new int[] {0, 1, 1});
        Path chart = dir.resolve("confusion.png");
        Files.writeString(chart, "an older picture");
        Charts.confusion(m, FashionMnist.CLASS_NAMES, chart);
        assertEquals(
                "\u0089PNG", new String(Files.readAllBytes(chart), 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1));

        Path blocked = dir.resolve("blocked.png");
        Files.writeString(Files.createDirectories(blocked).resolve("keep"), "kept");
        UncheckedIOException e =
                assertThrows(UncheckedIOException.class, () -> Charts.confusion(m, FashionMnist.CLASS_NAMES, blocked));
        assertEquals("cannot write the chart " + blocked + ": it exists and is not a regular file", e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(
                    java.util.List.of("blocked.png", "confusion.png"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file left behind");
        }
    }

    @Test
    void pathOnlyExceptionsGetTheirReason() {
        assertEquals(
                "cannot access /tmp/x: no such file or directory",
                GliaCommand.ShortErrors.message(new NoSuchFileException("/tmp/x")));
        assertEquals(
                "cannot access /tmp/x: permission denied",
                GliaCommand.ShortErrors.message(new AccessDeniedException("/tmp/x")));
        assertEquals(
                "cannot access /tmp/x: a file of that name already exists",
                GliaCommand.ShortErrors.message(new UncheckedIOException(new FileAlreadyExistsException("/tmp/x"))));
        assertEquals(
                "cannot access /tmp/x or /tmp/y: read-only file system",
                GliaCommand.ShortErrors.message(new FileSystemException("/tmp/x", "/tmp/y", "Read-only file system")));
        assertEquals(
                "cannot access /tmp/x: not a directory",
                GliaCommand.ShortErrors.message(new NotDirectoryException("/tmp/x")));
        assertEquals(
                "cannot access /tmp/x: permission denied",
                GliaCommand.ShortErrors.message(new FileNotFoundException("/tmp/x (Permission denied)")));
    }

    @Test
    void aMessageEndingInAPathOnlyExceptionGetsTheReason() {
        NoSuchFileException cause = new NoSuchFileException("/tmp/x.png");
        assertEquals(
                "Cannot read image /tmp/x.png: no such file or directory",
                GliaCommand.ShortErrors.message(
                        new UncheckedIOException("Cannot read image /tmp/x.png: " + cause.getMessage(), cause)));
        assertEquals(
                "Cannot read IDX file /tmp/x.png: no such file or directory",
                GliaCommand.ShortErrors.message(
                        new UncheckedIOException("Cannot read IDX file /tmp/x.png: " + cause, cause)));
    }

    @Test
    void aBugIsAnInternalErrorOnOneLine() {
        assertEquals(
                "internal error: java.lang.NullPointerException: boom",
                GliaCommand.ShortErrors.message(new NullPointerException("boom")));
        assertEquals(
                "internal error: java.lang.NegativeArraySizeException: -1942967296",
                GliaCommand.ShortErrors.message(new NegativeArraySizeException("-1942967296")));
        assertEquals(
                "Unknown backend 'x'",
                GliaCommand.ShortErrors.message(new IllegalArgumentException("Unknown backend 'x'")));
    }

    @Test
    void failureNamesTheOperationThePathAndTheReason() {
        Path p = Path.of("/tmp/out/loss.png");
        assertEquals(
                "cannot write the chart /tmp/out/loss.png: permission denied",
                IoFailures.failure("write the chart", p, new AccessDeniedException(p.toString()))
                        .getMessage());
        assertEquals(
                "cannot write the chart /tmp/out/loss.png: no space left on device",
                IoFailures.failure(
                                "write the chart",
                                p,
                                new FileSystemException(p.toString(), null, "No space left on device"))
                        .getMessage());
        // ImageIO wraps the system's reason in a message of its own
        IOException full = new javax.imageio.IIOException(
                "I/O error writing PNG file!", new IOException("No space left on device"));
        assertEquals(
                "cannot write the chart /tmp/out/loss.png: no space left on device",
                IoFailures.failure("write the chart", p, full).getMessage());
    }
}
