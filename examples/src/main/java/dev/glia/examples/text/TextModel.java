package dev.glia.examples.text;

import dev.glia.api.Backend;
import dev.glia.core.Dataset;
import dev.glia.core.Network;
import dev.glia.core.io.ModelDescription;
import dev.glia.core.io.ModelFile;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/**
 * A network that predicts the next character from the ones before it, with the {@link Vocabulary} that numbers
 * them: the lesson's recurrent model ({@link LstmModel}) or the feed-forward window it is compared with
 * ({@link CharacterModel}). A model owns its network; close it.
 */
interface TextModel extends AutoCloseable {
    /** Metadata key of the vocabulary in saved models. */
    String VOCABULARY_KEY = "vocabulary";
    /** Metadata key of the context (window or sequence length) in saved models. */
    String CONTEXT_KEY = "context";
    /** Metadata key of the kind of model in saved models: {@code lstm} or {@code window}. */
    String MODEL_KEY = "text-model";

    /** The network. */
    Network network();

    /** The vocabulary. */
    Vocabulary vocabulary();

    /** The kind written into model files. */
    String kind();

    /** One line on the architecture, for the report. */
    String describe();

    /** Training data for about {@code characters} predicted characters at positions drawn from {@code random}. */
    Dataset trainingSamples(int[] ids, int characters, Random random);

    /** Characters each training sample predicts: its sequence length, or 1 for the window model. */
    int charactersPerSample();

    /** The loss of {@link Network#fit} (softmax cross-entropy in nats per sample) in bits per character. */
    double bitsPerCharacter(double loss);

    /** The cross-entropy of the text {@code ids}, in bits per character. */
    double bitsPerCharacter(int[] ids);

    /** {@code length} characters after {@code prime}, each drawn by {@code sampler} at {@code temperature}. */
    String generate(String prime, int length, double temperature, Sampler sampler);

    /** Saves the network with the vocabulary, kind, context and {@code extra} metadata. */
    void save(Path file, Map<String, String> extra);

    @Override
    void close();

    /** Loads a model that {@code glia text --out} wrote; a file without a text model's metadata is refused. */
    static TextModel load(Path file, Backend backend) {
        ModelDescription description = ModelFile.describe(file);
        Map<String, String> meta = description.metadata();
        String kind = meta.get(MODEL_KEY);
        if (kind == null) {
            throw new IllegalArgumentException("--model " + file + " is a Glia model but not one glia text wrote"
                    + " (its metadata has no " + MODEL_KEY + "); train one with glia text --out DIR");
        }
        Vocabulary vocabulary = Vocabulary.parse(meta.get(VOCABULARY_KEY), "--model " + file);
        int context;
        try {
            context = Integer.parseInt(meta.getOrDefault(CONTEXT_KEY, ""));
        } catch (NumberFormatException e) {
            context = -1;
        }
        if (context < 1 || context != description.inputWidth()) {
            throw new IllegalArgumentException("--model " + file + " records a context of " + meta.get(CONTEXT_KEY)
                    + " characters but its network reads " + description.inputWidth() + "; the file is damaged");
        }
        int predicted = kind.equals(LstmModel.KIND) ? context * vocabulary.size() : vocabulary.size();
        if (description.outputWidth() != predicted) {
            throw new IllegalArgumentException("--model " + file + " predicts " + description.outputWidth()
                    + " values per sample but its vocabulary and context need " + predicted + "; the file is damaged");
        }
        Network net = ModelFile.load(file, backend);
        try {
            return switch (kind) {
                case LstmModel.KIND -> LstmModel.of(net, vocabulary, context, "--model " + file);
                case CharacterModel.KIND -> CharacterModel.of(net, vocabulary, context);
                default ->
                    throw new IllegalArgumentException("--model " + file + " holds a text model of kind "
                            + kind + ", which this build cannot run; it runs " + LstmModel.KIND + " and "
                            + CharacterModel.KIND);
            };
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
    }
}
