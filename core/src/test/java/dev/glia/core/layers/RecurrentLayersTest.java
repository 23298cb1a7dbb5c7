package dev.glia.core.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Layer;
import dev.glia.api.LayerSpec;
import dev.glia.api.Parameter;
import dev.glia.api.RecurrentLayer;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.core.Dataset;
import dev.glia.core.LayerTypes;
import dev.glia.core.Layers;
import dev.glia.core.Network;
import dev.glia.core.TrainingHistory;
import dev.glia.core.TrainingOptions;
import dev.glia.core.io.ModelFile;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import dev.glia.testkit.LayerGradientCheck;
import dev.glia.testkit.ReferenceBackend;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LSTM and GRU on the float64 reference backend: PyTorch's equations by hand, state, gradients, files, training. */
class RecurrentLayersTest {
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

    private Network network(LayerSpec spec, int steps, int features) {
        return Network.builder(backend)
                .seed(3)
                .dtype(dev.glia.api.DType.FLOAT64)
                .input(Shape.of(steps, features))
                .add(spec)
                .build();
    }

    private void set(Parameter p, double... values) {
        backend.write(p.value(), values);
    }

    /**
     * One LSTM step with F = H = 1, x = 1, h0 = 0, c0 = 0.5, weight_ih = (1, 2, 0.5, -1) in the order (i, f, g, o),
     * no bias: i = σ(1), f = σ(2), g = tanh(0.5), o = σ(-1), c = f·0.5 + i·g = 0.77823…, h = o·tanh(c) = 0.17526….
     */
    @Test
    void oneLstmStepByHand() {
        try (Network net = network(Layers.lstm(1), 1, 1);
                Tensor x = backend.upload(new double[] {1}, Shape.of(1, 1, 1));
                Tensor h0 = backend.upload(new double[] {0}, Shape.of(1, 1));
                Tensor c0 = backend.upload(new double[] {0.5}, Shape.of(1, 1))) {
            RecurrentLayer lstm = (RecurrentLayer) net.layers().get(0);
            List<Parameter> p = lstm.parameters();
            set(p.get(0), 1, 2, 0.5, -1);
            set(p.get(1), 0.3, -0.7, 0.9, 0.2);
            set(p.get(2), 0, 0, 0, 0);
            set(p.get(3), 0, 0, 0, 0);
            lstm.initialState(List.of(h0, c0));
            assertEquals(0.1752668298178466, lstm.forward(x, false).toDoubleArray()[0], 1e-15);
            assertEquals(0.7782332511359823, lstm.finalState().get(1).toDoubleArray()[0], 1e-15);
        }
    }

    /**
     * One GRU step with F = H = 1, x = 1, h0 = 0.5, weight_ih = (1, -1, 0.5) in the order (r, z, n), weight_hh =
     * (0.5, 0.25, 2), bias_hh = (0, 0, 0.1): r = σ(1.25), z = σ(-0.875), n = tanh(0.5 + r·1.1), h = (1 - z)·n + z·0.5.
     */
    @Test
    void oneGruStepByHand() {
        try (Network net = network(Layers.gru(1), 1, 1);
                Tensor x = backend.upload(new double[] {1}, Shape.of(1, 1, 1));
                Tensor h0 = backend.upload(new double[] {0.5}, Shape.of(1, 1))) {
            RecurrentLayer gru = (RecurrentLayer) net.layers().get(0);
            List<Parameter> p = gru.parameters();
            set(p.get(0), 1, -1, 0.5);
            set(p.get(1), 0.5, 0.25, 2);
            set(p.get(2), 0, 0, 0);
            set(p.get(3), 0, 0, 0.1);
            gru.initialState(List.of(h0));
            assertEquals(0.7648354429570166, gru.forward(x, false).toDoubleArray()[0], 1e-15);
        }
    }

