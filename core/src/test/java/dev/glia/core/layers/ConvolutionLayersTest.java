package dev.glia.core.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.DType;
import dev.glia.api.Layer;
import dev.glia.api.LayerSpec;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.core.Dataset;
import dev.glia.core.Layers;
import dev.glia.core.Network;
import dev.glia.core.Padding;
import dev.glia.core.TrainingOptions;
import dev.glia.core.activations.Activations;
import dev.glia.core.io.ModelFile;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import dev.glia.testkit.LayerGradientCheck;
import dev.glia.testkit.ReferenceBackend;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conv2D and the pooling layers on the float64 reference backend: outputs against a direct convolution written
 * here (no im2col) and hand-computed values, gradients against finite differences, errors, summaries and model
 * files.
 */
class ConvolutionLayersTest {
    private final Activations activations = Activations.discover();
    private ReferenceBackend backend;

    @TempDir
    Path dir;

    @BeforeEach
    void open() {
        backend = new ReferenceBackend();
    }

    @AfterEach
    void close() {
        assertEquals(0, backend.liveTensors(), "every test closes what it made");
        backend.close();
    }

    private LayerGradientCheck check(LayerSpec spec, Shape in) {
        return LayerGradientCheck.of(spec, in).activations(activations::get);
    }

    @Test
    void conv2dGradientsMatchFiniteDifferencesInAwkwardGeometries() {
        check(Layers.conv2d(2, 3, "tanh"), Shape.of(1, 5, 5)).batch(2).check(backend);
        check(Layers.conv2d(3, 3, 2, "identity").stride(2).padding(1, 0, 2, 1), Shape.of(2, 6, 5))
                .batch(1)
                .check(backend);
        check(Layers.conv2d(2, 3, "sigmoid").padding(Padding.SAME).dilation(2), Shape.of(2, 5, 4))
                .check(backend);
        check(Layers.conv2d(2, 2, "tanh").padding(Padding.SAME).stride(2).bias(false), Shape.of(3, 5, 5))
                .batch(2)
                .check(backend);
        check(Layers.conv2d(4, 1, "softmax"), Shape.of(3, 2, 2)).check(backend);
    }

    @Test
    void poolingGradientsMatchFiniteDifferences() {
        check(Layers.maxPool2d(2), Shape.of(2, 5, 4)).check(backend);
        check(Layers.maxPool2d(3, 2).stride(2, 1).padding(1, 1, 1, 0), Shape.of(1, 5, 5))
                .batch(1)
                .check(backend);
        check(Layers.maxPool2d(3).padding(Padding.SAME).stride(2), Shape.of(2, 4, 5))
                .check(backend);
        check(Layers.avgPool2d(2), Shape.of(3, 4, 5)).check(backend);
        check(Layers.avgPool2d(3).stride(2).padding(1, 1, 1, 1), Shape.of(1, 5, 6))
                .batch(1)
                .check(backend);
    }

    @Test
    void perChannelLayersGradientsMatchFiniteDifferences() {
        check(Layers.batchNorm2d(), Shape.of(3, 3, 2)).batch(2).check(backend);
        check(Layers.batchNorm2d(0.3, 1e-3), Shape.of(1, 2, 2)).batch(1).check(backend);
        check(Layers.globalAvgPool2d(), Shape.of(3, 2, 5)).check(backend);
        check(Layers.globalAvgPool2d(), Shape.of(2, 1, 1)).batch(1).check(backend);
    }

