package dev.glia.examples.fashion;

import static dev.glia.examples.cli.Run.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glia.examples.cli.GliaCommand;
import dev.glia.examples.cli.Run;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code glia fashion --data bundled} on EJML, trained once for the class: the accuracy target of the bundled
 * subset, the JSON summary, the files of {@code --out}, and {@code glia predict} on what it wrote.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FashionCommandTest {
    @TempDir
    static Path dir;

    private Run training;
    private JsonNode summary;

    @BeforeAll
    void trainOnTheBundledSubset() throws IOException {
        training = run(
                "fashion",
                "--data",
                "bundled",
                "--backend",
                "ejml",
                "--json",
                "--progress",
                "lines",
                "--out",
                dir.resolve("out").toString());
        assertEquals(0, training.status(), training.err());
        summary = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readTree(training.out());
    }

    @Test
    void bundledSubsetReachesTheTargetAccuracy() {
        double accuracy = summary.path("testAccuracy").asDouble();
        assertTrue(accuracy >= 0.78, "test accuracy " + accuracy + " below the 78% target of the bundled subset");
        assertEquals("ejml", summary.path("backend").asText());
        int epochs = summary.path("epochs").asInt();
        assertTrue(epochs >= 1 && epochs <= 10, "epochs " + epochs);
        assertTrue(summary.path("samplesPerSecond").asDouble() > 0);
        assertEquals(1800, summary.path("trainSize").asInt());
        assertEquals(200, summary.path("validationSize").asInt());
        assertEquals(500, summary.path("testSize").asInt());
        assertEquals("784-256-128-10", summary.path("architecture").asText());
        assertEquals(235_146, summary.path("parameters").asLong());
    }

    @Test
    void jsonHoldsTheConfusionMatrixWithClassNames() {
        JsonNode m = summary.path("confusionMatrix");
        assertEquals(10, m.size());
        long total = 0;
        long diagonal = 0;
        for (int t = 0; t < 10; t++) {
            long row = 0;
            for (int p = 0; p < 10; p++) {
                row += m.get(t).get(p).asLong();
            }
            assertEquals(50, row, "50 test images of each class");
            total += row;
            diagonal += m.get(t).get(t).asLong();
        }
        assertEquals(500, total);
        assertEquals(diagonal / 500.0, summary.path("testAccuracy").asDouble(), 1e-12);
        List<String> classes = new ArrayList<>();
        summary.path("classes").forEach(c -> classes.add(c.asText()));
        assertEquals(FashionMnist.CLASS_NAMES, classes);
        assertEquals(
                summary.path("epochs").asInt(),
                summary.path("history").path("validationAccuracy").size());
        assertTrue(training.err().contains("epoch  1/10  loss"), "progress lines go to stderr: " + training.err());
    }

    @Test
    void outWritesTheModelAndSensiblePictures() throws IOException {
        Path out = dir.resolve("out");
        assertEquals(
                out.resolve("model.safetensors").toString(),
                summary.path("modelFile").asText());
        assertTrue(Files.size(out.resolve("model.safetensors")) > 4 * 235_146, "holds every weight");
        int[][] sizes = {{800, 500}, {800, 500}, {900, 800}};
        String[] charts = {"loss.png", "accuracy.png", "confusion.png"};
        for (int i = 0; i < charts.length; i++) {
            BufferedImage image = ImageIO.read(out.resolve(charts[i]).toFile());
            assertEquals(sizes[i][0], image.getWidth(), charts[i]);
            assertEquals(sizes[i][1], image.getHeight(), charts[i]);
        }
        BufferedImage grid = ImageIO.read(out.resolve("misclassified.png").toFile());
        assertEquals(8 * (28 * Charts.ZOOM + 24), grid.getWidth());
        try (Stream<Path> samples = Files.list(out.resolve("samples"))) {
            assertEquals(10, samples.count());
        }
        BufferedImage sample =
                ImageIO.read(out.resolve("samples/9-ankle-boot.png").toFile());
        assertEquals(28, sample.getWidth());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, sample.getType());
    }

    @Test
    void predictClassifiesTheSavedSamples() throws IOException {
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of(
                "predict",
                "--backend",
                "ejml",
                "--model",
                out.resolve("model.safetensors").toString()));
        try (Stream<Path> samples = Files.list(out.resolve("samples"))) {
            samples.sorted().forEach(p -> args.add(p.toString()));
        }
        Run predict = run(args.toArray(String[]::new));
        assertEquals(0, predict.status(), predict.err());
        List<String> lines = predict.out().lines().toList();
        assertEquals(11, lines.size(), predict.out());
        int right = 0;
        for (int label = 0; label < 10; label++) {
            String line = lines.get(label);
            assertTrue(line.matches(".*/" + label + "-[a-z-]+\\.png: .+ \\(\\d+\\.\\d%\\); next: .*"), line);
            right += line.contains(": " + FashionMnist.CLASS_NAMES.get(label) + " (") ? 1 : 0;
        }
        assertTrue(right >= 8, right + " of the 10 samples classified correctly:\n" + predict.out());
        assertTrue(lines.get(10).contains("backend ejml"));
    }

    @Test
    void aDamagedOrMissingModelIsOneLineAndStatusOne() throws IOException {
        Path model = dir.resolve("out/model.safetensors");
        byte[] bytes = Files.readAllBytes(model);
        Path truncated = Files.write(dir.resolve("truncated.safetensors"), Arrays.copyOf(bytes, bytes.length / 2));
        byte[] flipped = bytes.clone();
        flipped[bytes.length - 100] ^= 4;
        Path damaged = Files.write(dir.resolve("damaged.safetensors"), flipped);
        String sample = dir.resolve("out/samples/1-trouser.png").toString();
        for (Path bad : List.of(truncated, damaged, dir.resolve("missing.safetensors"))) {
            Run r = run("predict", "--model", bad.toString(), sample);
            assertEquals(GliaCommand.FAILURE, r.status(), r.out() + r.err());
            assertEquals(1, r.err().lines().count(), "one line: " + r.err());
            assertTrue(r.err().startsWith("glia: Model file " + bad), r.err());
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        }
        Run wrongSize = run(
                "predict",
                "--model",
                model.toString(),
                dir.resolve("out/loss.png").toString());
        assertEquals(GliaCommand.FAILURE, wrongSize.status());
        assertTrue(wrongSize.err().contains("is 800x500 pixels; the model takes 28x28"), wrongSize.err());
    }
}