    /** Several steps, two samples and two units against the equations written out in plain Java. */
    @Test
    void sequencesFollowTheEquations() {
        int t = 3;
        int f = 2;
        int h = 2;
        double[] x = values(2 * t * f, 5);
        for (boolean lstm : new boolean[] {true, false}) {
            try (Network net = network(lstm ? Layers.lstm(h) : Layers.gru(h), t, f);
                    Tensor in = backend.upload(x, Shape.of(2, t, f))) {
                Layer layer = net.layers().get(0);
                double[][] w = new double[4][];
                for (int i = 0; i < 4; i++) {
                    w[i] = layer.parameters().get(i).value().toDoubleArray();
                }
                double[] y = layer.forward(in, false).toDoubleArray();
                double[] expected = lstm ? Equations.lstm(x, 2, t, f, h, w) : Equations.gru(x, 2, t, f, h, w);
                assertArrayEquals(expected, y, 1e-12, lstm ? "LSTM" : "GRU");
            }
        }
    }

    /** step() one time step at a time, from a given state, equals one forward pass over the whole sequence. */
    @Test
    void stepByStepEqualsTheWholeSequence() {
        int t = 4;
        int f = 3;
        int h = 5;
        double[] x = values(2 * t * f, 8);
        for (LayerSpec spec : List.of(Layers.lstm(h), Layers.gru(h))) {
            try (Network net = network(spec, t, f);
                    Tensor in = backend.upload(x, Shape.of(2, t, f))) {
                RecurrentLayer layer = (RecurrentLayer) net.layers().get(0);
                int states = layer.stateNames().size();
                Tensor[] start = new Tensor[states];
                for (int k = 0; k < states; k++) {
                    start[k] = backend.upload(values(2 * h, 11 + k), Shape.of(2, h));
                }
                try {
                    layer.initialState(List.of(start));
                    double[] whole = layer.forward(in, false).toDoubleArray();
                    double[] last = layer.finalState().get(states - 1).toDoubleArray();
                    layer.initialState(List.of(start));
                    for (int s = 0; s < t; s++) {
                        double[] xs = new double[2 * f];
                        for (int n = 0; n < 2; n++) {
                            System.arraycopy(x, (n * t + s) * f, xs, n * f, f);
                        }
                        double[] hs;
                        try (Tensor step = backend.upload(xs, Shape.of(2, f))) {
                            hs = layer.step(step).toDoubleArray();
                        }
                        for (int n = 0; n < 2; n++) {
                            for (int j = 0; j < h; j++) {
                                assertEquals(whole[(n * t + s) * h + j], hs[n * h + j], 1e-14, "step " + s);
                            }
                        }
                    }
                    assertArrayEquals(last, layer.finalState().get(states - 1).toDoubleArray(), 1e-14);
                    carriedStateStartsTheNextPass(layer, in);
                } finally {
                    for (Tensor s : start) {
                        s.close();
                    }
                }
            }
        }
    }

    /** After carryState(), the next pass starts from the last pass's final state, not from zeros. */
    private static void carriedStateStartsTheNextPass(RecurrentLayer layer, Tensor in) {
        layer.resetState();
        double[] fromZeros = layer.forward(in, false).toDoubleArray();
        layer.carryState();
        double[] fromCarried = layer.forward(in, false).toDoubleArray();
        assertTrue(fromCarried[0] != fromZeros[0], "the carried state changes the next pass");
        layer.resetState();
        assertArrayEquals(fromZeros, layer.forward(in, false).toDoubleArray(), 0);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        LayerGradientCheck.of(Layers.lstm(3), Shape.of(4, 2)).batch(2).check(backend);
        LayerGradientCheck.of(Layers.lstm(2).returnSequences(false), Shape.of(3, 3))
                .check(backend);
        LayerGradientCheck.of(Layers.gru(3), Shape.of(4, 2)).batch(2).check(backend);
        LayerGradientCheck.of(Layers.gru(2).returnSequences(false), Shape.of(3, 3))
                .check(backend);
    }