    @Test
    void batchNorm2dNormalisesEachChannelOverBatchHeightAndWidth() {
        // two samples of two channels of 1 x 2: channel 0 holds 1, 3 | 5, 7 (mean 4, biased variance 5, unbiased
        // 20/3); channel 1 holds 10, -2 | 4, 0 (mean 3, biased 21, unbiased 28)
        double[] x = {1, 3, 10, -2, 5, 7, 4, 0};
        try (Network net = Network.builder(backend)
                        .dtype(DType.FLOAT64)
                        .input(Shape.of(2, 1, 2))
                        .add(Layers.batchNorm2d(0.5, 1e-5))
                        .build();
                Tensor batch = backend.upload(x, Shape.of(2, 2, 1, 2))) {
            Layer bn = net.layers().get(0);
            assertEquals("batch_norm2d", bn.type());
            double[] y = bn.forward(batch, true).toDoubleArray();
            double s0 = Math.sqrt(5 + 1e-5);
            double s1 = Math.sqrt(21 + 1e-5);
            assertArrayEquals(
                    new double[] {-3 / s0, -1 / s0, 7 / s1, -5 / s1, 1 / s0, 3 / s0, 1 / s1, -3 / s1}, y, 1e-12);
            assertArrayEquals(
                    new double[] {2, 1.5}, bn.state().get("running_mean").toDoubleArray(), 1e-12);
            assertArrayEquals(
                    new double[] {0.5 + 10.0 / 3, 0.5 + 14},
                    bn.state().get("running_var").toDoubleArray(),
                    1e-12);
            double[] inference = bn.forward(batch, false).toDoubleArray();
            assertEquals((1 - 2) / Math.sqrt(0.5 + 10.0 / 3 + 1e-5), inference[0], 1e-12);
            assertEquals((-2 - 1.5) / Math.sqrt(0.5 + 14 + 1e-5), inference[3], 1e-12);
        }
        try (Network net = Network.builder(backend)
                        .input(Shape.of(3, 1, 1))
                        .add(Layers.batchNorm2d())
                        .build();
                Tensor one = backend.upload(new float[3], Shape.of(1, 3, 1, 1))) {
            String m = assertThrows(
                            IllegalArgumentException.class,
                            () -> net.layers().get(0).forward(one, true))
                    .getMessage();
            assertTrue(m.startsWith("BatchNorm2D #1 needs at least 2 values per channel"), m);
        }
    }

    @Test
    void globalAveragePoolingTakesEachChannelsMean() {
        double[] x = {1, 2, 3, 4, 5, 6, -6, -5, -4, -3, -2, -1}; // one sample, two channels of 2 x 3
        try (Network net = Network.builder(backend)
                        .dtype(DType.FLOAT64)
                        .input(Shape.of(2, 2, 3))
                        .add(Layers.globalAvgPool2d())
                        .build();
                Tensor input = backend.upload(x, Shape.of(1, 2, 2, 3));
                Tensor g = backend.upload(new double[] {6, -12}, Shape.of(1, 2))) {
            Layer pool = net.layers().get(0);
            assertEquals(Shape.of(2), pool.outputShape());
            assertArrayEquals(
                    new double[] {3.5, -3.5}, pool.forward(input, true).toDoubleArray(), 1e-15);
            assertArrayEquals(
                    new double[] {1, 1, 1, 1, 1, 1, -2, -2, -2, -2, -2, -2},
                    pool.backward(g, true).toDoubleArray(),
                    0);
        }
    }

    @Test
    void aNormalisedCnnSavesItsRunningStatisticsAndLoadsWithTheSamePredictions() {
        Dataset data = images(20, 13);
        Path file = dir.resolve("bn-cnn.safetensors");
        try (Network net = Network.builder(backend)
                .seed(5)
                .input(Shape.of(1, 6, 6))
                .add(Layers.conv2d(3, 3, "identity").bias(false))
                .add(Layers.batchNorm2d())
                .add(Layers.maxPool2d(2))
                .add(Layers.globalAvgPool2d())
                .dense(3, "softmax")
                .build()) {
            net.fit(
                    data,
                    TrainingOptions.builder()
                            .loss(Losses.softmaxCrossEntropy())
                            .optimizer(Optimizers.adam(0.01))
                            .epochs(2)
                            .batchSize(8)
                            .seed(1)
                            .build());
            Layer bn = net.layers().get(1);
            double[] runningMean = bn.state().get("running_mean").toDoubleArray();
            assertTrue(runningMean[0] != 0, "training moved the running mean");
            float[] expected = net.predict(data);
            ModelFile.save(net, file);
            try (Network back = ModelFile.load(file, backend)) {
                assertArrayEquals(
                        runningMean,
                        back.layers().get(1).state().get("running_mean").toDoubleArray(),
                        0);
                assertArrayEquals(
                        bn.state().get("running_var").toDoubleArray(),
                        back.layers().get(1).state().get("running_var").toDoubleArray(),
                        0);
                assertArrayEquals(expected, back.predict(data), 0.0f);
                String s = back.summary();
                assertTrue(
                        s.contains("BatchNorm2D #2") && s.contains("[3, 4, 4]") && s.contains("GlobalAvgPool2D #4"), s);
            }
        }
    }

