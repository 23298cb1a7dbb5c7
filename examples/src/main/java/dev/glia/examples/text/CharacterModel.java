package dev.glia.examples.text;

import dev.glia.api.Backend;
import dev.glia.core.Dataset;
import dev.glia.core.Layers;
import dev.glia.core.Network;
import dev.glia.core.io.ModelFile;
import dev.glia.core.losses.Losses;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The feed-forward text model the lesson's LSTM is compared with: it reads a fixed window of the last
 * {@link #context()} characters, Embedding → Dense (tanh) → Dense (softmax over the vocabulary), and remembers
 * nothing beyond it. One sample per predicted character.
 */
final class CharacterModel implements TextModel {
    /** The kind this class writes. */
    static final String KIND = "window";
    /** Values per character in the embedding. */
    static final int EMBEDDING = 16;

    private final Network network;
    private final Vocabulary vocabulary;
    private final int context;

    private CharacterModel(Network network, Vocabulary vocabulary, int context) {
        this.network = network;
        this.vocabulary = vocabulary;
        this.context = context;
    }

    /** A new model over {@code vocabulary} reading {@code context} characters, {@code hidden} units, seeded. */
    static CharacterModel window(Backend backend, Vocabulary vocabulary, int context, int hidden, long seed) {
        Network net = Network.builder(backend)
                .seed(seed)
                .input(context)
                .add(Layers.embedding(vocabulary.size(), EMBEDDING))
                .add(Layers.flatten())
                .dense(hidden, "tanh")
                .dense(vocabulary.size(), "softmax")
                .build();
        return new CharacterModel(net, vocabulary, context);
    }

    /** A model over a loaded network. */
    static CharacterModel of(Network net, Vocabulary vocabulary, int context) {
        return new CharacterModel(net, vocabulary, context);
    }

    @Override
    public void save(Path file, Map<String, String> extra) {
        Map<String, String> meta = new LinkedHashMap<>(extra);
        meta.put(MODEL_KEY, KIND);
        meta.put(VOCABULARY_KEY, vocabulary.characters());
        meta.put(CONTEXT_KEY, Integer.toString(context));
        ModelFile.save(network, file, meta);
    }

    @Override
    public Network network() {
        return network;
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** Characters of context the model reads. */
    public int context() {
        return context;
    }

    /**
     * One sample per predicted character: the {@code context} ids before it (the id {@link #padding()} before
     * the text starts) and the one-hot next character. {@code count} positions are drawn from {@code random}, or
     * every position in order when {@code random} is null.
     */
    public Dataset samples(int[] ids, int count, Random random) {
        int n = random == null ? ids.length : count;
        int v = vocabulary.size();
        float[] features = new float[n * context];
        float[] targets = new float[n * v];
        int pad = padding();
        for (int i = 0; i < n; i++) {
            int at = random == null ? i : random.nextInt(ids.length);
            for (int k = 0; k < context; k++) {
                int from = at - context + k;
                features[i * context + k] = from < 0 ? pad : ids[from];
            }
            targets[i * v + ids[at]] = 1;
        }
        return Dataset.of(features, context, targets, v);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String describe() {
        return String.format(
                java.util.Locale.ROOT,
                "the last %d characters -> Embedding %d -> Dense %d tanh -> Dense %d" + " softmax (%,d parameters)",
                context,
                EMBEDDING,
                network.layers().get(2).outputShape().size(),
                vocabulary.size(),
                network.parameterCount());
    }

    @Override
    public Dataset trainingSamples(int[] ids, int characters, Random random) {
        return samples(ids, characters, random);
    }

    @Override
    public int charactersPerSample() {
        return 1;
    }

    @Override
    public double bitsPerCharacter(double loss) {
        return loss / Math.log(2);
    }

    @Override
    public double bitsPerCharacter(int[] ids) {
        return network.evaluateLoss(samples(ids, ids.length, null), Losses.softmaxCrossEntropy()) / Math.log(2);
    }

    @Override
    public String generate(String prime, int length, double temperature, Sampler sampler) {
        int[] primeIds = vocabulary.encode(prime, "--prime");
        int[] window = new int[context];
        java.util.Arrays.fill(window, padding());
        for (int id : primeIds) {
            push(window, id);
        }
        StringBuilder out = new StringBuilder(length);
        float[][] input = new float[1][context];
        for (int i = 0; i < length; i++) {
            for (int k = 0; k < context; k++) {
                input[0][k] = window[k];
            }
            int next = sampler.next(network.predict(input)[0], temperature);
            out.append(vocabulary.character(next));
            push(window, next);
        }
        return out.toString();
    }

    /** The id a context starts with before the text does: a line feed's (a paragraph has just ended), else 0. */
    int padding() {
        return vocabulary.contains('\n') ? vocabulary.encode("\n", "padding")[0] : 0;
    }

    private static void push(int[] window, int id) {
        System.arraycopy(window, 1, window, 0, window.length - 1);
        window[window.length - 1] = id;
    }

    @Override
    public void close() {
        network.close();
    }
}
