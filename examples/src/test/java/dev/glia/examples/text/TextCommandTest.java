package dev.glia.examples.text;

import static dev.glia.examples.cli.Run.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.examples.cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code glia text}: a tiny training run with --out, seeded generation from its model, and bad options. */
class TextCommandTest {
    @TempDir
    Path dir;

    @Test
    void aTinyRunWritesTheModelAndChartAndGenerationFromItRepeatsForASeed() throws Exception {
        Run train = run(
                "text",
                "--backend",
                "ejml",
                "--epochs",
                "2",
                "--chars-per-epoch",
                "600",
                "--context",
                "4",
                "--hidden",
                "8",
                "--sample",
                "20",
                "--temperatures",
                "0.5,1",
                "--out",
                dir.toString());
        assertEquals(0, train.status(), train.err());
        assertTrue(train.out().contains("a vocabulary of 80"), train.out());
        assertTrue(train.out().contains("epoch 2  train "), train.out());
        assertTrue(train.out().contains("  T=0.5  Call me"), train.out());
        assertTrue(train.out().contains("Stopped after all 2 epochs"), train.out());
        Path model = dir.resolve("model.safetensors");
        assertTrue(Files.size(model) > 0);
        assertTrue(Files.size(dir.resolve("loss.png")) > 0);

        Run a = run(
                "text",
                "--backend",
                "ejml",
                "--model",
                model.toString(),
                "--generate",
                "50",
                "--seed",
                "3",
                "--prime",
                "The whale");
        Run b = run(
                "text",
                "--backend",
                "ejml",
                "--model",
                model.toString(),
                "--generate",
                "50",
                "--seed",
                "3",
                "--prime",
                "The whale");
        assertEquals(0, a.status(), a.err());
        assertEquals(a.out(), b.out(), "the same seed writes the same text");
        String text = a.out().strip();
        assertTrue(text.startsWith("The whale"), text);
        assertTrue(a.out().length() >= "The whale".length() + 50, a.out());
    }

    @Test
    void theWindowModelTrainsAndGeneratesToo() {
        Run train = run(
                "text",
                "--backend",
                "ejml",
                "--network",
                "window",
                "--epochs",
                "1",
                "--chars-per-epoch",
                "300",
                "--context",
                "4",
                "--hidden",
                "8",
                "--sample",
                "10",
                "--out",
                dir.toString());
        assertEquals(0, train.status(), train.err());
        assertTrue(train.out().contains("Model: the last 4 characters -> Embedding 16 -> Dense 8 tanh"), train.out());
        Run a = run(
                "text",
                "--backend",
                "ejml",
                "--model",
                dir.resolve("model.safetensors").toString(),
                "--generate",
                "20");
        assertEquals(0, a.status(), a.err());
        assertTrue(a.out().startsWith("Call me"), a.out());
    }

    @Test
    void aBudgetSpentAtOnceStillTrainsAndMeasuresOnePiece() {
        Run r = run(
                "text",
                "--backend",
                "ejml",
                "--minutes",
                "0.0000001",
                "--chars-per-epoch",
                "100000",
                "--context",
                "8",
                "--hidden",
                "4",
                "--sample",
                "5",
                "--temperatures",
                "1");
        assertEquals(0, r.status(), r.err());
        assertTrue(
                r.out()
                        .contains("Stopped after the time budget of 1.0E-7 min was spent: 1 epoch, 20,000"
                                + " characters"),
                r.out());
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of(
                        "--minutes must be a finite number greater than 0, got 0", new String[] {"--minutes", "0"}),
                Arguments.of(
                        "--minutes must be a finite number greater than 0 and at most 10,000, got 20000",
                        new String[] {"--minutes", "20000"}),
                Arguments.of(
                        "--epochs must be a whole number from 1 to 1,000,000, got -1", new String[] {"--epochs", "-1"}),
                Arguments.of(
                        "--batch-size must be a whole number from 1 to 65,536, got 0",
                        new String[] {"--batch-size", "0"}),
                Arguments.of(
                        "--context must be a whole number from 2 to 1,024, got 5000",
                        new String[] {"--context", "5000"}),
                Arguments.of(
                        "--temperatures must be finite numbers greater than 0 separated by commas, e.g. 0.5,0.8,1.0,"
                                + " got '0.5,,1'",
                        new String[] {"--temperatures", "0.5,,1"}),
                Arguments.of(
                        "--prime holds '~' at character 5, which the training text's vocabulary of 80 characters"
                                + " lacks",
                        new String[] {"--prime", "Call~"}),
                Arguments.of(
                        "--generate writes text from a saved model; give it with --model FILE (one that glia text"
                                + " --out DIR wrote)",
                        new String[] {"--generate", "10"}),
                Arguments.of(
                        "--model FILE needs --generate N, the characters to write from it",
                        new String[] {"--model", "x.safetensors"}),
                Arguments.of("--progress must be bar, lines or none, got 'auto'", new String[] {"--progress", "auto"}),
                Arguments.of("--network must be lstm or window, got 'gru'", new String[] {"--network", "gru"}));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void badOptionsGetOneLineAndTheUsageStatus(String message, String[] options) {
        Run.assertRefused("text", message, options);
    }

    @Test
    void aMissingOrForeignModelFileIsOneLine() throws Exception {
        Path missing = dir.resolve("missing.safetensors");
        Run r = run("text", "--model", missing.toString(), "--generate", "10");
        assertEquals(2, r.status());
        assertEquals(
                "glia: --model must name a model file written by glia text --out, but " + missing + " does not exist"
                        + System.lineSeparator(),
                r.err());
        Path junk = Files.writeString(dir.resolve("junk.safetensors"), "not a model");
        Run j = run("text", "--backend", "ejml", "--model", junk.toString(), "--generate", "10");
        assertEquals(1, j.status());
        assertEquals(1, j.err().lines().count(), j.err());
        assertTrue(j.err().startsWith("glia: "), j.err());
    }
}
