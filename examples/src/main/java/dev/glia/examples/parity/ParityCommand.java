package dev.glia.examples.parity;

import dev.glia.api.Backend;
import dev.glia.core.TrainingListener;
import dev.glia.core.progress.ProgressBar;
import dev.glia.examples.options.BackendChoice;
import dev.glia.examples.options.OptionValues;
import dev.glia.examples.options.OutputPaths;
import dev.glia.examples.options.UsageError;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code glia parity}: the running parity of random bit streams, learned by a Dense network over a fixed window
 * (which fails beyond it) and by an LSTM trained on streams of {@link #TRAIN_LENGTH} bits, each scored per step
 * on held-out streams of 20, 50 and 100 bits.
 */
@Command(
        name = "parity",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "The parity lesson: y_t = x_1 XOR ... XOR x_t over random bits. A Dense network that sees a fixed"
                    + " window of the last bits fails beyond its window; an LSTM, trained on streams of 20 bits,"
                    + " carries the parity along and keeps it on streams of 50 and 100.",
            "Prints the per-step accuracy of both on held-out streams of 20, 50 and 100 bits."
        })
public final class ParityCommand implements Callable<Integer> {
    /** Bits per training stream. */
    public static final int TRAIN_LENGTH = 20;
    /** The held-out lengths every run reports. */
    static final int[] HELD_OUT_LENGTHS = {20, 50, 100};
    /** Bits of the held-out stream the gate plot follows. */
    static final int PLOT_LENGTH = 40;
    /** Held-out streams per length. */
    static final int HELD_OUT_STREAMS = 500;
    /** The most training streams. */
    static final int MAX_STREAMS = 1_000_000;
    /** The most epochs. */
    static final int MAX_EPOCHS = 10_000;

    @Spec
    private CommandSpec spec;

    @Mixin
    private BackendChoice backendChoice;

    @Option(
            names = "--window",
            paramLabel = "BITS",
            defaultValue = "10",
            description = "Bits the Dense baseline sees at each step, 1 to " + (TRAIN_LENGTH - 1)
                    + " (default: ${DEFAULT-VALUE}).")
    private String window;

    @Option(
            names = "--streams",
            paramLabel = "N",
            defaultValue = "2000",
            description = "Training streams of " + TRAIN_LENGTH + " bits, 1 to 1,000,000 (default: ${DEFAULT-VALUE}).")
    private String streams;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            defaultValue = "30",
            description = "Most epochs of each network, 1 to 10,000 (default: ${DEFAULT-VALUE}).")
    private String epochs;

    @Option(
            names = "--seed",
            paramLabel = "SEED",
            defaultValue = "42",
            description = "Seed of the bits, the weights and the shuffling, any 64-bit integer (default:"
                    + " ${DEFAULT-VALUE}).")
    private String seed;

    @Option(
            names = "--plot",
            paramLabel = "FILE",
            description =
                    "Draw the LSTM's forget- and input-gate values along one held-out stream into the PNG" + " FILE.")
    private String plot;

    @Option(
            names = "--progress",
            paramLabel = "MODE",
            defaultValue = "none",
            description =
                    "lines (one line per epoch), bar (redrawn in a terminal) or none (default:" + " ${DEFAULT-VALUE}).")
    private String progress;

    /** Creates the command; picocli fills in the options. */
    public ParityCommand() {
        // set by picocli
    }

    /** The options, range-checked before anything is drawn or allocated. */
    record Settings(int window, int streams, int epochs, long seed, Path plot, String progress) {}

    Settings settings() {
        int windowBits = OptionValues.wholeNumber("--window", window, 1, TRAIN_LENGTH - 1);
        int streamCount = OptionValues.wholeNumber("--streams", streams, 1, MAX_STREAMS);
        int epochCount = OptionValues.wholeNumber("--epochs", epochs, 1, MAX_EPOCHS);
        long seedValue = OptionValues.wholeNumber("--seed", seed, Long.MIN_VALUE, Long.MAX_VALUE);
        if (!List.of("lines", "bar", "none").contains(progress)) {
            throw new UsageError("--progress must be lines, bar or none, got " + OptionValues.shown(progress));
        }
        Path plotFile = plot == null ? null : OutputPaths.file("--plot", plot, "write the plot");
        return new Settings(windowBits, streamCount, epochCount, seedValue, plotFile, progress);
    }

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true");
        Settings settings = settings();
        backendChoice.config(); // refuses an empty --backend before any work
        PrintWriter out = spec.commandLine().getOut();
        try (Backend backend = backendChoice.open()) {
            out.printf(Locale.ROOT, "Parity: y_t = x_1 XOR ... XOR x_t over random bits (seed %d)%n", settings.seed());
            out.println("Backend: " + backend.name() + " (" + backend.description() + ")");
            out.printf(
                    Locale.ROOT,
                    "Training: %,d streams of %d bits; held out: %,d streams each of %s bits%n%n",
                    settings.streams(),
                    TRAIN_LENGTH,
                    HELD_OUT_STREAMS,
                    lengths());
            out.flush();
            ParityData train = ParityData.generate(settings.streams(), TRAIN_LENGTH, settings.seed());

            out.printf(
                    Locale.ROOT,
                    "Dense over a window of %d bits (%d-%d-%d-1, tanh, sigmoid), one sample per step%n",
                    settings.window(),
                    settings.window(),
                    WindowBaseline.HIDDEN,
                    WindowBaseline.HIDDEN);
            out.flush();
            WindowBaseline.Result dense = new WindowBaseline(backend, settings.window(), settings.seed())
                    .run(train, settings.epochs(), HELD_OUT_LENGTHS, HELD_OUT_STREAMS, listeners(settings, out));
            out.print(ParityReport.dense(dense));
            out.println();
            out.flush();

            out.printf(
                    Locale.ROOT,
                    "LSTM of %d units, one bit per step, Dense 1 (sigmoid) at each step, trained on"
                            + " the %d-bit streams%n",
                    ParityLstm.UNITS,
                    TRAIN_LENGTH);
            out.flush();
            ParityLstm.Result lstm = ParityLstm.run(
                    backend, train, settings, HELD_OUT_LENGTHS, HELD_OUT_STREAMS, listeners(settings, out));
            out.print(ParityReport.lstm(lstm));
            if (settings.plot() != null) {
                ParityData stream =
                        ParityData.generate(1, PLOT_LENGTH, ParityData.heldOutSeed(settings.seed(), PLOT_LENGTH));
                out.println(GatePlot.draw(GateTrace.of(stream, 0, lstm.lstm(), lstm.dense()), settings.plot()));
            }
            out.flush();
        }
        return 0;
    }

    private List<TrainingListener> listeners(Settings settings, PrintWriter out) {
        List<TrainingListener> listeners = new ArrayList<>();
        if (settings.progress().equals("bar")) {
            listeners.add(ProgressBar.terminal(out));
        } else if (settings.progress().equals("lines")) {
            listeners.add(ProgressBar.plain(out));
        }
        return listeners;
    }

    private static String lengths() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < HELD_OUT_LENGTHS.length; i++) {
            sb.append(i == 0 ? "" : i == HELD_OUT_LENGTHS.length - 1 ? " and " : ", ")
                    .append(HELD_OUT_LENGTHS[i]);
        }
        return sb.toString();
    }
}