    /** Shapes, parameter layout, the summary and the type registry. */
    @Test
    void shapesLayoutAndRegistry() {
        try (Network net = Network.builder(backend)
                .seed(1)
                .input(Shape.of(7, 5))
                .add(Layers.lstm(4))
                .add(Layers.gru(3).returnSequences(false))
                .dense(2, "softmax")
                .build()) {
            Layer lstm = net.layers().get(0);
            Layer gru = net.layers().get(1);
            assertEquals(Shape.of(7, 4), lstm.outputShape());
            assertEquals(Shape.of(3), gru.outputShape());
            assertEquals(Shape.of(16, 5), lstm.parameters().get(0).value().shape());
            assertEquals(Shape.of(16, 4), lstm.parameters().get(1).value().shape());
            assertEquals(Shape.of(9, 4), gru.parameters().get(0).value().shape());
            assertEquals(Shape.of(9), gru.parameters().get(3).value().shape());
            assertEquals(
                    List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh"),
                    lstm.parameters().stream().map(Parameter::name).toList());
            for (Parameter p : lstm.parameters()) {
                for (double v : p.value().toDoubleArray()) {
                    assertTrue(Math.abs(v) <= 0.5, "uniform in ±1/sqrt(4): " + v);
                }
            }
            String summary = net.summary();
            assertTrue(summary.contains("LSTM #1") && summary.contains("[7, 4]") && summary.contains("176"), summary);
            assertTrue(summary.contains("GRU #2") && summary.contains("81"), summary);
            assertEquals("lstm", lstm.type());
            LayerTypes types = LayerTypes.discover();
            assertTrue(
                    types.ids().contains("lstm") && types.ids().contains("gru"),
                    types.ids().toString());
        }
    }

