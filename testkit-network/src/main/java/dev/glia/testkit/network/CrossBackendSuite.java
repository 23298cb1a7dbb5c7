package dev.glia.testkit.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.Loss;
import dev.glia.api.Optimizer;
import dev.glia.api.Parameter;
import dev.glia.api.Shape;
import dev.glia.core.Dataset;
import dev.glia.core.Initializer;
import dev.glia.core.Layers;
import dev.glia.core.Network;
import dev.glia.core.Padding;
import dev.glia.core.TrainingHistory;
import dev.glia.core.TrainingOptions;
import dev.glia.core.activations.Activations;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import dev.glia.testkit.ReferenceBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The same seeded network, trained for a few steps on the backend under test and on the {@link ReferenceBackend}
 * (FLOAT32 tensors, float64 arithmetic rounded once per stored result), ends with the same weights, the same loss
 * in every epoch and the same predictions, within float32 tolerance. Both start from the same host-drawn weights and
 * see the same shuffled batches, so they differ only in the order and precision of floating-point arithmetic.
 *
 * <p>The cases cover the fused and unfused output-and-loss pairs, SGD, momentum and Adam, He initialisation, batches
 * whose last one is short, and a plugin activation defined only as a formula. Every backend module subclasses it.
 */
public abstract class CrossBackendSuite {
    /** For subclasses. */
    protected CrossBackendSuite() {}

    /** A new backend of the kind under test, in its default configuration; the suite closes it. */
    protected abstract Backend createBackend();

    /** The backend the one under test is compared with: a new {@link ReferenceBackend}. */
    protected Backend createReference() {
        return new ReferenceBackend();
    }

    /** What one training run left: weights, epoch losses and the predictions of the training features. */
    @SuppressWarnings("ArrayRecordComponent") // a run is read, never compared or hashed
    private record Run(String backend, List<float[]> weights, List<Double> losses, float[][] predictions) {}

    /** One comparison: the data, the network, how it is trained, and the relative tolerance of every value. */
    private record Case(
            Dataset data,
            Function<Backend, Network> network,
            Supplier<Loss> loss,
            Supplier<Optimizer> optimizer,
            int epochs,
            int batchSize,
            long seed,
            double tolerance) {}

    /** 96 samples in batches of 32, a 40-64-32-5 network (He, ReLU, tanh, softmax), three epochs of SGD. */
    @Test
    public void sgdStepsGiveTheSameWeights() {
        compare(classifier(() -> Optimizers.sgd(0.1), 1e-5));
    }

    /**
     * The same with Adam. Adam divides by sqrt(v): where a gradient is near zero, rounding differences are
     * amplified, so its weights agree to a few float32 ulps of the step size (1e-3) rather than of the weights.
     */
    @Test
    public void adamStepsGiveTheSameWeights() {
        compare(classifier(() -> Optimizers.adam(1e-3), 1e-4));
    }

    /** ReLU, then softmax fused with cross-entropy, Adam; 37 samples in batches of 8. */
    @Test
    public void reluSoftmaxWithAdam() {
        compare(small(
                data(37, 5, 3, true),
                Activations.relu(),
                "softmax",
                Losses::softmaxCrossEntropy,
                () -> Optimizers.adam(0.01)));
    }

    /** Tanh, then sigmoid fused with binary cross-entropy, momentum; 29 samples in batches of 8. */
    @Test
    public void tanhSigmoidWithMomentum() {
        compare(small(
                data(29, 4, 2, false),
                Activations.tanh(),
                "sigmoid",
                Losses::binaryCrossEntropy,
                () -> Optimizers.momentum(0.05, 0.9)));
    }

    /** A plugin activation ({@code x + sin²x}, from its formula only), identity output, MSE and SGD. */
    @Test
    public void snakeIdentityWithSgd() {
        compare(small(
                data(40, 6, 2, false),
                Activations.of("snake", x -> x.add(x.sin().mul(x.sin()))),
                "identity",
                Losses::mse,
                () -> Optimizers.sgd(0.05)));
    }

