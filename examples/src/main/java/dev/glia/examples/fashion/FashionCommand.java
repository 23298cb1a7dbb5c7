package dev.glia.examples.fashion;

import dev.glia.api.Backend;
import dev.glia.core.TrainingListener;
import dev.glia.core.progress.ProgressBar;
import dev.glia.examples.options.BackendChoice;
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
 * {@code glia fashion}: trains an MLP on Fashion-MNIST, prints progress, the test accuracy, the confusion
 * matrix with class names, the training time and the backend; {@code --out DIR} also writes the model file
 * and PNG charts; {@code --json} prints the summary as one JSON object.
 */
@Command(name = "fashion", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains an image classifier (an MLP, default 784-256-128-10) on Fashion-MNIST and reports "
                + "its test accuracy, confusion matrix, training time and backend.",
                "Data: --data DIR with the four IDX files (.gz or raw); default /usr/share/datasets/fashion-mnist "
                        + "(apt-get install dataset-fashion-mnist), else the bundled subset of 2,000 training and "
                        + "500 test images (also --data bundled)."})
public final class FashionCommand implements Callable<Integer> {
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

    @Option(names = "--data", paramLabel = "DIR|bundled",
            description = "Directory with the Fashion-MNIST IDX files, or 'bundled' for the subset in the jar.")
    private String data;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write model.safetensors, loss.png, accuracy.png, confusion.png, misclassified.png and "
                    + "samples/*.png here (created if missing).")
    private Path out;

    @Option(names = "--json", description = "Print the final summary as one JSON object (progress goes to stderr).")
    private boolean json;

    @Option(names = "--epochs", defaultValue = "10", description = "Most epochs (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--learning-rate", defaultValue = "0.001",
            description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    private double learningRate;

    @Option(names = "--hidden", split = ",", defaultValue = "256,128", paramLabel = "UNITS",
            description = "Hidden layer widths, comma-separated (default: ${DEFAULT-VALUE}).")
    private List<Integer> hidden;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of weights, split and shuffling "
            + "(default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--patience", defaultValue = "3", description = "Early stopping after this many epochs without a"
            + " lower validation loss, restoring the best weights; 0 turns it off (default: ${DEFAULT-VALUE}).")
    private int patience;

    @Option(names = "--validation", paramLabel = "N", defaultValue = "-1", description = "Training images held out "
            + "for validation (default: a tenth of the training set, at most 5,000).")
    private int validation;

    @Option(names = "--progress", defaultValue = "auto", description = "auto (a bar in a terminal, lines "
            + "otherwise), bar, lines or none (default: ${DEFAULT-VALUE}).")
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
        FashionSettings settings = new FashionSettings(hidden, epochs, batchSize, learningRate, seed, patience,
                validation);
        FashionMnist.Data images = FashionMnist.load(data);
        if (images.note() != null) {
            talk.println("Note: " + images.note());
        }
        if (out != null) {
            Files.createDirectories(out);
        }
        List<String> names = FashionMnist.CLASS_NAMES;
        FashionResult result;
        try (Backend backend = backendChoice.open()) {
            if (!json) {
                stdout.print(FashionReport.before(new FashionReport.FashionResultHeader(backend.name(),
                        backend.description(), images.source(), settings.architecture(28 * 28, names.size()),
                        settings)));
                stdout.println();
                stdout.flush();
            }
            List<TrainingListener> listeners = new ArrayList<>();
            boolean terminal = System.console() != null;
            if (progress == Progress.bar || (progress == Progress.auto && terminal)) {
                listeners.add(ProgressBar.terminal(talk));
            } else if (progress != Progress.none) {
                listeners.add(ProgressBar.plain(talk));
            }
            result = FashionTraining.run(backend, images, settings, listeners,
                    out == null ? null : out.resolve("model.safetensors"));
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
            Path samples = Files.createDirectories(out.resolve("samples"));
            Charts.samples(images.test(), names, samples);
        }
        if (json) {
            stdout.println(FashionReport.json(result, names, pictures));
        } else {
            stdout.println();
            stdout.print(FashionReport.after(result, names));
            if (out != null) {
                stdout.println();
                stdout.println("Model: " + result.modelFile());
                stdout.println("Pictures: " + String.join(", ", pictures.stream().map(p -> p.getFileName().toString())
                        .toList()) + " in " + out);
                stdout.println("Try: ./glia predict --model " + result.modelFile() + " " + out.resolve("samples")
                        + "/*.png");
            }
        }
        stdout.flush();
        return 0;
    }
}