    @Test
    void conv2dMatchesADirectConvolution() {
        int[][] geometries = { // C, H, W, K, KH, KW, SH, SW, top, bottom, left, right, DH, DW
            {1, 5, 5, 2, 3, 3, 1, 1, 0, 0, 0, 0, 1, 1},
            {3, 7, 6, 4, 3, 2, 2, 1, 1, 2, 0, 1, 1, 2},
            {2, 6, 6, 3, 2, 3, 3, 2, 2, 0, 1, 1, 2, 1},
        };
        for (int[] g : geometries) {
            Shape in = Shape.of(g[0], g[1], g[2]);
            LayerSpec spec = Layers.conv2d(g[3], g[4], g[5], "tanh")
                    .stride(g[6], g[7])
                    .padding(g[8], g[9], g[10], g[11])
                    .dilation(g[12], g[13]);
            try (Network net = Network.builder(backend)
                    .dtype(DType.FLOAT64)
                    .seed(4)
                    .input(in)
                    .add(spec)
                    .build()) {
                Layer conv = net.layers().get(0);
                double[] w = conv.parameters().get(0).value().toDoubleArray();
                double[] b = {0.25, -0.5, 0.125, 1}; // up to four filters
                backend.write(conv.parameters().get(1).value(), java.util.Arrays.copyOf(b, g[3]));
                int n = 2;
                double[] x = random(n * in.size(), 5);
                double[] expected = directConvolution(x, n, g, w, b);
                try (Tensor input = backend.upload(x, in.batchOf(n))) {
                    Tensor y = conv.forward(input, false);
                    assertEquals(expected.length, y.shape().size(), "output size of " + java.util.Arrays.toString(g));
                    assertArrayEquals(expected, y.toDoubleArray(), 1e-12, java.util.Arrays.toString(g));
                }
            }
        }
    }