    /**
     * Dense at each of 5 time steps, softmax cross-entropy over class ids per step with padding masked (30 sequences
     * of 1 to 5 steps), trained with Adam clipped to a global gradient norm of 0.5 (small enough to clip every step).
     */
    @Test
    public void maskedSequencesWithClippedAdam() {
        int samples = 30;
        int steps = 5;
        SplittableRandom random = new SplittableRandom(31);
        float[] x = new float[samples * steps * 3];
        float[] ids = new float[samples * steps];
        float[] mask = new float[samples * steps];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
        for (int s = 0; s < samples; s++) {
            int length = 1 + random.nextInt(steps);
            for (int t = 0; t < steps; t++) {
                ids[s * steps + t] = random.nextInt(4);
                mask[s * steps + t] = t < length ? 1 : 0;
            }
        }
        compare(new Case(
                Dataset.of(x, Shape.of(steps, 3), ids, steps).withMask(mask),
                b -> Network.builder(b)
                        .seed(14)
                        .input(Shape.of(steps, 3))
                        .dense(8, "tanh")
                        .dense(4, "softmax")
                        .build(),
                Losses::softmaxCrossEntropy,
                () -> Optimizers.clipGlobalNorm(Optimizers.adam(1e-2), 0.5),
                4,
                8,
                6,
                1e-4));
    }

    /**
     * A small convolutional network on 1 × 6 × 6 images: conv 3 × 3 "same" (ReLU), batch normalisation per channel,
     * max pooling, a strided and padded conv (tanh), average pooling, global average pooling and softmax fused with
     * cross-entropy, trained with Adam; 30 samples in batches of 8, the last one short.
     */
    @Test
    public void cnnWithAdam() {
        compare(new Case(
                data(30, 36, 3, true),
                b -> Network.builder(b)
                        .seed(8)
                        .input(Shape.of(1, 6, 6))
                        .add(Layers.conv2d(4, 3, "relu").padding(Padding.SAME))
                        .add(Layers.batchNorm2d())
                        .add(Layers.maxPool2d(2))
                        .add(Layers.conv2d(3, 2, "tanh").stride(2).padding(1))
                        .add(Layers.avgPool2d(2).stride(1))
                        .add(Layers.globalAvgPool2d())
                        .dense(3, "softmax")
                        .build(),
                Losses::softmaxCrossEntropy,
                () -> Optimizers.adam(1e-2),
                4,
                8,
                5,
                1e-4));
    }

    /**
     * A convolutional network whose second convolution (5 × 5 "same" over 4 channels of 10 × 10, batches of 8 and
     * a short one of 6) is one the ND4J backend works by Winograd's tiles: conv 3 × 3 "same" (ReLU), conv 5 × 5
     * "same" (ReLU), max pooling, global average pooling and softmax fused with cross-entropy, trained with Adam.
     */
    @Test
    public void cnnWithLargeKernelsAndAdam() {
        compare(new Case(
                data(30, 100, 3, true),
                b -> Network.builder(b)
                        .seed(9)
                        .input(Shape.of(1, 10, 10))
                        .add(Layers.conv2d(4, 3, "relu").padding(Padding.SAME))
                        .add(Layers.conv2d(6, 5, "relu").padding(Padding.SAME))
                        .add(Layers.maxPool2d(2))
                        .add(Layers.globalAvgPool2d())
                        .dense(3, "softmax")
                        .build(),
                Losses::softmaxCrossEntropy,
                () -> Optimizers.adam(1e-2),
                4,
                8,
                5,
                1e-4));
    }

    /**
     * A recurrent network on sequences of 6 steps of 3 features: an LSTM returning every step, a GRU returning the
     * last, and softmax fused with cross-entropy, trained with Adam; 30 samples in batches of 8, the last one short.
     */
    @Test
    public void recurrentWithAdam() {
        compare(new Case(
                data(30, 18, 3, true).withSampleShape(Shape.of(6, 3)),
                b -> Network.builder(b)
                        .seed(12)
                        .input(Shape.of(6, 3))
                        .add(Layers.lstm(8))
                        .add(Layers.gru(5).returnSequences(false))
                        .dense(3, "softmax")
                        .build(),
                Losses::softmaxCrossEntropy,
                () -> Optimizers.adam(1e-2),
                4,
                8,
                5,
                1e-4));
    }

