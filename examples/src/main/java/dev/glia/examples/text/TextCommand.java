package dev.glia.examples.text;

import dev.glia.api.Backend;
import dev.glia.examples.options.BackendChoice;
import dev.glia.examples.options.OptionValues;
import dev.glia.examples.options.OutputPaths;
import dev.glia.examples.options.UsageError;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code glia text}: trains a character-level language model on the bundled Moby-Dick chapters, showing bits per
 * character and a sample at a few temperatures after each epoch; {@code --out DIR} writes the model and a loss
 * chart; {@code --model FILE --generate N} writes text from a saved model.
 */
@Command(
        name = "text",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "The text lesson: a character-level language model of Moby-Dick (chapters 1-103 bundled for training,"
                    + " 104-110 held out). Shows bits per character while it trains and a sample at a few"
                    + " temperatures after each epoch.",
            "With --model FILE --generate N it writes N characters from a saved model instead."
        })
public final class TextCommand implements Callable<Integer> {
    static final String MODEL_FILE = "model.safetensors";
    static final String CHART_FILE = "loss.png";
    static final int MAX_EPOCHS = 1_000_000;
    static final int MAX_CHARS_PER_EPOCH = 10_000_000;
    static final int MAX_BATCH = 65_536;
    static final int MAX_CONTEXT = 1_024;
    static final int MAX_HIDDEN = 16_384;
    static final int MAX_GENERATE = 1_000_000;
    static final double MAX_MINUTES = 10_000;

    @Spec
    private CommandSpec spec;

    @Mixin
    private BackendChoice backendChoice;

