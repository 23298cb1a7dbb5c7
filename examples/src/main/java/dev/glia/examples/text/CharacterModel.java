package dev.glia.examples.text;

import dev.glia.api.Backend;
import dev.glia.core.Dataset;
import dev.glia.core.Layers;
import dev.glia.core.Network;
import dev.glia.core.io.ModelDescription;
import dev.glia.core.io.ModelFile;
import dev.glia.core.losses.Losses;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A network that predicts the next character from the ones before it, with the {@link Vocabulary} that numbers
 * them. This build's model reads a fixed context of the last {@link #context()} characters: Embedding → Dense
 * (tanh) → Dense (softmax over the vocabulary). It is the feed-forward stand-in for the lesson's recurrent
 * model (Embedding → 2 LSTM layers of 256 → Dense at each step), which needs core's recurrent layers.
 * The model owns its network; close it.
 */
public final class CharacterModel implements AutoCloseable {
    /** Metadata key of the vocabulary in saved models. */
    public static final String VOCABULARY_KEY = "vocabulary";
    /** Metadata key of the context length in saved models. */
    public static final String CONTEXT_KEY = "context";
    /** Metadata key of the kind of model in saved models. */
    public static final String MODEL_KEY = "text-model";
    /** The kind this class writes. */
    static final String WINDOW = "window";
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
    public static CharacterModel window(Backend backend, Vocabulary vocabulary, int context, int hidden, long seed) {
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

    /** Loads a model that {@link #save} wrote; a file without a text model's metadata is refused. */
    public static CharacterModel load(Path file, Backend backend) {
        ModelDescription description = ModelFile.describe(file);
        Map<String, String> meta = description.metadata();
        String kind = meta.get(MODEL_KEY);
        if (kind == null) {
            throw new IllegalArgumentException("--model " + file + " is a Glia model but not one glia text wrote"
                    + " (its metadata has no " + MODEL_KEY + "); train one with glia text --out DIR");
        }
        if (!kind.equals(WINDOW)) {
            throw new IllegalArgumentException("--model " + file + " holds a text model of kind " + kind
                    + ", which this build cannot run; it runs " + WINDOW);
        }
        Vocabulary vocabulary = Vocabulary.parse(meta.get(VOCABULARY_KEY), "--model " + file);
        int context;
        try {
            context = Integer.parseInt(meta.getOrDefault(CONTEXT_KEY, ""));
        } catch (NumberFormatException e) {
            context = -1;
        }
        if (context < 1 || context != description.inputWidth()) {
            throw new IllegalArgumentException("--model " + file + " records a context of "
                    + meta.get(CONTEXT_KEY) + " characters but its network reads " + description.inputWidth()
                    + "; the file is damaged");
        }
        Network net = ModelFile.load(file, backend);
        if (net.outputWidth() != vocabulary.size()) {
            int out = net.outputWidth();
            net.close();
            throw new IllegalArgumentException("--model " + file + " predicts " + out + " characters but records a"
                    + " vocabulary of " + vocabulary.size() + "; the file is damaged");
        }
        return new CharacterModel(net, vocabulary, context);
    }

    /** Saves the network with the vocabulary, context and {@code extra} metadata. */
    public void save(Path file, Map<String, String> extra) {
        Map<String, String> meta = new LinkedHashMap<>(extra);
        meta.put(MODEL_KEY, WINDOW);
        meta.put(VOCABULARY_KEY, vocabulary.characters());
        meta.put(CONTEXT_KEY, Integer.toString(context));
        ModelFile.save(network, file, meta);
    }

    /** The network. */
    public Network network() {
        return network;
    }

    /** The vocabulary. */
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

    /** The held-out cross-entropy of every character of {@code ids}, in bits per character. */
    public double bitsPerCharacter(int[] ids) {
        return network.evaluateLoss(samples(ids, ids.length, null), Losses.softmaxCrossEntropy()) / Math.log(2);
    }

    /**
     * {@code length} characters that follow {@code prime}, each drawn by {@code sampler} at {@code temperature}
     * from the model's prediction given what came before.
     */
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