    private static Case classifier(Supplier<Optimizer> optimizer, double tolerance) {
        int samples = 96;
        int inputs = 40;
        int classes = 5;
        SplittableRandom random = new SplittableRandom(21);
        float[] x = new float[samples * inputs];
        float[] y = new float[samples * classes];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
        for (int i = 0; i < samples; i++) {
            y[i * classes + random.nextInt(classes)] = 1;
        }
        return new Case(
                Dataset.of(x, inputs, y, classes),
                b -> Network.builder(b)
                        .seed(99)
                        .input(inputs)
                        .dense(64, "relu", Initializer.HE)
                        .dense(32, "tanh")
                        .dense(classes, "softmax")
                        .build(),
                Losses::softmaxCrossEntropy,
                optimizer,
                3,
                32,
                3,
                tolerance);
    }

    private static Case small(
            Dataset data, Activation hidden, String output, Supplier<Loss> loss, Supplier<Optimizer> optimizer) {
        return new Case(
                data,
                b -> Network.builder(b)
                        .seed(42)
                        .input(data.featureWidth())
                        .dense(16, hidden)
                        .dense(data.targetWidth(), output)
                        .build(),
                loss,
                optimizer,
                5,
                8,
                9,
                2e-4);
    }

    private static Dataset data(int samples, int in, int out, boolean oneHot) {
        SplittableRandom random = new SplittableRandom(17);
        float[][] x = new float[samples][in];
        float[][] y = new float[samples][out];
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < in; i++) {
                x[s][i] = (float) random.nextDouble(-1, 1);
            }
            if (oneHot) {
                y[s][random.nextInt(out)] = 1;
            } else {
                for (int o = 0; o < out; o++) {
                    y[s][o] = (float) random.nextDouble(0, 1);
                }
            }
        }
        return Dataset.of(x, y);
    }

    private void compare(Case c) {
        Run expected;
        Run actual;
        try (Backend reference = createReference()) {
            expected = train(reference, c);
        }
        try (Backend backend = createBackend()) {
            actual = train(backend, c);
        }
        assertEquals(expected.weights().size(), actual.weights().size(), "parameter count");
        for (int p = 0; p < expected.weights().size(); p++) {
            float[] e = expected.weights().get(p);
            float[] a = actual.weights().get(p);
            assertEquals(e.length, a.length, "parameter " + p + " size");
            for (int i = 0; i < e.length; i++) {
                assertClose(e[i], a[i], c.tolerance(), "parameter " + p + " element " + i, expected, actual);
            }
        }
        assertEquals(c.epochs(), actual.losses().size(), "epoch losses");
        for (int i = 0; i < c.epochs(); i++) {
            assertClose(
                    expected.losses().get(i),
                    actual.losses().get(i),
                    c.tolerance(),
                    "epoch " + i + " loss",
                    expected,
                    actual);
        }
        for (int s = 0; s < expected.predictions().length; s++) {
            for (int o = 0; o < expected.predictions()[s].length; o++) {
                assertClose(
                        expected.predictions()[s][o],
                        actual.predictions()[s][o],
                        c.tolerance(),
                        "prediction of sample " + s + " output " + o,
                        expected,
                        actual);
            }
        }
    }

    private static void assertClose(double expected, double actual, double tolerance, String what, Run e, Run a) {
        double diff = Math.abs(expected - actual);
        if (!(diff <= tolerance * Math.max(1, Math.abs(expected)))) {
            throw new AssertionError(what + ": " + e.backend() + " " + expected + ", " + a.backend() + " " + actual
                    + " (difference " + diff + " > " + tolerance + " relative)");
        }
    }

    private static Run train(Backend backend, Case c) {
        try (Network net = c.network().apply(backend)) {
            TrainingHistory h = net.fit(
                    c.data(),
                    TrainingOptions.builder()
                            .loss(c.loss().get())
                            .optimizer(c.optimizer().get())
                            .epochs(c.epochs())
                            .batchSize(c.batchSize())
                            .shuffle(true)
                            .seed(c.seed())
                            .build());
            List<float[]> weights = new ArrayList<>();
            for (Parameter p : net.parameters()) {
                weights.add(p.value().toFloatArray());
            }
            float[][] features = new float[c.data().size()][];
            for (int s = 0; s < features.length; s++) {
                features[s] = c.data().features(s);
            }
            return new Run(backend.name(), weights, List.copyOf(h.epochLosses()), net.predict(features));
        }
    }
}
