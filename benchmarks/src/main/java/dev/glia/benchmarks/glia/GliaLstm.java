package dev.glia.benchmarks.glia;

import dev.glia.api.Backend;
import dev.glia.api.Layer;
import dev.glia.api.RecurrentLayer;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import dev.glia.benchmarks.spi.CharText;
import dev.glia.benchmarks.spi.LstmContender;
import dev.glia.benchmarks.spi.LstmSpec;
import dev.glia.benchmarks.spi.MlpSpec;
import dev.glia.core.Dataset;
import dev.glia.core.EpochResult;
import dev.glia.core.Layers;
import dev.glia.core.Network;
import dev.glia.core.NetworkBuilder;
import dev.glia.core.TrainingListener;
import dev.glia.core.TrainingOptions;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;

/**
 * The character model on a Glia backend, built from the public recipes: {@link Layers#lstm} twice (PyTorch's
 * equations, every step, weights and biases U(±1/√H) by default) and {@link Layers#dense} with a softmax at every
 * step (Xavier by default), trained through {@link Network#fit} with shuffling on (its seeded order is
 * {@link dev.glia.benchmarks.spi.EpochOrder}'s), per-step softmax cross-entropy against one class id per step, and
 * Adam. The whole training text is one {@link Dataset} of one-hot {@code [T, V]} samples. Generation steps the two
 * {@link RecurrentLayer}s ({@link RecurrentLayer#step}) and applies the output layer's weights with one gemm on the
 * backend; the softmax of V logits is done on the host.
 */
final class GliaLstm implements LstmContender {
    private static final Expr ADD = Expr.input(0).add(Expr.input(1));

    private final LstmSpec spec;
    private final Backend backend;
    private final Network network;
    private final RecurrentLayer[] recurrent;
    private final Layer output;
    private Tensor stepInput;
    private Tensor logits;
    private float[] oneHot;
    private float[] z;

    GliaLstm(String backendName, LstmSpec spec) {
        this.spec = spec;
        this.backend = GliaBackends.open(backendName);
        try {
            NetworkBuilder b =
                    Network.builder(backend).seed(spec.seed()).input(Shape.of(spec.sequence(), spec.vocabulary()));
            for (int l = 0; l < spec.layers(); l++) {
                b.add(Layers.lstm(spec.hidden()));
            }
            this.network = b.add(Layers.dense(spec.vocabulary(), "softmax")).build();
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        this.recurrent = new RecurrentLayer[spec.layers()];
        for (int l = 0; l < spec.layers(); l++) {
            recurrent[l] = (RecurrentLayer) network.layers().get(l);
        }
        this.output = network.layers().get(spec.layers());
    }

    @Override
    public String engine() {
        return "Glia " + backend.name() + ": " + backend.description();
    }

    @Override
    public void train(CharText text, EpochListener listener) {
        int windows = text.trainWindows();
        int steps = spec.sequence();
        int[] order = new int[windows];
        for (int i = 0; i < windows; i++) {
            order[i] = i;
        }
        int[] inputs = new int[windows * steps];
        int[] targets = new int[windows * steps];
        text.trainInputs(order, 0, windows, inputs);
        text.trainTargets(order, 0, windows, targets);
        float[] features = new float[windows * steps * spec.vocabulary()];
        CharText.oneHotNtc(inputs, windows, steps, spec.vocabulary(), features);
        float[] ids = new float[targets.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = targets[i];
        }
        Dataset data = Dataset.of(features, Shape.of(steps, spec.vocabulary()), ids, steps);
        TrainingOptions options = TrainingOptions.builder()
                .loss(Losses.softmaxCrossEntropy())
                .optimizer(Optimizers.adam(spec.learningRate(), MlpSpec.BETA1, MlpSpec.BETA2, MlpSpec.EPSILON))
                .epochs(spec.epochs())
                .batchSize(spec.batch())
                .shuffle(true)
                .seed(spec.seed())
                .listener(new TrainingListener() {
                    @Override
                    public void epochEnded(EpochResult result) {
                        listener.epochEnded(result.epoch(), result.loss());
                    }
                })
                .build();
        network.fit(data, options);
    }

    @Override
    public void predict(int[] inputs, int count, float[] probabilities) {
        int steps = spec.sequence();
        int v = spec.vocabulary();
        float[] x = new float[count * steps * v];
        CharText.oneHotNtc(inputs, count, steps, v, x);
        try (Tensor batch = backend.allocate(Shape.of(count, steps, v), network.dtype())) {
            backend.write(batch, x);
            float[] p = new float[count * steps * v];
            backend.download(network.forward(batch), p);
            System.arraycopy(p, 0, probabilities, 0, p.length);
        }
    }

    @Override
    public void resetState() {
        for (RecurrentLayer r : recurrent) {
            r.resetState();
        }
    }

    @Override
    public void step(int code, float[] probabilities) {
        int v = spec.vocabulary();
        if (stepInput == null) {
            stepInput = backend.allocate(Shape.matrix(1, v), network.dtype());
            logits = backend.allocate(Shape.matrix(1, v), network.dtype());
            oneHot = new float[v];
            z = new float[v];
        }
        oneHot[code] = 1f;
        backend.write(stepInput, oneHot);
        oneHot[code] = 0f;
        Tensor h = stepInput;
        for (RecurrentLayer r : recurrent) {
            h = r.step(h);
        }
        // the output layer's z = h W + b on the backend (W [H, V], b [V]), its softmax over V values here
        backend.gemm(false, false, 1, h, output.parameters().get(0).value(), 0, logits);
        backend.elementwise(ADD, logits, logits, output.parameters().get(1).value());
        backend.download(logits, z);
        float max = Float.NEGATIVE_INFINITY;
        for (float value : z) {
            max = Math.max(max, value);
        }
        double sum = 0;
        for (int j = 0; j < v; j++) {
            double e = Math.exp(z[j] - max);
            probabilities[j] = (float) e;
            sum += e;
        }
        for (int j = 0; j < v; j++) {
            probabilities[j] = (float) (probabilities[j] / sum);
        }
    }

    @Override
    public void close() {
        if (stepInput != null) {
            stepInput.close();
            logits.close();
        }
        network.close();
        backend.close();
    }
}
