package dev.glia.examples.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.core.Network;
import dev.glia.core.config.Backends;
import dev.glia.core.config.GliaConfig;
import dev.glia.core.io.ModelFile;
import dev.glia.examples.cli.Run;
import dev.glia.examples.fashion.FashionTraining;
import dev.glia.testkit.Fifos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code glia predict} on hand-made models of 2x2 images whose outputs are known: probabilities only when the
 * last layer makes a distribution, scores otherwise, an error for a non-finite output, and one error line per
 * bad image while the good ones are still classified.
 */
class PredictCommandTest {
    /**
     * One dense layer 4 -> 3, row-major [inputs, units]. For the image {@link #picture} (x = [0, 1, 1, 0]) the
     * outputs before the activation are [2 + 3 + 1.5, 1 + 0.5 + 0.25, 0.25 + 0.25 + 0] = [6.5, 1.75, 0.5].
     */
    private static final double[] WEIGHTS = {0, 0, 0, 2, 1, 0.25, 3, 0.5, 0.25, 0, 0, 0};

    private static final double[] BIASES = {1.5, 0.25, 0};
    private static final double[] LOGITS = {6.5, 1.75, 0.5};

    @TempDir
    static Path dir;

    private static Path picture;
    private static Path dark;

    /** Exit status, standard output and standard error of one run. */
    private static Run predict(Path model, Path... images) {
        List<String> args = new ArrayList<>(List.of("predict", "--backend", "ejml", "--model", model.toString()));
        Arrays.stream(images).forEach(i -> args.add(i.toString()));
        return Run.run(args.toArray(String[]::new));
    }

    private static Backend ejml() {
        return Backends.create(GliaConfig.builder().backend("ejml").build());
    }

    private static Path model(
            String name,
            int units,
            String activation,
            double[] weights,
            double[] biases,
            Map<String, String> metadata) {
        Path file = dir.resolve(name + ".safetensors");
        try (Backend backend = ejml();
                Network net = Network.builder(backend)
                        .input(4)
                        .dense(units, activation, weights, biases)
                        .build()) {
            ModelFile.save(net, file, metadata);
        }
        return file;
    }

    private static Path model(String activation) {
        return model(activation, 3, activation, WEIGHTS, BIASES, Map.of());
    }

    @BeforeAll
    static void pictures() throws IOException {
        picture = Files.write(
                dir.resolve("picture.png"),
                PngBytes.png(2, 2, PngBytes.GREY, 8, new int[] {0, 255, 255, 0}, null, null));
        dark = Files.write(dir.resolve("dark.png"), PngBytes.png(2, 2, PngBytes.GREY, 8, new int[4], null, null));
    }

