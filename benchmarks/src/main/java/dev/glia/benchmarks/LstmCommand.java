package dev.glia.benchmarks;

import dev.glia.benchmarks.report.Table;
import dev.glia.benchmarks.report.Table.Format;
import dev.glia.benchmarks.spi.CharText;
import dev.glia.benchmarks.spi.LstmSpec;
import dev.glia.benchmarks.spi.Task;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code benchmarks/run lstm [--epochs N] [--quick] [--train CHARS] [--test CHARS] [--data PATH] [--systems LIST]}:
 * trains the character model of {@link LstmSpec} (2 LSTM layers of 256, windows of 64, batch 64) on every system, one
 * after another, each in its own JVM, and reports characters trained per second (steady state: the median of the last
 * half of the epochs; and over the whole run), held-out bits per character, the latency of one generation step and
 * peak RSS.
 */
final class LstmCommand extends TrainingComparison {
    /** The CSV header: the five columns, then the whole-run figure of the measuring protocol. */
    static final String CSV_HEADER = "system,chars_per_s,bits_per_char,step_us,peak_rss_mb,run_chars_per_s";
    /** Training characters by default (63 steps of 64 × 64 characters per epoch). */
    static final int DEFAULT_TRAIN = 262_144;
    /** Held-out characters by default. */
    static final int DEFAULT_TEST = 32_768;
    /** Training characters of {@code --quick} (8 steps per epoch) unless {@code --train} is given. */
    static final int QUICK_TRAIN = 32_768;

    private TrainingProtocol protocol;
    private int epochs;
    private long seed;
    private int train;
    private int test;
    private String data;
    private boolean quick;
    private CharText text;
    private String textDescription;

    LstmCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    static Table newTable() {
        return new Table(List.of(
                Table.column("system", "system", Format.TEXT),
                Table.column("chars_per_s", "chars/s (steady)", Format.INTEGER),
                Table.column("bits_per_char", "held-out bits/char", Format.TWO_DECIMALS),
                Table.column("step_us", "1-char step µs", Format.ONE_DECIMAL),
                Table.column("peak_rss_mb", "peak RSS MiB", Format.INTEGER),
                Table.column("run_chars_per_s", "chars/s (whole run)", Format.INTEGER)));
    }

    /** The text for {@code --data} cut into windows: {@code train} characters to train on, {@code test} held out. */
    static CharText text(String data, int train, int test, long seed) {
        return load(data, train, test, seed).text();
    }

    /** A cut text and where it came from. */
    record Loaded(CharText text, String description, String data) {}

    /**
     * Loads the text ({@link LstmText#load}) and cuts it: the held-out part is the bundled held-out text (at most
     * {@code test} characters of its end) or the last {@code test} characters; training takes at most {@code train}
     * characters from the start of the rest.
     */
    static Loaded load(String data, int train, int test, long seed) {
        LstmText.Source source = LstmText.load(data, train + test, seed, LstmText.repositoryRoot());
        int length = source.text().length();
        int heldOut = source.heldOut() < 0 ? Math.min(test, length) : Math.min(test, source.heldOut());
        int trainable = length - (source.heldOut() < 0 ? heldOut : source.heldOut());
        CharText text =
                CharText.of(source.text(), Math.min(train, trainable), heldOut, LstmSpec.SEQUENCE, LstmSpec.BATCH);
        return new Loaded(text, source.description(), source.data());
    }

    @Override
    Task task() {
        return Task.LSTM;
    }

    @Override
    Set<String> flags() {
        return TrainingProtocol.FLAGS;
    }

    @Override
    void configure(Args args) {
        protocol = TrainingProtocol.from(args);
        epochs = protocol.epochs();
        quick = args.flag("quick");
        seed = args.getLong("seed", 42);
        train = args.getInt("train", quick ? QUICK_TRAIN : DEFAULT_TRAIN, 1);
        test = args.getInt("test", DEFAULT_TEST, 1);
        data = args.get("data", null);
        protocol.warn(err);
    }