    @Option(
            names = "--network",
            paramLabel = "lstm|window",
            defaultValue = "lstm",
            description =
                    "lstm: Embedding, two LSTM layers, Dense at each step (the lesson's model); window: the last"
                            + " --context characters through Dense layers, which remembers nothing older (default: ${DEFAULT-VALUE}).")
    private String network;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            defaultValue = "1000",
            description = "Most epochs, 1 to 1,000,000 (default: ${DEFAULT-VALUE}; --minutes usually ends sooner).")
    private String epochs;

    @Option(
            names = "--minutes",
            paramLabel = "M",
            defaultValue = "15",
            description = "Training time budget in minutes, a finite number > 0, at most 10,000: no epoch starts"
                    + " after it (default: ${DEFAULT-VALUE}).")
    private String minutes;

    @Option(
            names = "--chars-per-epoch",
            paramLabel = "N",
            defaultValue = "200000",
            description = "Characters predicted per epoch, at positions drawn at random, 1 to 10,000,000"
                    + " (default: ${DEFAULT-VALUE}).")
    private String charsPerEpoch;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            description = "Samples per mini-batch (sequences for lstm), 1 to 65,536 (default: 32 for lstm, 128 for"
                    + " window).")
    private String batchSize;

    @Option(
            names = "--context",
            paramLabel = "CHARS",
            description = "lstm: characters per training sequence; window: characters read before each prediction;"
                    + " 2 to 1,024 (default: 64 for lstm, 32 for window).")
    private String context;

    @Option(
            names = "--hidden",
            paramLabel = "UNITS",
            description = "Hidden units (of each LSTM layer for lstm), 1 to 16,384 (default: 256 for lstm, 512 for"
                    + " window).")
    private String hidden;

    @Option(
            names = "--learning-rate",
            paramLabel = "RATE",
            defaultValue = "0.002",
            description = "Adam's learning rate, a finite number > 0 (default: ${DEFAULT-VALUE}).")
    private String learningRate;

    @Option(
            names = "--seed",
            paramLabel = "SEED",
            defaultValue = "42",
            description = "Seed of the weights, the positions drawn and the sampling, any 64-bit integer"
                    + " (default: ${DEFAULT-VALUE}).")
    private String seed;

    @Option(
            names = "--sample",
            paramLabel = "CHARS",
            defaultValue = "200",
            description = "Characters of each sample after an epoch, 0 to 1,000,000 (default: ${DEFAULT-VALUE}).")
    private String sample;

    @Option(
            names = "--temperatures",
            paramLabel = "T,T,...",
            defaultValue = "0.5,0.8,1.0",
            description = "Temperatures of the samples after each epoch, comma-separated finite numbers > 0"
                    + " (default: ${DEFAULT-VALUE}).")
    private String temperatures;

    @Option(
            names = "--prime",
            paramLabel = "TEXT",
            defaultValue = "Call me",
            description = "The text samples and --generate start from (default: ${DEFAULT-VALUE}).")
    private String prime;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Write " + MODEL_FILE + " and " + CHART_FILE + " (bits per character per epoch) here.")
    private String out;

    @Option(
            names = "--model",
            paramLabel = "FILE",
            description = "A model glia text --out wrote; with --generate, write text from it instead of training.")
    private String model;

    @Option(names = "--generate", paramLabel = "N", description = "With --model: characters to write, 1 to 1,000,000.")
    private String generate;

    @Option(
            names = "--temperature",
            paramLabel = "T",
            defaultValue = "0.8",
            description = "With --generate: the sampling temperature, a finite number > 0 (default: ${DEFAULT-VALUE}).")
    private String temperature;

    @Option(
            names = "--progress",
            paramLabel = "MODE",
            defaultValue = "lines",
            description = "bar (redrawn within each epoch, for a terminal), lines (a line per epoch) or none"
                    + " (default: ${DEFAULT-VALUE}).")
    private String progress;

    /** Creates the command; picocli fills in the options. */
    public TextCommand() {
        // set by picocli
    }

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true");
        if (model != null || generate != null) {
            return generate();
        }
        TextSettings settings = settings();
        backendChoice.config();
        Path dir = out == null ? null : OutputPaths.directory("--out", out, MODEL_FILE, CHART_FILE);
        BundledText text = BundledText.load();
        Vocabulary vocabulary = Vocabulary.of(text.train());
        checkPrime(vocabulary, settings.prime(), "the training text's");
        PrintWriter stdout = spec.commandLine().getOut();
        try (Backend backend = backendChoice.open();
                TextModel m = settings.network().equals(LstmModel.KIND)
                        ? LstmModel.create(backend, vocabulary, settings.context(), settings.hidden(), settings.seed())
                        : CharacterModel.window(
                                backend, vocabulary, settings.context(), settings.hidden(), settings.seed())) {
            stdout.println("Text: " + BundledText.SOURCE);
            stdout.printf(
                    Locale.ROOT,
                    "      %,d training and %,d held-out characters, a vocabulary of %d%n",
                    text.train().length(),
                    text.heldOut().length(),
                    vocabulary.size());
            stdout.println("Backend: " + backend.name() + " (" + backend.description() + ")");
            stdout.println("Model: " + m.describe());
            stdout.printf(
                    Locale.ROOT,
                    "Training: %,d characters per epoch, batch %d, Adam %s, at most %d epochs or" + " %s min%n%n",
                    settings.charsPerEpoch(),
                    settings.batchSize(),
                    settings.learningRate(),
                    settings.epochs(),
                    TextTraining.minutes(settings.minutes()));
            stdout.flush();
            BitsProgress bits = progress.equals("none") ? null : new BitsProgress(stdout, progress.equals("bar"));
            TextTraining.Result result = TextTraining.run(m, text, settings, stdout, bits);
            TextTraining.EpochBits last = result.epochs().get(result.epochs().size() - 1);
            stdout.printf(
                    Locale.ROOT,
                    "%nStopped after %s: %d epoch%s, %,d characters, %.1f min; held-out %.3f"
                            + " bits/char (best %.3f)%n",
                    result.stopReason(),
                    result.epochs().size(),
                    result.epochs().size() == 1 ? "" : "s",
                    result.characters(),
                    result.seconds() / 60,
                    last.heldOut(),
                    result.epochs().stream()
                            .mapToDouble(TextTraining.EpochBits::heldOut)
                            .min()
                            .orElse(Double.NaN));
            if (dir != null) {
                Path file = dir.resolve(MODEL_FILE);
                m.save(
                        file,
                        Map.of(
                                "dataset", BundledText.SOURCE,
                                "heldOutBitsPerChar", String.format(Locale.ROOT, "%.4f", last.heldOut()),
                                "epochs", Integer.toString(result.epochs().size())));
                TextChart.bitsPerCharacter(result.epochs(), dir.resolve(CHART_FILE));
                stdout.println("Model: " + file);
                stdout.println("Chart: " + dir.resolve(CHART_FILE));
                stdout.println("Try: ./glia text --model " + file + " --generate 500 --prime \"Call me\"");
            }
            stdout.flush();
        }
        return 0;
    }

    private int generate() {
        if (model == null) {
            throw new UsageError("--generate writes text from a saved model; give it with --model FILE (one that"
                    + " glia text --out DIR wrote)");
        }
        if (generate == null) {
            throw new UsageError("--model FILE needs --generate N, the characters to write from it");
        }
        if (out != null) {
            throw new UsageError("--out writes a model that glia text trains; with --model FILE --generate N"
                    + " nothing is trained, so leave --out out");
        }
        int length = OptionValues.wholeNumber("--generate", generate, 1, MAX_GENERATE);
        double t = OptionValues.positiveFinite("--temperature", temperature);
        long seedValue = OptionValues.wholeNumber("--seed", seed, Long.MIN_VALUE, Long.MAX_VALUE);
        Path file = Path.of(OptionValues.nonBlank("--model", model, "a model file written by glia text --out"));
        if (!Files.isRegularFile(file)) {
            throw new UsageError("--model must name a model file written by glia text --out, but " + file
                    + (Files.exists(file) ? " is not a regular file" : " does not exist"));
        }
        backendChoice.config();
        PrintWriter stdout = spec.commandLine().getOut();
        try (Backend backend = backendChoice.open();
                TextModel m = TextModel.load(file, backend)) {
            checkPrime(m.vocabulary(), prime, "the model's");
            stdout.print(prime);
            stdout.println(m.generate(prime, length, t, new Sampler(seedValue)));
            stdout.flush();
        }
        return 0;
    }

    /** The training options, each range-checked before anything is loaded or allocated. */
    TextSettings settings() {
        if (temperature != null && !temperature.equals("0.8")) {
            throw new UsageError("--temperature sets the temperature of --generate; while training, give the"
                    + " samples' temperatures with --temperatures");
        }
        if (!List.of(LstmModel.KIND, CharacterModel.KIND).contains(network)) {
            throw new UsageError("--network must be lstm or window, got " + OptionValues.shown(network));
        }
        boolean lstm = network.equals(LstmModel.KIND);
        int epochCount = OptionValues.wholeNumber("--epochs", epochs, 1, MAX_EPOCHS);
        double budget = OptionValues.positiveFinite("--minutes", minutes);
        if (budget > MAX_MINUTES) {
            throw new UsageError("--minutes must be a finite number greater than 0 and at most 10,000, got "
                    + OptionValues.shown(minutes));
        }
        int chars = OptionValues.wholeNumber("--chars-per-epoch", charsPerEpoch, 1, MAX_CHARS_PER_EPOCH);
        int batch = OptionValues.wholeNumber(
                "--batch-size", batchSize == null ? (lstm ? "32" : "128") : batchSize, 1, MAX_BATCH);
        int contextChars =
                OptionValues.wholeNumber("--context", context == null ? (lstm ? "64" : "32") : context, 2, MAX_CONTEXT);
        int units =
                OptionValues.wholeNumber("--hidden", hidden == null ? (lstm ? "256" : "512") : hidden, 1, MAX_HIDDEN);
        double rate = OptionValues.positiveFinite("--learning-rate", learningRate);
        long seedValue = OptionValues.wholeNumber("--seed", seed, Long.MIN_VALUE, Long.MAX_VALUE);
        int sampleChars = OptionValues.wholeNumber("--sample", sample, 0, MAX_GENERATE);
        List<Double> temps = temperatures(temperatures);
        if (!List.of("bar", "lines", "none").contains(progress)) {
            throw new UsageError("--progress must be bar, lines or none, got " + OptionValues.shown(progress));
        }
        long values = (long) chars * (lstm ? 2 : Math.max(contextChars, 128));
        if (values > OptionValues.MAX_TENSOR_ELEMENTS) {
            throw new UsageError("--chars-per-epoch " + chars + " with --context " + contextChars + " needs "
                    + OptionValues.grouped(values) + " values in one epoch's data; choose fewer characters per epoch");
        }
        return new TextSettings(
                network,
                epochCount,
                budget,
                chars,
                batch,
                contextChars,
                units,
                rate,
                seedValue,
                sampleChars,
                temps,
                prime);
    }

    private static List<Double> temperatures(String text) {
        List<Double> values = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            try {
                values.add(OptionValues.positiveFinite("--temperatures", part));
            } catch (UsageError e) {
                throw new UsageError("--temperatures must be finite numbers greater than 0 separated by commas, e.g."
                        + " 0.5,0.8,1.0, got " + OptionValues.shown(text));
            }
        }
        return values;
    }

    private static void checkPrime(Vocabulary vocabulary, String prime, String whose) {
        for (int i = 0; i < prime.length(); i++) {
            if (!vocabulary.contains(prime.charAt(i))) {
                char c = prime.charAt(i);
                throw new UsageError("--prime holds "
                        + (c >= 0x20 && c < 0x7F ? "'" + c + "'" : String.format(Locale.ROOT, "U+%04X", (int) c))
                        + " at character " + (i + 1) + ", which " + whose
                        + " vocabulary of " + vocabulary.size() + " characters lacks");
            }
        }
    }
}