    /** tanh(conv + b) by the definition: output [N, K, OH, OW]. */
    private static double[] directConvolution(double[] x, int n, int[] g, double[] w, double[] b) {
        int c = g[0], h = g[1], wd = g[2], k = g[3], kh = g[4], kw = g[5], sh = g[6], sw = g[7];
        int top = g[8], bottom = g[9], left = g[10], right = g[11], dh = g[12], dw = g[13];
        int oh = (h + top + bottom - dh * (kh - 1) - 1) / sh + 1;
        int ow = (wd + left + right - dw * (kw - 1) - 1) / sw + 1;
        double[] y = new double[n * k * oh * ow];
        for (int s = 0; s < n; s++) {
            for (int f = 0; f < k; f++) {
                for (int r = 0; r < oh; r++) {
                    for (int q = 0; q < ow; q++) {
                        double sum = b[f];
                        for (int ch = 0; ch < c; ch++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int row = r * sh - top + i * dh;
                                    int col = q * sw - left + j * dw;
                                    if (row >= 0 && row < h && col >= 0 && col < wd) {
                                        sum += w[((f * c + ch) * kh + i) * kw + j]
                                                * x[((s * c + ch) * h + row) * wd + col];
                                    }
                                }
                            }
                        }
                        y[((s * k + f) * oh + r) * ow + q] = Math.tanh(sum);
                    }
                }
            }
        }
        return y;
    }

    @Test
    void weightsStartWithHeForReluAndXavierOtherwiseOverTheFanIn() {
        try (Network net = Network.builder(backend)
                .seed(2)
                .input(Shape.of(8, 10, 10))
                .add(Layers.conv2d(64, 3, "relu"))
                .add(Layers.conv2d(64, 3, "tanh"))
                .build()) {
            double[] he = net.layers().get(0).parameters().get(0).value().toDoubleArray();
            assertEquals(64 * 8 * 9, he.length);
            assertEquals(Math.sqrt(2.0 / 72), std(he), 0.04 * Math.sqrt(2.0 / 72), "He: N(0, 2 / (C·KH·KW))");
            double[] xavier = net.layers().get(1).parameters().get(0).value().toDoubleArray();
            double bound = Math.sqrt(6.0 / (64 * 9 + 64 * 9)); // fan-in C·KH·KW, fan-out K·KH·KW
            double largest = 0;
            for (double w : xavier) {
                largest = Math.max(largest, Math.abs(w));
            }
            assertTrue(largest <= bound && largest > 0.99 * bound, "Xavier: U(-a, a), a = " + bound + ": " + largest);
            assertArrayEquals(
                    new double[64],
                    net.layers().get(0).parameters().get(1).value().toDoubleArray(),
                    0.0,
                    "biases at 0");
        }
    }

    private static double std(double[] v) {
        double sum = 0;
        double squares = 0;
        for (double x : v) {
            sum += x;
            squares += x * x;
        }
        double mean = sum / v.length;
        return Math.sqrt(squares / v.length - mean * mean);
    }

    @Test
    void aSecondBackwardPassAfterOneForwardAddsTheSameGradientsAgain() {
        try (Network net = Network.builder(backend)
                        .dtype(DType.FLOAT64)
                        .seed(3)
                        .input(Shape.of(2, 5, 5))
                        .add(Layers.conv2d(3, 3, "tanh").stride(2).padding(1))
                        .build();
                Tensor x = backend.upload(random(2 * 50, 8), Shape.of(2, 2, 5, 5));
                Tensor g = backend.upload(random(2 * 27, 9), Shape.of(2, 3, 3, 3))) {
            Layer conv = net.layers().get(0);
            conv.forward(x, true);
            double[] dx = conv.backward(g, true).toDoubleArray();
            double[] dw = conv.parameters().get(0).gradient().toDoubleArray();
            double[] db = conv.parameters().get(1).gradient().toDoubleArray();
            assertArrayEquals(dx, conv.backward(g, true).toDoubleArray(), 1e-15);
            double[] dw2 = conv.parameters().get(0).gradient().toDoubleArray();
            double[] db2 = conv.parameters().get(1).gradient().toDoubleArray();
            for (int i = 0; i < dw.length; i++) {
                assertEquals(2 * dw[i], dw2[i], 1e-14, "weight gradient " + i);
            }
            for (int i = 0; i < db.length; i++) {
                assertEquals(2 * db[i], db2[i], 1e-14, "bias gradient " + i);
            }
        }
    }

    @Test
    void badConfigurationsInAModelFileAreNamed() {
        dev.glia.core.LayerTypes types = dev.glia.core.LayerTypes.discover();
        java.util.Map<String, Object> good = new java.util.LinkedHashMap<>();
        good.put("filters", 2);
        good.put("kernel", java.util.List.of(3, 3));
        good.put("stride", java.util.List.of(1, 1));
        good.put("padding", "same");
        good.put("dilation", java.util.List.of(1, 1));
        good.put("bias", true);
        good.put("activation", "relu");
        types.get("conv2d").spec(good);
        String[][] bad = {
            {"kernel", "[3]", "'kernel' must be [height, width]"},
            {"stride", "[0, 1]", "'stride' must be a positive integer"},
            {"padding", "full", "'padding' must be \"valid\", \"same\" or [top, bottom, left, right]"},
            {"padding", "[1, 1, -1, 0]", "'padding' must be"},
            {"bias", "yes", "'bias' must be true or false"},
            {"filters", "2.5", "'filters' must be a positive integer"},
        };
        for (String[] b : bad) {
            java.util.Map<String, Object> config = new java.util.LinkedHashMap<>(good);
            config.put(b[0], b[1].startsWith("[") ? parseList(b[1]) : b[1].equals("2.5") ? 2.5 : b[1]);
            String m = assertThrows(
                            IllegalArgumentException.class,
                            () -> types.get("conv2d").spec(config))
                    .getMessage();
            assertTrue(m.startsWith("Layer type 'conv2d': ") && m.contains(b[2]), m);
        }
        String m = assertThrows(
                        IllegalArgumentException.class,
                        () -> types.get("max_pool2d")
                                .spec(java.util.Map.of(
                                        "kernel", java.util.List.of(2, 2), "stride", java.util.List.of(2, 2))))
                .getMessage();
        assertTrue(m.contains("'padding' must be"), m);
    }

    private static java.util.List<Object> parseList(String s) {
        java.util.List<Object> list = new java.util.ArrayList<>();
        for (String part : s.substring(1, s.length() - 1).split(",")) {
            list.add(Integer.parseInt(part.trim()));
        }
        return list;
    }

    @Test
    void samePaddingFollowsTensorFlowsRule() {
        // 7 wide, kernel 4, stride 2: out ceil(7/2) = 4, total padding (4-1)*2 + 4 - 7 = 3, split 1 left, 2 right
        try (Network net = Network.builder(backend)
                .input(Shape.of(1, 5, 7))
                .add(Layers.conv2d(1, 3, 4, "identity").padding(Padding.SAME).stride(2))
                .add(Layers.conv2d(2, 3, "relu").padding(Padding.SAME))
                .build()) {
            assertEquals(Shape.of(1, 3, 4), net.layers().get(0).outputShape());
            assertEquals(Shape.of(2, 3, 4), net.layers().get(1).outputShape(), "stride 1 keeps the size");
        }
    }

    @Test
    void maxPoolingPicksEachWindowsLargestAndSendsTheGradientThere() {
        double[] x = { // one sample, one channel, 4 x 4
            1, 5, 2, 0,
            3, -1, 8, 8,
            0, 0, -2, -3,
            7, 0, -4, -1,
        };
        try (Network net = Network.builder(backend)
                        .dtype(DType.FLOAT64)
                        .input(Shape.of(1, 4, 4))
                        .add(Layers.maxPool2d(2))
                        .build();
                Tensor input = backend.upload(x, Shape.of(1, 1, 4, 4));
                Tensor g = backend.upload(new double[] {10, 20, 30, 40}, Shape.of(1, 1, 2, 2))) {
            Layer pool = net.layers().get(0);
            assertArrayEquals(
                    new double[] {5, 8, 7, -1}, pool.forward(input, true).toDoubleArray(), 0.0);
            assertArrayEquals(
                    new double[] {0, 10, 0, 0, 0, 0, 20, 0, 0, 0, 0, 0, 30, 0, 0, 40},
                    pool.backward(g, true).toDoubleArray(),
                    0.0,
                    "ties (8, 8) go to the first");
            assertNull(pool.backward(g, false));
        }
    }

    @Test
    void averagePoolingCountsPaddingAsZeros() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9}; // 3 x 3
        try (Network net = Network.builder(backend)
                        .dtype(DType.FLOAT64)
                        .input(Shape.of(1, 3, 3))
                        .add(Layers.avgPool2d(2).padding(1, 0, 1, 0))
                        .build();
                Tensor input = backend.upload(x, Shape.of(1, 1, 3, 3))) {
            // windows from (-1,-1) by 2: {1}, {2,3}, {4,7}, {5,6,8,9}, all over 4
            assertArrayEquals(
                    new double[] {0.25, 1.25, 2.75, 7},
                    net.layers().get(0).forward(input, false).toDoubleArray(),
                    1e-15);
        }
    }

    @Test
    void aConvolutionOnFlatInputSaysToReshapeFirst() {
        String m = assertThrows(
                        IllegalArgumentException.class,
                        () -> Network.builder(backend)
                                .input(784)
                                .dense(784, "relu")
                                .add(Layers.conv2d(8, 3, "relu"))
                                .build())
                .getMessage();
        assertEquals(
                "Conv2D #2 takes [C, H, W] per sample; its input is [784]: add Layers.reshape(1, 28, 28) first", m);
        m = assertThrows(
                        IllegalArgumentException.class,
                        () -> Network.builder(backend)
                                .input(Shape.of(4, 6))
                                .add(Layers.maxPool2d(2))
                                .build())
                .getMessage();
        assertEquals(
                "MaxPool2D #1 takes [C, H, W] per sample; its input is [4, 6]: add Layers.reshape(1, 4, 6) first", m);
    }

    @Test
    void aKernelLargerThanThePaddedInputIsNamed() {
        String m = assertThrows(
                        IllegalArgumentException.class,
                        () -> Network.builder(backend)
                                .input(Shape.of(1, 8, 8))
                                .add(Layers.conv2d(4, 5, "relu"))
                                .add(Layers.maxPool2d(2))
                                .add(Layers.conv2d(4, 3, "relu").dilation(2))
                                .build())
                .getMessage();
        assertTrue(m.startsWith("Conv2D #3 over samples [4, 2, 2]: "), m);
        assertTrue(m.contains("spans 5") && m.contains("is 2"), m);
        m = assertThrows(
                        IllegalArgumentException.class,
                        () -> Network.builder(backend)
                                .input(Shape.of(1, 8, 8))
                                .add(Layers.maxPool2d(2).padding(2, 0, 0, 0))
                                .build())
                .getMessage();
        assertTrue(m.startsWith("MaxPool2D #1 pads each side by at most half its 2×2 kernel"), m);
    }

    @Test
    void aBatchOfTheWrongShapeIsNamed() {
        try (Network net = Network.builder(backend)
                        .input(Shape.of(1, 4, 4))
                        .add(Layers.conv2d(2, 3, "relu"))
                        .build();
                Tensor wrong = backend.upload(new float[32], Shape.of(1, 2, 4, 4))) {
            Layer conv = net.layers().get(0);
            String m = assertThrows(IllegalArgumentException.class, () -> conv.forward(wrong, false))
                    .getMessage();
            assertTrue(m.startsWith("Conv2D #1 expects a batch of samples of shape [1, 4, 4]"), m);
            String b = assertThrows(IllegalStateException.class, () -> conv.backward(wrong, true))
                    .getMessage();
            assertTrue(b.contains("forward pass with training=true first"), b);
        }
    }

    @Test
    void summaryShowsShapesAndParameters() {
        try (Network net = cnn(backend, DType.FLOAT32)) {
            String s = net.summary();
            assertTrue(s.contains("Conv2D #1") && s.contains("[4, 6, 6]") && s.contains("relu"), s);
            assertTrue(s.contains("40"), "4 x 1 x 3 x 3 weights + 4 biases: " + s);
            assertTrue(s.contains("MaxPool2D #2") && s.contains("[4, 3, 3]"), s);
            assertTrue(s.contains("Conv2D #3") && s.contains("[3, 3, 3]") && s.contains("111"), s);
            assertTrue(s.contains("AvgPool2D #4") && s.contains("[3, 2, 2]"), s);
            assertTrue(s.contains("Flatten #5") && s.contains("[12]"), s);
            assertTrue(s.endsWith("Total parameters: 190"), s); // 40 + 111 + 12 * 3 + 3
        }
    }

    @Test
    void aCnnTrainsSavesAndLoadsWithTheSamePredictions() {
        Dataset data = images(24, 11);
        Path file = dir.resolve("cnn.safetensors");
        try (Network net = cnn(backend, DType.FLOAT64)) {
            double before = net.evaluateLoss(data, Losses.softmaxCrossEntropy());
            net.fit(
                    data,
                    TrainingOptions.builder()
                            .loss(Losses.softmaxCrossEntropy())
                            .optimizer(Optimizers.adam(0.01))
                            .epochs(15)
                            .batchSize(8)
                            .seed(3)
                            .build());
            double after = net.evaluateLoss(data, Losses.softmaxCrossEntropy());
            assertTrue(after < 0.5 * before, "training lowers the loss: " + before + " to " + after);
            float[] expected = net.predict(data);
            ModelFile.save(net, file);
            try (Network back = ModelFile.load(file, backend)) {
                assertEquals(net.summary(), back.summary());
                assertArrayEquals(expected, back.predict(data), 0.0f);
                for (int i = 0; i < net.layers().size(); i++) {
                    assertEquals(
                            net.layers().get(i).config(), back.layers().get(i).config());
                }
            }
        }
    }

    /** 1 x 8 x 8 inputs: conv 3x3 same (4, ReLU), max-pool 2, conv 2x2 valid (3, tanh), avg-pool 2 stride 1, dense 3. */
    static Network cnn(dev.glia.api.Backend on, DType dtype) {
        return Network.builder(on)
                .dtype(dtype)
                .seed(7)
                .input(Shape.of(1, 6, 6))
                .add(Layers.conv2d(4, 3, "relu").padding(Padding.SAME))
                .add(Layers.maxPool2d(2))
                .add(Layers.conv2d(3, 3, "tanh").padding(1))
                .add(Layers.avgPool2d(2).stride(1))
                .add(Layers.flatten())
                .dense(3, "softmax")
                .build();
    }

    /** Samples of 1 x 6 x 6 whose class is the quadrant... of the brightest pixel, with noise. */
    static Dataset images(int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[samples * 36];
        float[] y = new float[samples * 3];
        for (int s = 0; s < samples; s++) {
            int label = s % 3;
            for (int i = 0; i < 36; i++) {
                int col = i % 6;
                x[s * 36 + i] = (float) (random.nextDouble(-0.2, 0.2) + (col / 2 == label ? 1 : 0));
            }
            y[s * 3 + label] = 1;
        }
        return Dataset.of(x, 36, y, 3);
    }

    private static double[] random(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextDouble(-1, 1);
        }
        return v;
    }
}