    @Override
    String precheck() {
        try {
            Loaded loaded = load(data, train, test, seed);
            text = loaded.text();
            textDescription = loaded.description();
            data = loaded.data(); // the children read exactly this text, whatever their working folder
            return null;
        } catch (RuntimeException e) {
            return "lstm: " + e.getMessage();
        }
    }

    @Override
    List<String> workerArgs() {
        List<String> args = new ArrayList<>(List.of(
                "--epochs", Integer.toString(epochs),
                "--seed", Long.toString(seed),
                "--train", Integer.toString(train),
                "--test", Integer.toString(test)));
        if (data != null) {
            args.add("--data");
            args.add(data);
        }
        return args;
    }

    @Override
    void report() {
        Table table = newTable();
        rows.forEach((name, r) -> table.row(
                name,
                number(r, "chars_per_s"),
                number(r, "bits_per_char"),
                number(r, "step_us"),
                number(r, "peak_rss_mb"),
                number(r, "run_chars_per_s")));
        LstmSpec spec = LstmSpec.charModel(text.vocabulary(), epochs, seed);
        String settings = spec.describe() + "; text: " + textDescription
                + String.format(
                        Locale.ROOT,
                        ", %,d training windows (%,d characters, %d steps) per epoch, %,d held-out windows",
                        text.trainWindows(),
                        text.trainCharsPerEpoch(),
                        text.trainWindows() / spec.batch(),
                        text.testWindows())
                + "; " + protocol.settings().replace("samples", "characters")
                + "; bits/char: mean −log2 p(next character) over the held-out windows, each from a zero state,"
                + " computed by the harness from each system's probabilities; 1-char step: one character in, the next"
                + " character's probabilities out on the host, batch 1, state kept, median of 7 rounds";
        String title = "Training throughput: character LSTM 2×256 (sequence 64, batch 64)"
                + (protocol.comparable() ? "" : " (" + epochs + " epochs: not comparable)");
        Path curves = results.resolve("lstm-epochs.png");
        boolean drawn = TrainingProtocol.writeCurves(
                curves,
                "Character LSTM 2×256, characters/s per epoch (" + MachineInfo.now() + ", load " + loadBefore + ")",
                epochFigures,
                glia,
                err);
        write(
                "lstm",
                title,
                table,
                extra(spec) + (drawn ? "Per-epoch curves: " + curves.getFileName() + "\n\n" : ""),
                settings);
    }

    /** The achieved GFLOPS, the ratios of each Glia backend to each peer, and each system's per-epoch figures. */
    private String extra(LstmSpec spec) {
        StringBuilder sb = new StringBuilder();
        if (!protocol.comparable()) {
            sb.append(protocol.notComparable()).append("\n\n");
        }
        if (!rows.isEmpty()) {
            sb.append(gflops(spec, MachineInfo.peakGflops()));
        }
        sb.append(gliaAgainstPeers(
                "Glia ÷ peer: characters/s in the steady state (above 1 = Glia faster), and the generation step"
                        + " (peer µs ÷ Glia µs, above 1 = Glia faster)",
                (g, p) -> String.format(
                        Locale.ROOT,
                        "%.2f× train, %.2f× step",
                        number(g, "chars_per_s") / number(p, "chars_per_s"),
                        number(p, "step_us") / number(g, "step_us"))));
        if (!epochFigures.isEmpty()) {
            sb.append("A sample in the per-epoch tables is one trained character; the loss is each system's own mean"
                    + " training loss in nats per character.\n\n");
            sb.append(TrainingProtocol.perEpochMarkdown(epochFigures));
        }
        return sb.toString();
    }

    /** Achieved GFLOPS: steady-state characters/s × the spec's training FLOP per character, against {@code peak}. */
    String gflops(LstmSpec spec, double peak) {
        String definition = String.format(
                Locale.ROOT,
                "Achieved GFLOPS in training = characters/s × %.2f MFLOP per character (2 × 3 × %,d multiply-adds:"
                        + " per LSTM layer 4H × (inputs + H), then H × V for the output; forward, weight and input"
                        + " gradients)",
                spec.trainingFlopsPerChar() / 1e6,
                spec.forwardMacsPerChar());
        return gflopsLines(definition, rows, "chars_per_s", spec.trainingFlopsPerChar(), peak);
    }
}