    private static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * p);
    }

    @Test
    void softmaxOutputsArePrintedAsProbabilities() {
        Run r = predict(model("softmax"), picture);
        assertEquals(0, r.status(), r.err());
        double sum = Arrays.stream(LOGITS).map(Math::exp).sum();
        double[] p = Arrays.stream(LOGITS).map(v -> Math.exp(v) / sum).toArray();
        assertEquals(
                picture + ": class 0 (" + percent(p[0]) + "); next: class 1 " + percent(p[1]) + ", class 2 "
                        + percent(p[2]),
                r.out().lines().findFirst().orElseThrow());
        assertEquals(
                "(model " + dir.resolve("softmax.safetensors") + ", 1 image, backend ejml)",
                r.out().lines().skip(1).findFirst().orElseThrow());
        assertEquals("", r.err());
    }

    @Test
    void otherLastLayersArePrintedAsScoresWithoutPercentSigns() {
        for (String activation : List.of("identity", "relu")) {
            Run r = predict(model(activation), picture);
            assertEquals(0, r.status(), r.err());
            List<String> lines = r.out().lines().toList();
            assertEquals(picture + ": class 0 (score 6.500); next: class 1 1.750, class 2 0.5000", lines.get(0));
            assertEquals(
                    "(model " + dir.resolve(activation + ".safetensors") + ", 1 image, backend ejml; outputs are"
                            + " scores, not probabilities: the last layer is " + activation + ", not softmax)",
                    lines.get(1));
            assertFalse(r.out().contains("%"), r.out());
        }
        // several sigmoid units are independent, not a distribution over the classes: scores too
        Run sigmoids = predict(model("sigmoid"), picture);
        assertFalse(sigmoids.out().contains("%"), sigmoids.out());
        assertTrue(
                sigmoids.out().contains(String.format(Locale.ROOT, "class 0 (score %.4g)", 1 / (1 + Math.exp(-6.5)))),
                sigmoids.out());
    }

    @Test
    void logSoftmaxOutputsAreShownAsTheirProbabilities() {
        Run r = predict(model("log_softmax"), picture);
        assertEquals(0, r.status(), r.err());
        double sum = Arrays.stream(LOGITS).map(Math::exp).sum();
        assertTrue(
                r.out()
                        .startsWith(picture + ": class 0 (" + percent(Math.exp(6.5) / sum) + "); next: class 1 "
                                + percent(Math.exp(1.75) / sum)),
                r.out());
    }

    @Test
    void oneSigmoidUnitIsTheProbabilityOfTheSecondOfTwoClasses() {
        // x = [0, 1, 1, 0]: 1 + 1 + 0 = 2, sigmoid(2) = 0.8808; the dark image gives sigmoid(0) = 0.5
        Path binary = model(
                "binary",
                1,
                "sigmoid",
                new double[] {0, 1, 1, 0},
                new double[] {0},
                Map.of(FashionTraining.CLASSES_KEY, "[\"plain\",\"striped\"]"));
        Run r = predict(binary, picture);
        assertEquals(0, r.status(), r.err());
        double p = 1 / (1 + Math.exp(-2));
        assertEquals(
                picture + ": striped (" + percent(p) + "); next: plain " + percent(1 - p),
                r.out().lines().findFirst().orElseThrow());
    }

    @Test
    void aNonFiniteOutputIsAnErrorNamingTheModelAndTheImage() {
        // 3e38 + 3e38 overflows float32: +Infinity before the activation, NaN after softmax's shift by the max
        double[] huge = {0, 0, 0, 3e38, 0, 0, 3e38, 0, 0, 0, 0, 0};
        for (String activation : List.of("identity", "softmax")) {
            Path overflow = model("overflow-" + activation, 3, activation, huge, BIASES, Map.of());
            Run r = predict(overflow, picture, dark);
            assertEquals(1, r.status(), r.out() + r.err());
            String bad = activation.equals("identity") ? "Infinity (output 0)" : "NaN (output 0)";
            assertEquals(
                    "glia: Model " + overflow + " gave " + bad + " for image " + picture + "; the model overflows"
                            + " on this input, so it has no prediction for it\n",
                    r.err());
            assertTrue(r.out().startsWith(dark + ": "), "the dark image has finite outputs: " + r.out());
            assertTrue(r.out().contains(", 2 images, 1 failed, backend ejml"), r.out());
            assertFalse(r.out().contains("NaN") || r.out().contains("Infinity"), r.out());
        }
    }

    @Test
    void badImagesGetOneLineEachAndTheGoodOnesAreStillClassified() throws Exception {
        Path softmax = model("softmax");
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Path missing = dir.resolve("missing.png");
        Path huge = Files.write(dir.resolve("huge.png"), PngBytes.headerOnly(100_000, 100_000));
        byte[] truncated = Files.readAllBytes(picture);
        Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(truncated, truncated.length - 12));
        Path fifo = Fifos.make(dir.resolve("fifo.png"));

        Run r = assertTimeoutPreemptively(
                Duration.ofSeconds(20), () -> predict(softmax, picture, folder, missing, fifo, huge, cut, dark));
        assertEquals(1, r.status());
        List<String> out = r.out().lines().toList();
        assertEquals(3, out.size(), r.out());
        assertTrue(out.get(0).startsWith(picture + ": class 0 ("), out.get(0));
        assertTrue(out.get(1).startsWith(dark + ": "), out.get(1));
        assertEquals("(model " + softmax + ", 7 images, 5 failed, backend ejml)", out.get(2));
        assertEquals(
                List.of(
                        "glia: Image " + folder + " is a directory, not an image file",
                        "glia: Image " + missing + " does not exist",
                        "glia: Image " + fifo + " is not a regular file (a FIFO, socket or device); give an image file",
                        "glia: Image " + huge
                                + " is 100000x100000 pixels; the model takes 2x2 grey-scale images (add --resize"
                                + " to scale it)",
                        "glia: Image " + cut + " is truncated: the file ends at byte " + (truncated.length - 12)
                                + ", before the PNG's IEND chunk"),
                r.err().lines().toList());
    }

    @Test
    void aBadModelStopsAtOnceWithOneLine() throws IOException {
        Path missing = dir.resolve("no-such-model.safetensors");
        Run r = predict(missing, picture, dark);
        assertEquals(1, r.status());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("glia: Model file " + missing), r.err());

        Path threeInputs = dir.resolve("three.safetensors");
        try (Backend backend = ejml();
                Network net = Network.builder(backend)
                        .input(3)
                        .dense(2, "softmax")
                        .seed(1)
                        .build()) {
            ModelFile.save(net, threeInputs);
        }
        Run notSquare = predict(threeInputs, picture);
        assertEquals(1, notSquare.status());
        assertEquals(
                "glia: Model " + threeInputs + " takes inputs of shape [3], not one square grey-scale image;"
                        + " glia predict needs a model such as 'glia fashion' saves: [784] (28x28, the MLP) or"
                        + " [1, 28, 28] (the CNN)\n",
                notSquare.err());
    }

    @Test
    void theImageSideComesFromTheModelsInputShape() {
        Path model = Path.of("m.safetensors");
        assertEquals(28, PredictCommand.imageSide(model, dev.glia.api.Shape.of(784)));
        assertEquals(28, PredictCommand.imageSide(model, dev.glia.api.Shape.of(1, 28, 28)));
        assertEquals(28, PredictCommand.imageSide(model, dev.glia.api.Shape.of(28, 28)));
        assertEquals(5, PredictCommand.imageSide(model, dev.glia.api.Shape.of(1, 5, 5)));
        for (dev.glia.api.Shape refused : List.of(
                dev.glia.api.Shape.of(783),
                dev.glia.api.Shape.of(3, 28, 28),
                dev.glia.api.Shape.of(1, 28, 27),
                dev.glia.api.Shape.of(28, 27),
                dev.glia.api.Shape.of(1, 1, 28, 28))) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, () -> PredictCommand.imageSide(model, refused));
            assertTrue(
                    e.getMessage().startsWith("Model m.safetensors takes inputs of shape " + refused), e.getMessage());
        }
    }
}
