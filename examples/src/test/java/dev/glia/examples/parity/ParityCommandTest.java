package dev.glia.examples.parity;

import static dev.glia.examples.cli.Run.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.examples.cli.Run;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code glia parity}: a tiny end-to-end run, and option values it cannot take. */
class ParityCommandTest {
    @TempDir
    Path dir;

    @Test
    void aTinyRunReportsEveryLengthAndTheBaselineGuessesBeyondItsWindow() {
        Run r = run("parity", "--backend", "ejml", "--streams", "200", "--epochs", "3", "--window", "4");
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        for (String length : new String[] {"length  20:", "length  50:", "length 100:"}) {
            assertTrue(r.out().contains(length), r.out());
        }
        assertTrue(r.out().contains("Dense over a window of 4 bits (4-64-64-1"), r.out());
        assertTrue(r.out().contains("steps 5-100:  "), r.out());
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("--window must be a whole number from 1 to 19, got 20", new String[] {"--window", "20"}),
                Arguments.of("--window must be a whole number from 1 to 19, got 0", new String[] {"--window", "0"}),
                Arguments.of(
                        "--streams must be a whole number from 1 to 1,000,000, got 'many'",
                        new String[] {"--streams", "many"}),
                Arguments.of(
                        "--epochs must be a whole number from 1 to 10,000, got an empty string",
                        new String[] {"--epochs", ""}),
                Arguments.of(
                        "--seed must be a whole number from -9,223,372,036,854,775,808 to"
                                + " 9,223,372,036,854,775,807, got 1.5",
                        new String[] {"--seed", "1.5"}),
                Arguments.of("--progress must be lines, bar or none, got 'loud'", new String[] {"--progress", "loud"}),
                Arguments.of("--plot must name a file, got an empty string", new String[] {"--plot", ""}));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void badOptionsGetOneLineAndTheUsageStatus(String message, String[] options) {
        Run.assertRefused("parity", message, options);
    }

    @Test
    void aDirectoryAsThePlotIsRefused() {
        Run r = run("parity", "--plot", dir.toString());
        assertEquals(2, r.status());
        assertEquals(
                "glia: --plot must name a regular file, but " + dir + " is a directory" + System.lineSeparator(),
                r.err());
    }
}
