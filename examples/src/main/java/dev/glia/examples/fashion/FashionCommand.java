package dev.glia.examples.fashion;

import dev.glia.api.Backend;
import dev.glia.core.TrainingListener;
import dev.glia.core.progress.ProgressBar;
import dev.glia.examples.options.BackendChoice;
import dev.glia.examples.options.IoFailures;
import dev.glia.examples.options.OptionValues;
import dev.glia.examples.options.OutputPaths;
import dev.glia.examples.options.UsageError;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code glia fashion}: trains an MLP or, with {@code --model cnn}, a CNN on Fashion-MNIST, prints progress, the test accuracy, the confusion
 * matrix with class names, the training time and the backend; {@code --out DIR} also writes the model file
 * and PNG charts (for the CNN also its first layer's filters and feature maps); {@code --json} prints the
 * summary as one JSON object.
 */
@Command(
        name = "fashion",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Trains an image classifier on Fashion-MNIST (an MLP, default 784-256-128-10, or with --model cnn a"
                    + " convolutional network) and reports its test accuracy, confusion matrix, training time and"
                    + " backend.",
            "Data: --data DIR with the four IDX files (.gz or raw); default /usr/share/datasets/fashion-mnist "
                    + "(apt-get install dataset-fashion-mnist), else the bundled subset of 2,000 training and "
                    + "500 test images (also --data bundled)."
        })
public final class FashionCommand implements Callable<Integer> {
    /** The most epochs (and the longest patience). */
    static final int MAX_EPOCHS = 1_000_000;
    /** The CNN's picture of its first layer's filters, in {@code --out}. */
    static final String FILTERS_PNG = "filters.png";
    /** The CNN's picture of one test image's feature maps after its first layer, in {@code --out}. */
    static final String FEATURE_MAPS_PNG = "feature-maps.png";
    /** The largest mini-batch. */
    static final int MAX_BATCH = 1_000_000;
    /** The most hidden layers. */
    static final int MAX_HIDDEN_LAYERS = 100;

    private static final String MAX_EPOCHS_TEXT = "1,000,000";
    private static final String MAX_BATCH_TEXT = "1,000,000";
    /** The files that {@code --out} receives; a directory of one of these names is refused up front. */
    private static final String[] OUTPUT_FILES = {
        "model.safetensors",
        "loss.png",
        "accuracy.png",
        "confusion.png",
        "misclassified.png",
        FILTERS_PNG,
        FEATURE_MAPS_PNG
    };

    /** How progress is shown. */
    public enum Progress {
        /** A bar in a terminal, plain lines otherwise. */
        auto,
        /** Always the redrawn bar. */
        bar,
        /** One line per epoch. */
        lines,
        /** Nothing. */
        none
    }

    @Spec
    private CommandSpec spec;

    @Mixin
    private BackendChoice backendChoice;

    @Option(
            names = "--model",
            paramLabel = "mlp|cnn",
            defaultValue = "mlp",
            description = "mlp: a multilayer perceptron (--hidden); cnn: conv 5x5x32, max-pool 2x2, conv 5x5x64,"
                    + " max-pool 2x2, dense 128, dense 10 (default: ${DEFAULT-VALUE}).")
    private String model;

    @Option(
            names = "--data",
            paramLabel = "DIR|bundled",
            description = "Directory with the Fashion-MNIST IDX files, or 'bundled' for the subset in the jar.")
    private String data;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Write model.safetensors, loss.png, accuracy.png, confusion.png, misclassified.png and "
                    + "samples/*.png here (created if missing); for the CNN also filters.png and feature-maps.png.")
    private String out;

    @Option(names = "--json", description = "Print the final summary as one JSON object (progress goes to stderr).")
    private boolean json;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            description = "Most epochs, 1 to " + MAX_EPOCHS_TEXT + " (default: 10 for mlp, 15 for cnn).")
    private String epochs;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            defaultValue = "128",
            description = "Mini-batch size, 1 to " + MAX_BATCH_TEXT + " (default: ${DEFAULT-VALUE}).")
    private String batchSize;

    @Option(
            names = "--learning-rate",
            paramLabel = "RATE",
            defaultValue = "0.001",
            description = "Adam's learning rate, a finite number > 0 (default: ${DEFAULT-VALUE}).")
    private String learningRate;

    @Option(
            names = "--hidden",
            paramLabel = "UNITS",
            description = "Hidden layer widths of the MLP, comma-separated, at most " + MAX_HIDDEN_LAYERS
                    + " layers, or 'none' (default: 256,128).")
    private String hidden;

    @Option(
            names = "--seed",
            paramLabel = "SEED",
            defaultValue = "42",
            description = "Seed of weights, split and shuffling, any 64-bit integer (default: ${DEFAULT-VALUE}).")
    private String seed;

    @Option(
            names = "--patience",
            paramLabel = "N",
            defaultValue = "3",
            description = "Early stopping after this many"
                    + " epochs without a lower validation loss, restoring the best weights; 0 turns it off, at most "
                    + MAX_EPOCHS_TEXT + " (default: ${DEFAULT-VALUE}).")
    private String patience;

    @Option(
            names = "--validation",
            paramLabel = "N",
            defaultValue = "-1",
            description =
                    "Training images held out "
                            + "for validation, fewer than the training set (default -1: a tenth of the training set, at most 5,000).")
    private String validation;

    @Option(
            names = "--progress",
            paramLabel = "MODE",
            defaultValue = "auto",
            description =
                    "auto (a bar in a terminal, lines otherwise), bar, lines or none (default: ${DEFAULT-VALUE}).")
    private Progress progress;

    /** Creates the command; picocli fills in the options. */
    public FashionCommand() {
        // set by picocli
    }

    @Override
    public Integer call() throws IOException {
        System.setProperty("java.awt.headless", "true");
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter talk = json ? spec.commandLine().getErr() : stdout;
        FashionSettings settings = settings();
        backendChoice.config(); // refuses an empty --backend before any work
        checkData();
        Path out = this.out == null ? null : OutputPaths.directory("--out", this.out, OUTPUT_FILES);
        if (out != null && Files.exists(out.resolve("samples")) && !Files.isDirectory(out.resolve("samples"))) {
            throw new UsageError("--out " + out + " holds a file samples where the command writes the directory"
                    + " samples; remove it or choose another directory");
        }
        FashionMnist.Data images = FashionMnist.load(data);
        settings.validationSizeFor(images.train().size()); // a split that leaves nothing to train on fails here
        if (images.note() != null) {
            talk.println("Note: " + images.note());
        }
        List<String> names = FashionMnist.CLASS_NAMES;
        FashionResult result;
        try (Backend backend = backendChoice.open()) {
            if (!json) {
                stdout.print(FashionReport.before(new FashionReport.FashionResultHeader(
                        backend.name(),
                        backend.description(),
                        images.source(),
                        settings.architecture(FashionMnist.SIDE, names.size()),
                        settings)));
                stdout.println();
                stdout.flush();
            }
            List<TrainingListener> listeners = new ArrayList<>();
            boolean terminal = isTerminal();
            if (progress == Progress.bar || (progress == Progress.auto && terminal)) {
                listeners.add(ProgressBar.terminal(talk));
            } else if (progress != Progress.none) {
                listeners.add(ProgressBar.plain(talk));
            }
            result = FashionTraining.run(
                    backend, images, settings, listeners, out == null ? null : out.resolve("model.safetensors"));
        }
        List<Path> pictures = new ArrayList<>();
        if (out != null) {
            pictures.add(out.resolve("loss.png"));
            Charts.loss(result.history(), pictures.get(0));
            pictures.add(out.resolve("accuracy.png"));
            Charts.accuracy(result.history(), result.testAccuracy(), pictures.get(1));
            pictures.add(out.resolve("confusion.png"));
            Charts.confusion(result.confusion(), names, pictures.get(2));
            pictures.add(out.resolve("misclassified.png"));
            Charts.misclassified(images.test(), result.testPredictions(), names, 40, pictures.get(3));
            Path samples = out.resolve("samples");
            try {
                Files.createDirectories(samples);
            } catch (IOException e) {
                throw IoFailures.failure("create the directory", samples, e);
            }
            Charts.samples(images.test(), names, samples);
            FirstConvolution conv = result.firstConvolution();
            if (conv != null) {
                pictures.add(out.resolve(FILTERS_PNG));
                ConvolutionPictures.filters(conv, out.resolve(FILTERS_PNG));
                pictures.add(out.resolve(FEATURE_MAPS_PNG));
                ConvolutionPictures.featureMaps(
                        conv, names.get(images.test().label(conv.testImage())), out.resolve(FEATURE_MAPS_PNG));
            }
        }
        if (json) {
            stdout.println(FashionReport.json(result, names, pictures));
        } else {
            stdout.println();
            stdout.print(FashionReport.after(result, names));
            if (out != null) {
                stdout.println();
                stdout.println("Model: " + result.modelFile());
                stdout.println("Pictures: "
                        + String.join(
                                ", ",
                                pictures.stream()
                                        .map(p -> p.getFileName().toString())
                                        .toList()) + " in " + out);
                stdout.println(
                        "Try: ./glia predict --model " + result.modelFile() + " " + out.resolve("samples") + "/*.png");
            }
        }
        stdout.flush();
        return 0;
    }

    /** The options as settings, every value range-checked before anything is loaded or allocated. */
    FashionSettings settings() {
        FashionModel kind = FashionOptionValues.model(model);
        if (kind == FashionModel.CNN && hidden != null) {
            throw new UsageError("--hidden sets the hidden layers of --model mlp; the CNN's layers are fixed (conv"
                    + " 5x5x32, max-pool 2x2, conv 5x5x64, max-pool 2x2, dense 128, dense 10), so leave --hidden out"
                    + " or choose --model mlp");
        }
        int epochCount =
                epochs == null ? kind.defaultEpochs() : OptionValues.wholeNumber("--epochs", epochs, 1, MAX_EPOCHS);
        int batch = OptionValues.wholeNumber("--batch-size", batchSize, 1, MAX_BATCH);
        double rate = OptionValues.positiveFinite("--learning-rate", learningRate);
        List<Integer> widths = kind == FashionModel.CNN
                ? List.of()
                : FashionOptionValues.hiddenWidths(hidden == null ? "256,128" : hidden);
        long seedValue = OptionValues.wholeNumber("--seed", seed, Long.MIN_VALUE, Long.MAX_VALUE);
        int patienceValue = OptionValues.wholeNumber("--patience", patience, 0, MAX_EPOCHS);
        int validationValue = OptionValues.wholeNumber("--validation", validation, -1, Integer.MAX_VALUE);
        if (kind == FashionModel.CNN) {
            FashionOptionValues.checkCnnTensorSizes(batch);
        } else {
            FashionOptionValues.checkTensorSizes(
                    widths, batch, FashionMnist.SIDE * FashionMnist.SIDE, FashionMnist.CLASS_NAMES.size());
        }
        return new FashionSettings(kind, widths, epochCount, batch, rate, seedValue, patienceValue, validationValue);
    }

    /** Refuses an empty {@code --data}, and one that names a file rather than a directory. */
    private void checkData() {
        if (data == null) {
            return;
        }
        OptionValues.nonBlank("--data", data, "a directory with the Fashion-MNIST IDX files, or bundled");
        if (!data.equals(FashionMnist.BUNDLED) && Files.exists(Path.of(data)) && !Files.isDirectory(Path.of(data))) {
            throw new UsageError("--data must name a directory with the Fashion-MNIST IDX files, or bundled, but "
                    + data + " is a file");
        }
    }

    /**
     * Whether standard output is a terminal. From JDK 22 on, {@link System#console()} is never null, so there
     * {@code Console.isTerminal()} (a method Java 17 lacks, hence the reflection) answers; before, a console exists
     * only for a terminal.
     */
    // The null test is right up to JDK 21; from 22 on, isTerminal() below decides.
    @SuppressWarnings("SystemConsoleNull")
    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
