package dev.glia.examples.cli;

import static dev.glia.examples.cli.Run.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code glia fashion} with option values it cannot take: each is refused before any data is read or anything
 * allocated, with exactly one line naming the option, its range and the value, and the usage status 2.
 */
class FashionOptionsTest {
    private static final String LIMIT = "one tensor holds at most 2,147,483,639 (2^31-9)";
    private static final String HIDDEN_HINT =
            "; give widths separated by single commas, e.g. 256,128, or none for no" + " hidden layer";

    @TempDir
    Path dir;

    /** Runs fashion on the bundled data with {@code options}, which must be refused. */
    private static Run fashion(String... options) {
        List<String> args =
                new ArrayList<>(List.of("fashion", "--data", "bundled", "--backend", "ejml", "--progress", "none"));
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                // the tester's case: 784 x 3,000,000 wrapped to -1,942,967,296 in int
                refused(
                        "--hidden: the weights of hidden layer 1 (Dense #1), 784 inputs x 3,000,000 units, are "
                                + "2,352,000,000 elements; " + LIMIT + "; choose narrower layers",
                        "--hidden",
                        "3000000"),
                refused(
                        "--hidden: the weights of hidden layer 2 (Dense #2), 100,000 inputs x 100,000 units, are "
                                + "10,000,000,000 elements; " + LIMIT + "; choose narrower layers",
                        "--hidden",
                        "100000,100000"),
                refused(
                        "--hidden: the outputs of hidden layer 2 (Dense #2) for a batch of 256 images, x 100,000,000 "
                                + "units, are 25,600,000,000 elements; " + LIMIT
                                + " (evaluation runs batches of 256); choose "
                                + "narrower layers",
                        "--hidden",
                        "1,100000000"),
                refused(
                        "--batch-size 1000000: the outputs of hidden layer 1 (Dense #1) for a batch of 1,000,000 "
                                + "images, x 4,096 units, are 4,096,000,000 elements; " + LIMIT
                                + "; choose a smaller batch or "
                                + "narrower layers",
                        "--batch-size",
                        "1000000",
                        "--hidden",
                        "4096"),
                refused("--hidden (layer 1) must be a whole number from 1 to 2,147,483,639, got 0", "--hidden", "0"),
                refused(
                        "--hidden (layer 2) must be a whole number from 1 to 2,147,483,639, got -5",
                        "--hidden",
                        "256,-5"),
                refused(
                        "--hidden (layer 1) must be a whole number from 1 to 2,147,483,639, got 99999999999",
                        "--hidden",
                        "99999999999"),
                refused(
                        "--hidden (layer 1) must be a whole number from 1 to 2,147,483,639, got 'abc'",
                        "--hidden",
                        "abc"),
                refused("--hidden has an empty item (layer 2) in '256,,128'" + HIDDEN_HINT, "--hidden", "256,,128"),
                refused("--hidden has an empty item (layer 2) in '256,'" + HIDDEN_HINT, "--hidden", "256,"),
                refused(
                        "--hidden must list the hidden layer widths, got an empty string" + HIDDEN_HINT,
                        "--hidden",
                        ""),
                refused("--hidden must list at most 100 hidden layers, got 101", "--hidden", "8,".repeat(100) + "8"),
                refused("--epochs must be a whole number from 1 to 1,000,000, got 0", "--epochs", "0"),
                refused("--epochs must be a whole number from 1 to 1,000,000, got -1", "--epochs", "-1"),
                refused("--epochs must be a whole number from 1 to 1,000,000, got 1000001", "--epochs", "1000001"),
                refused(
                        "--epochs must be a whole number from 1 to 1,000,000, got 99999999999999999999999",
                        "--epochs",
                        "99999999999999999999999"),
                refused("--epochs must be a whole number from 1 to 1,000,000, got 2.5", "--epochs", "2.5"),
                refused("--epochs must be a whole number from 1 to 1,000,000, got an empty string", "--epochs", ""),
                refused("--batch-size must be a whole number from 1 to 1,000,000, got 0", "--batch-size", "0"),
                refused(
                        "--batch-size must be a whole number from 1 to 1,000,000, got 2147483647",
                        "--batch-size",
                        "2147483647"),
                refused("--learning-rate must be a finite number greater than 0, got 'NaN'", "--learning-rate", "NaN"),
                refused(
                        "--learning-rate must be a finite number greater than 0, got 'Infinity'",
                        "--learning-rate",
                        "Infinity"),
                refused(
                        "--learning-rate must be a finite number greater than 0, got 1e999",
                        "--learning-rate",
                        "1e999"),
                refused("--learning-rate must be a finite number greater than 0, got 0", "--learning-rate", "0"),
                refused(
                        "--learning-rate must be a finite number greater than 0, got -0.001",
                        "--learning-rate",
                        "-0.001"),
                refused(
                        "--learning-rate must be a finite number greater than 0, got an empty string",
                        "--learning-rate",
                        ""),
                refused("--patience must be a whole number from 0 to 1,000,000, got -1", "--patience", "-1"),
                refused("--validation must be a whole number from -1 to 2,147,483,647, got -2", "--validation", "-2"),
                refused(
                        "--validation must be a whole number from -1 to 2,147,483,647, got 2147483648",
                        "--validation",
                        "2147483648"),
                refused(
                        "--seed must be a whole number from -9,223,372,036,854,775,808 to 9,223,372,036,854,775,807,"
                                + " got 9223372036854775808",
                        "--seed",
                        "9223372036854775808"),
                refused(
                        "--seed must be a whole number from -9,223,372,036,854,775,808 to 9,223,372,036,854,775,807,"
                                + " got ' ' (only white space)",
                        "--seed",
                        " "),
                refused("--model must be mlp or cnn, got 'rnn'", "--model", "rnn"),
                refused("--model must be mlp or cnn, got 'CNN'", "--model", "CNN"),
                refused("--model must be mlp or cnn, got an empty string", "--model", ""),
                refused(
                        "--hidden sets the hidden layers of --model mlp; the CNN's layers are fixed (conv 5x5x32,"
                                + " max-pool 2x2, conv 5x5x64, max-pool 2x2, dense 128, dense 10), so leave --hidden"
                                + " out or choose --model mlp",
                        "--model",
                        "cnn",
                        "--hidden",
                        "64"),
                refused(
                        "--batch-size 41944: the second convolution's unfolded patches (im2col) for a batch of 41,944"
                                + " images, x 51,200 values each, are 2,147,532,800 elements; " + LIMIT
                                + "; choose a batch of at most 41,943",
                        "--model",
                        "cnn",
                        "--batch-size",
                        "41944"),
                refused(
                        "--epochs must be a whole number from 1 to 1,000,000, got 0",
                        "--model",
                        "cnn",
                        "--epochs",
                        "0"),
                refused("--out must name a directory, got an empty string", "--out", ""),
                refused("--out must name a directory, got '  ' (only white space)", "--out", "  "));
    }

    private static Arguments refused(String line, String... options) {
        return Arguments.of(line, options);
    }

    @ParameterizedTest
    @MethodSource("refused")
    void anOptionOutOfRangeIsOneLineWithTheUsageStatus(String line, String[] options) {
        Run run = fashion(options);
        assertEquals("glia: " + line + System.lineSeparator(), run.err());
        assertEquals(GliaCommand.USAGE, run.status());
        assertEquals("", run.out(), "nothing was loaded or trained");
    }

    @Test
    void anEmptyBackendIsRefused() {
        Run run = run("fashion", "--data", "bundled", "--backend", "");
        assertEquals(
                "glia: --backend must name a backend such as ejml, or auto, got an empty string"
                        + System.lineSeparator(),
                run.err());
        assertEquals(GliaCommand.USAGE, run.status());
    }

    @Test
    void anEmptyDataIsRefused() {
        Run run = run("fashion", "--data", "", "--backend", "ejml");
        assertEquals(
                "glia: --data must name a directory with the Fashion-MNIST IDX files, or bundled, got an empty"
                        + " string" + System.lineSeparator(),
                run.err());
        assertEquals(GliaCommand.USAGE, run.status());
    }

    @Test
    void aDataThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("images"), "not a directory");
        Run run = run("fashion", "--data", file.toString(), "--backend", "ejml");
        assertEquals(
                "glia: --data must name a directory with the Fashion-MNIST IDX files, or bundled, but " + file
                        + " is a file" + System.lineSeparator(),
                run.err());
        assertEquals(GliaCommand.USAGE, run.status());
    }

    @Test
    void anOutThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("results"), "a file");
        Run run = fashion("--out", file.toString());
        assertEquals(
                "glia: --out must name a directory, but " + file + " is a file" + System.lineSeparator(), run.err());
        assertEquals(GliaCommand.USAGE, run.status());
        assertEquals("a file", Files.readString(file), "left as it was");
    }

    @Test
    void anOutUnderAFileSaysWhichPathIsNotADirectory() throws IOException {
        Path file = Files.writeString(dir.resolve("somefile"), "a file");
        Path out = file.resolve("sub");
        Run run = fashion("--out", out.toString());
        assertEquals(
                "glia: cannot create the output directory " + out + ": " + file + " is a file, not a directory"
                        + System.lineSeparator(),
                run.err());
        assertEquals(GliaCommand.FAILURE, run.status());
        assertEquals("", run.out(), "refused before training");
    }

    @Test
    void anOutHoldingADirectoryWhereAChartGoesIsRefusedBeforeTraining() throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("loss.png"));
        Run run = fashion("--out", out.toString());
        assertEquals(
                "glia: --out " + out + " holds a directory loss.png where the command writes the file loss.png;"
                        + " remove it or choose another directory" + System.lineSeparator(),
                run.err());
        assertEquals(GliaCommand.USAGE, run.status());
        assertEquals("", run.out());
    }

    @Test
    void optionsAreCheckedBeforeTheOutputDirectoryIsCreated() {
        Path out = dir.resolve("never");
        Run run = fashion("--out", out.toString(), "--epochs", "0");
        assertEquals(GliaCommand.USAGE, run.status());
        assertFalse(Files.exists(out), "no directory for a run that was refused");
    }

    @Test
    void aReadOnlyOutSaysPermissionDenied() throws IOException {
        Path out = Files.createDirectories(dir.resolve("read-only"));
        out.toFile().setWritable(false, false);
        assumeFalse(
                Files.isWritable(out),
                "running as root, which ignores permissions: see anOutUnderAFileSaysWhichPathIsNotADirectory");
        try {
            Run run = fashion("--out", out.toString());
            assertEquals(
                    "glia: cannot write into the output directory " + out + ": permission denied"
                            + System.lineSeparator(),
                    run.err());
            assertEquals(GliaCommand.FAILURE, run.status());
        } finally {
            out.toFile().setWritable(true, false);
        }
    }
}
