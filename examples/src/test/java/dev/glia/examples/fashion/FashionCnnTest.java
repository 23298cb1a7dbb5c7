package dev.glia.examples.fashion;

import static dev.glia.examples.cli.Run.run;
import static dev.glia.examples.pictures.PngAssertions.assertPng;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glia.api.Backend;
import dev.glia.api.Parameter;
import dev.glia.api.Shape;
import dev.glia.core.Network;
import dev.glia.core.config.Backends;
import dev.glia.core.config.GliaConfig;
import dev.glia.core.data.Idx;
import dev.glia.core.data.IdxArray;
import dev.glia.core.data.LabelledImages;
import dev.glia.core.io.ModelDescription;
import dev.glia.core.io.ModelFile;
import dev.glia.examples.cli.Run;
import dev.glia.examples.predict.ImageInput;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code glia fashion --model cnn} on EJML, one epoch on a tiny slice of the bundled subset (100 training, 20
 * validation and 40 test images, trained once for the class): the summary names the CNN, the model file holds
 * it, {@code --out} adds the first layer's filters and feature maps, and {@code glia predict} classifies with it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FashionCnnTest {
    /** Trainable parameters: conv 32·25 + 32, conv 64·32·25 + 64, dense 64·4·4·128 + 128, dense 128·10 + 10. */
    private static final long PARAMETERS = 832 + 51_264 + 131_200 + 1_290;

    @TempDir
    static Path dir;

    private Path out;
    private Run training;
    private JsonNode summary;

    @BeforeAll
    void trainOneEpochOnATinySlice() throws IOException {
        FashionMnist.Data bundled = FashionMnist.loadBundled();
        Path data = Files.createDirectories(dir.resolve("data"));
        write(bundled.train(), 120, data.resolve("train"));
        write(bundled.test(), 40, data.resolve("t10k"));
        out = dir.resolve("out");
        training = run(
                "fashion",
                "--model",
                "cnn",
                "--data",
                data.toString(),
                "--backend",
                "ejml",
                "--epochs",
                "1",
                "--validation",
                "20",
                "--json",
                "--progress",
                "none",
                "--out",
                out.toString());
        assertEquals(0, training.status(), training.err());
        summary = new ObjectMapper().readTree(training.out());
    }

    /** {@code n} images spread over the whole set (every k-th), as gzipped IDX files {@code prefix-...}. */
    private static void write(LabelledImages all, int n, Path prefix) {
        int step = all.size() / n;
        byte[] pixels = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(all.image(i * step), 0, pixels, i * 784, 784);
            labels[i] = (byte) all.label(i * step);
        }
        Idx.write(Path.of(prefix + "-images-idx3-ubyte.gz"), new IdxArray(new int[] {n, 28, 28}, pixels), true);
        Idx.write(Path.of(prefix + "-labels-idx1-ubyte.gz"), new IdxArray(new int[] {n}, labels), true);
    }

    @Test
    void theSummaryNamesTheCnn() {
        assertEquals("cnn", summary.path("model").asText());
        assertEquals(
                "1x28x28 conv5x5x32 maxpool2 conv5x5x64 maxpool2 dense128 dense10",
                summary.path("architecture").asText());
        assertEquals(PARAMETERS, summary.path("parameters").asLong());
        assertEquals(1, summary.path("epochs").asInt());
        assertEquals(100, summary.path("trainSize").asInt());
        assertEquals(40, summary.path("testSize").asInt());
        double accuracy = summary.path("testAccuracy").asDouble();
        assertTrue(accuracy > 0.1, "better than chance after one epoch: " + accuracy);
        List<String> charts = new ArrayList<>();
        summary.path("charts")
                .forEach(c -> charts.add(Path.of(c.asText()).getFileName().toString()));
        assertEquals(
                List.of(
                        "loss.png",
                        "accuracy.png",
                        "confusion.png",
                        "misclassified.png",
                        "filters.png",
                        "feature-maps.png"),
                charts);
    }

    @Test
    void theModelFileHoldsTheCnn() {
        ModelDescription description = ModelFile.describe(out.resolve("model.safetensors"));
        assertEquals(Shape.of(1, 28, 28), description.inputShape());
        assertEquals(Shape.of(10), description.outputShape());
        assertEquals("cnn", description.metadata().get(FashionTraining.MODEL_KEY));
        assertEquals(7, description.layers().size(), "conv, pool, conv, pool, flatten, dense, dense");
    }

    @Test
    void outHasTheFiltersAndFeatureMaps() throws IOException {
        // 8 tiles of 80 pixels across; 4 rows (see ConvolutionPicturesTest for the layout)
        BufferedImage filters = assertPng(out.resolve("filters.png"), 720, 476, 30);
        int varied = 0;
        for (int f = 0; f < 32; f++) {
            varied += colours(filters, 12 + (f % 8) * 88, 64 + (f / 8) * 102, 80, 80) >= 5 ? 1 : 0;
        }
        assertEquals(32, varied, "every filter's tile shows several weights");
        BufferedImage maps = assertPng(out.resolve("feature-maps.png"), 848, 616, 30);
        int lively = 0;
        for (int f = 0; f < 32; f++) {
            lively += colours(maps, 12 + (f % 8) * 104, 140 + (f / 8) * 118, 96, 96) > 3 ? 1 : 0;
        }
        assertTrue(lively >= 16, lively + " of the 32 feature maps are not flat");
    }

    @Test
    void predictClassifiesWithTheSavedCnnAsTheNetworkDoes() throws IOException {
        Path model = out.resolve("model.safetensors");
        List<Path> samples;
        try (Stream<Path> files = Files.list(out.resolve("samples"))) {
            samples = files.sorted().toList();
        }
        List<String> args = new ArrayList<>(List.of("predict", "--backend", "ejml", "--model", model.toString()));
        samples.forEach(p -> args.add(p.toString()));
        Run predict = run(args.toArray(String[]::new));
        assertEquals(0, predict.status(), predict.err());
        List<String> lines = predict.out().lines().toList();
        assertEquals(samples.size() + 1, lines.size(), predict.out());
        try (Backend backend =
                        Backends.create(GliaConfig.builder().backend("ejml").build());
                Network net = ModelFile.load(model, backend)) {
            for (int i = 0; i < samples.size(); i++) {
                float[] scores = net.predict(new float[][] {ImageInput.read(samples.get(i), 28, false, false)})[0];
                int best = 0;
                for (int c = 1; c < scores.length; c++) {
                    best = scores[c] > scores[best] ? c : best;
                }
                String line = lines.get(i);
                assertTrue(line.startsWith(samples.get(i) + ": " + FashionMnist.CLASS_NAMES.get(best) + " ("), line);
            }
        }
    }

    @Test
    void theFirstConvolutionIsReadThroughThePublicApi() {
        // an untrained CNN: feature maps against a direct convolution in double, from the layer's own parameters
        float[] image = FashionMnist.loadBundled().test().toDataset().features(3);
        try (Backend backend =
                        Backends.create(GliaConfig.builder().backend("ejml").build());
                Network net = FashionNetworks.build(backend, FashionSettings.cnnDefaults(), 28, 10)) {
            FirstConvolution conv = FirstConvolution.of(net, image, 3);
            assertEquals(32, conv.filters());
            assertEquals(5, conv.kernelHeight());
            assertEquals(24, conv.mapWidth());
            float[] bias = new float[32];
            for (Parameter p : net.layers().get(0).parameters()) {
                if (p.name().equals("bias")) {
                    backend.download(p.value(), bias);
                }
            }
            double worst = 0;
            for (int f = 0; f < 32; f++) {
                for (int y = 0; y < 24; y++) {
                    for (int x = 0; x < 24; x++) {
                        double sum = bias[f];
                        for (int i = 0; i < 5; i++) {
                            for (int j = 0; j < 5; j++) {
                                sum += (double) conv.weights()[f * 25 + i * 5 + j] * image[(y + i) * 28 + x + j];
                            }
                        }
                        double expected = Math.max(0, sum);
                        worst = Math.max(worst, Math.abs(expected - conv.featureMaps()[(f * 24 + y) * 24 + x]));
                    }
                }
            }
            assertTrue(worst < 1e-5, "largest difference from a direct convolution: " + worst);
        }
    }

    @Test
    void theCnnHasItsOwnDefaultsAndTheMlpKeepsIts() {
        FashionCommand cnn = new FashionCommand();
        new CommandLine(cnn).parseArgs("--model", "cnn");
        assertEquals(FashionSettings.cnnDefaults(), cnn.settings());
        FashionCommand mlp = new FashionCommand();
        new CommandLine(mlp).parseArgs();
        assertEquals(FashionSettings.defaults(), mlp.settings());
        FashionCommand longer = new FashionCommand();
        new CommandLine(longer).parseArgs("--model", "cnn", "--epochs", "2", "--batch-size", "64");
        assertEquals(2, longer.settings().epochs());
        assertEquals(64, longer.settings().batchSize());
        assertEquals(FashionModel.CNN, longer.settings().model());
    }

    @Test
    void theTextReportNamesTheCnn() {
        FashionSettings cnn = FashionSettings.cnnDefaults();
        String header = FashionReport.before(
                new FashionReport.FashionResultHeader("ejml", "EJML", "bundled", cnn.architecture(28, 10), cnn));
        assertTrue(
                header.contains("Network: CNN 1x28x28 conv5x5x32 maxpool2 conv5x5x64 maxpool2 dense128 dense10 (valid"
                        + " 5x5 convolutions, ReLU hidden layers, softmax output)"),
                header);
        assertTrue(header.contains("batches of 128, at most 15 epochs"), header);
        FashionSettings mlp = FashionSettings.defaults();
        assertTrue(FashionReport.before(
                        new FashionReport.FashionResultHeader("ejml", "EJML", "b", mlp.architecture(28, 10), mlp))
                .contains("Network: MLP 784-256-128-10 (ReLU hidden layers, softmax output)"));
    }

    private static int colours(BufferedImage image, int x, int y, int w, int h) {
        Set<Integer> seen = new HashSet<>();
        for (int j = y; j < y + h; j++) {
            for (int i = x; i < x + w; i++) {
                seen.add(image.getRGB(i, j));
            }
        }
        return seen.size();
    }
}
