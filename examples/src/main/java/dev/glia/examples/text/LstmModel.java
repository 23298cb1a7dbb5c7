package dev.glia.examples.text;

import dev.glia.api.Backend;
import dev.glia.api.Layer;
import dev.glia.api.RecurrentLayer;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.core.Dataset;
import dev.glia.core.Layers;
import dev.glia.core.Network;
import dev.glia.core.io.ModelFile;
import dev.glia.core.losses.Losses;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The lesson's character-level language model: sequences of a fixed number of character ids → Embedding
 * {@link #EMBEDDING} → LSTM → LSTM → Dense (softmax over the vocabulary) at each step. Each sample is one
 * sequence; its targets are the ids of the same sequence shifted by one character, so every step predicts the
 * next character from all the ones before it in the sequence, and the loss is softmax cross-entropy at each
 * step. Generation runs the two LSTM layers one step at a time
 * ({@link RecurrentLayer#step}) and applies the embedding and the last Dense on the host.
 */
final class LstmModel implements TextModel {
    /** The kind this class writes. */
    static final String KIND = "lstm";
    /** Values per character in the embedding. */
    static final int EMBEDDING = 64;

    private final Network network;
    private final Vocabulary vocabulary;
    private final int steps;
    private final RecurrentLayer first;
    private final RecurrentLayer second;

    private LstmModel(Network network, Vocabulary vocabulary, int steps) {
        this.network = network;
        this.vocabulary = vocabulary;
        this.steps = steps;
        this.first = (RecurrentLayer) network.layers().get(1);
        this.second = (RecurrentLayer) network.layers().get(2);
    }

    /** A new model over sequences of {@code steps} characters, two LSTM layers of {@code hidden}, seeded. */
    static LstmModel create(Backend backend, Vocabulary vocabulary, int steps, int hidden, long seed) {
        Network net = Network.builder(backend)
                .seed(seed)
                .input(Shape.of(steps))
                .add(Layers.embedding(vocabulary.size(), EMBEDDING))
                .add(Layers.lstm(hidden))
                .add(Layers.lstm(hidden))
                .add(Layers.dense(vocabulary.size(), "softmax"))
                .build();
        return new LstmModel(net, vocabulary, steps);
    }

    /** A model over a loaded network, checked to have this class's layers. */
    static LstmModel of(Network net, Vocabulary vocabulary, int steps, String source) {
        List<Layer> layers = net.layers();
        if (layers.size() != 4
                || !(layers.get(1) instanceof RecurrentLayer)
                || !(layers.get(2) instanceof RecurrentLayer)
                || !layers.get(3).type().equals("dense")) {
            throw new IllegalArgumentException(source + " records an LSTM text model but its layers are not"
                    + " Embedding, LSTM, LSTM, Dense; the file is damaged");
        }
        return new LstmModel(net, vocabulary, steps);
    }

    @Override
    public Network network() {
        return network;
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String describe() {
        return String.format(
                Locale.ROOT,
                "sequences of %d characters -> Embedding %d -> LSTM %d -> LSTM %d -> Dense"
                        + " %d softmax at each step (%,d parameters)",
                steps,
                EMBEDDING,
                first.hiddenSize(),
                second.hiddenSize(),
                vocabulary.size(),
                network.parameterCount());
    }

    @Override
    public Dataset trainingSamples(int[] ids, int characters, Random random) {
        int count = Math.max(1, characters / steps);
        float[] features = new float[count * steps];
        float[] targets = new float[count * steps];
        for (int i = 0; i < count; i++) {
            fill(ids, random.nextInt(ids.length - steps), i, features, targets);
        }
        return Dataset.of(features, Shape.of(steps), targets, steps);
    }

    /** Sample {@code sample}: the ids from {@code start} as input, the ids one character later as targets. */
    private void fill(int[] ids, int start, int sample, float[] features, float[] targets) {
        for (int t = 0; t < steps; t++) {
            features[sample * steps + t] = ids[start + t];
            targets[sample * steps + t] = ids[start + t + 1];
        }
    }

    @Override
    public int charactersPerSample() {
        return steps;
    }

    @Override
    public double bitsPerCharacter(double loss) {
        return loss / Math.log(2);
    }

    /** Over consecutive sequences of the text, each starting from a zero state. */
    @Override
    public double bitsPerCharacter(int[] ids) {
        int count = (ids.length - 1) / steps;
        float[] features = new float[count * steps];
        float[] targets = new float[count * steps];
        for (int i = 0; i < count; i++) {
            fill(ids, i * steps, i, features, targets);
        }
        Dataset data = Dataset.of(features, Shape.of(steps), targets, steps);
        return bitsPerCharacter(network.evaluateLoss(data, Losses.softmaxCrossEntropy()));
    }

    @Override
    public String generate(String prime, int length, double temperature, Sampler sampler) {
        int[] primeIds = vocabulary.encode(prime.isEmpty() ? "\n" : prime, "--prime");
        Backend backend = network.backend();
        int v = vocabulary.size();
        float[] table = network.layers().get(0).parameters().get(0).value().toFloatArray();
        Layer dense = network.layers().get(3);
        float[] weight = dense.parameters().get(0).value().toFloatArray(); // [hidden, v], row-major
        float[] bias = dense.parameters().get(1).value().toFloatArray();
        int hidden = second.hiddenSize();
        float[] h = new float[hidden];
        float[] row = new float[EMBEDDING];
        float[] probabilities = new float[v];
        StringBuilder out = new StringBuilder(length);
        first.resetState();
        second.resetState();
        try (Tensor x = backend.allocate(Shape.matrix(1, EMBEDDING), network.dtype())) {
            int next = -1;
            for (int i = 0; i < primeIds.length + length - 1; i++) {
                int id = i < primeIds.length ? primeIds[i] : next;
                System.arraycopy(table, id * EMBEDDING, row, 0, EMBEDDING);
                backend.write(x, row);
                backend.download(second.step(first.step(x)), h);
                if (i >= primeIds.length - 1) {
                    softmax(h, weight, bias, probabilities);
                    next = sampler.next(probabilities, temperature);
                    out.append(vocabulary.character(next));
                }
            }
        } finally {
            first.resetState(); // training and evaluation start from zeros again
            second.resetState();
        }
        return out.toString();
    }

    private static void softmax(float[] h, float[] weight, float[] bias, float[] out) {
        int v = out.length;
        double max = Double.NEGATIVE_INFINITY;
        double[] z = new double[v];
        for (int j = 0; j < v; j++) {
            double sum = bias[j];
            for (int k = 0; k < h.length; k++) {
                sum += (double) h[k] * weight[k * v + j];
            }
            z[j] = sum;
            max = Math.max(max, sum);
        }
        double total = 0;
        for (int j = 0; j < v; j++) {
            z[j] = Math.exp(z[j] - max);
            total += z[j];
        }
        for (int j = 0; j < v; j++) {
            out[j] = (float) (z[j] / total);
        }
    }

    @Override
    public void save(Path file, Map<String, String> extra) {
        Map<String, String> meta = new LinkedHashMap<>(extra);
        meta.put(MODEL_KEY, KIND);
        meta.put(VOCABULARY_KEY, vocabulary.characters());
        meta.put(CONTEXT_KEY, Integer.toString(steps));
        ModelFile.save(network, file, meta);
    }

    @Override
    public void close() {
        network.close();
    }
}