    @Test
    void mistakesAreNamed() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Network.builder(backend).input(6).add(Layers.lstm(2)).build());
        assertTrue(e.getMessage().contains("[steps, features]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Layers.gru(0));
        try (Network net = network(Layers.lstm(2), 3, 2);
                Tensor wrong = backend.upload(new double[6], Shape.of(2, 3));
                Tensor x = backend.upload(new double[12], Shape.of(2, 3, 2))) {
            RecurrentLayer lstm = (RecurrentLayer) net.layers().get(0);
            e = assertThrows(IllegalArgumentException.class, () -> lstm.initialState(List.of(wrong)));
            assertTrue(e.getMessage().contains("[h, c]"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> lstm.initialState(List.of(wrong, wrong)));
            assertTrue(e.getMessage().contains("[batchSize, 2]"), e.getMessage());
            assertThrows(IllegalStateException.class, lstm::finalState);
            assertThrows(IllegalStateException.class, () -> lstm.backward(x, false));
            try (Tensor h = backend.upload(new double[2], Shape.of(1, 2))) {
                lstm.initialState(List.of(h, h));
                e = assertThrows(IllegalArgumentException.class, () -> lstm.forward(x, false));
                assertTrue(e.getMessage().contains("resetState()"), e.getMessage());
            }
        }
    }

    /** An LSTM network (last step, then dense) trains, saves and loads to the same predictions. */
    @Test
    void trainsAndRoundTripsThroughAModelFile() {
        int samples = 32;
        int t = 5;
        SplittableRandom random = new SplittableRandom(4);
        float[] x = new float[samples * t];
        float[] y = new float[samples * 2];
        for (int s = 0; s < samples; s++) {
            double sum = 0;
            for (int i = 0; i < t; i++) {
                x[s * t + i] = (float) random.nextDouble(-1, 1);
                sum += x[s * t + i];
            }
            y[s * 2 + (sum > 0 ? 1 : 0)] = 1;
        }
        Dataset data = Dataset.of(x, Shape.of(t, 1), y, 2);
        Path file = dir.resolve("lstm.glia");
        try (Network net = Network.builder(backend)
                .seed(5)
                .input(Shape.of(t, 1))
                .add(Layers.lstm(6).returnSequences(false))
                .dense(2, "softmax")
                .build()) {
            TrainingHistory h = net.fit(
                    data,
                    TrainingOptions.builder()
                            .loss(Losses.softmaxCrossEntropy())
                            .optimizer(Optimizers.adam(0.05))
                            .epochs(30)
                            .batchSize(8)
                            .seed(6)
                            .build());
            assertTrue(
                    h.finalLoss() < 0.5 * h.epochLosses().get(0),
                    "the loss falls: " + h.epochLosses().get(0) + " -> " + h.finalLoss());
            float[] expected = net.predict(data);
            ModelFile.save(net, file);
            try (Network loaded = ModelFile.load(file, backend)) {
                assertEquals(net.summary(), loaded.summary());
                assertArrayEquals(expected, loaded.predict(data), 0);
            }
        }
    }

    /** Token ids through an embedding ([T] ids give [T, D]) into an LSTM: the sequence's first token is the class. */
    @Test
    void embeddingFeedsAnLstm() {
        int samples = 24;
        int t = 4;
        SplittableRandom random = new SplittableRandom(9);
        float[] ids = new float[samples * t];
        float[] y = new float[samples * 3];
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < t; i++) {
                ids[s * t + i] = random.nextInt(3);
            }
            y[s * 3 + (int) ids[s * t]] = 1;
        }
        Dataset data = Dataset.of(ids, Shape.of(t), y, 3);
        try (Network net = Network.builder(backend)
                .seed(2)
                .input(Shape.of(t))
                .add(Layers.embedding(3, 4))
                .add(Layers.lstm(8))
                .add(Layers.gru(6).returnSequences(false))
                .dense(3, "softmax")
                .build()) {
            assertEquals(Shape.of(t, 4), net.layers().get(0).outputShape());
            TrainingHistory h = net.fit(
                    data,
                    TrainingOptions.builder()
                            .loss(Losses.softmaxCrossEntropy())
                            .optimizer(Optimizers.adam(0.05))
                            .epochs(40)
                            .batchSize(8)
                            .seed(1)
                            .build());
            assertTrue(h.finalLoss() < 0.1, "remembers the first token over four steps: " + h.epochLosses());
        }
    }

    /**
     * Truncated BPTT through the real layers: each sequence's first step names a class that every one of its 6 steps
     * must output, trained in chunks of 3 steps. The second chunk sees the class only through the state the LSTM
     * carries from the first, so without carrying half the steps would stay at chance (a loss of at least ln 3 / 2).
     */
    @Test
    void truncatedBpttCarriesTheStateBetweenChunks() {
        int samples = 24;
        int t = 6;
        SplittableRandom random = new SplittableRandom(10);
        float[] x = new float[samples * t * 3];
        float[] y = new float[samples * t];
        for (int s = 0; s < samples; s++) {
            int c = random.nextInt(3);
            x[s * t * 3 + c] = 1;
            for (int i = 0; i < t; i++) {
                y[s * t + i] = c;
            }
        }
        Dataset data = Dataset.of(x, Shape.of(t, 3), y, t);
        try (Network net = Network.builder(backend)
                .seed(3)
                .input(Shape.of(3, 3))
                .add(Layers.lstm(8))
                .dense(3, "softmax")
                .build()) {
            TrainingHistory h = net.fit(
                    data,
                    TrainingOptions.builder()
                            .loss(Losses.softmaxCrossEntropy())
                            .optimizer(Optimizers.adam(0.05))
                            .epochs(40)
                            .batchSize(8)
                            .truncatedBptt(3)
                            .seed(1)
                            .build());
            assertTrue(h.finalLoss() < 0.1, "the class reaches the second chunk: " + h.epochLosses());
        }
    }

    private static double[] values(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextDouble(-1, 1);
        }
        return v;
    }
}
