package dev.glia.benchmarks;

import dev.glia.benchmarks.report.BarChart;
import dev.glia.benchmarks.report.Table;
import dev.glia.benchmarks.report.Table.Format;
import dev.glia.benchmarks.spi.CnnSpec;
import dev.glia.benchmarks.spi.MlpSpec;
import dev.glia.benchmarks.spi.Task;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code benchmarks/run throughput} and {@code benchmarks/run cnn}, each {@code [--epochs N | --quick] [--train N]
 * [--test N] [--systems LIST] [--data DIR] [--plot] [--subnormals]}: trains the 784-256-128-10 MLP ({@link MlpSpec}) or
 * the CNN ({@link CnnSpec}) on Fashion-MNIST on every system, one after another, each in its own JVM, and reports
 * samples/s by {@link TrainingProtocol} (the steady state and the whole run), test accuracy, one-sample inference and
 * peak RSS, with the per-epoch table and curves.
 */
final class ThroughputCommand extends TrainingComparison {
    /**
     * The CSV header, a fixed interface (the same for both models): {@code samples_per_s} is the steady state, and the
     * whole run's figure came last so that the earlier columns kept their places.
     */
    static final String CSV_HEADER = "system,samples_per_s,test_accuracy,infer_us,peak_rss_mb,run_samples_per_s";

    /** The network trained: its subcommand (also the results' file name), task and title. */
    enum Model {
        /** The MLP 784-256-128-10. */
        MLP("throughput", Task.THROUGHPUT, "MLP 784-256-128-10"),
        /** The CNN conv-pool-conv-pool-dense-dense. */
        CNN("cnn", Task.CNN, "CNN conv 5×5×32, max-pool, conv 5×5×64, max-pool, 128, 10");

        final String command;
        final Task task;
        final String title;

        Model(String command, Task task, String title) {
            this.command = command;
            this.task = task;
            this.title = title;
        }

        /** The model's one-line description for {@code epochs} epochs and {@code seed}. */
        String describe(int epochs, long seed) {
            return this == MLP
                    ? MlpSpec.fashionMnist(epochs, seed).describe()
                    : CnnSpec.fashionMnist(epochs, seed).describe();
        }
    }

    /**
     * The cross-check's pairs: each peer's idiomatic training loop (its own data API and fit call) and the same peer on
     * the harness's loop.
     */
    static final Map<String, String> CROSS_CHECK =
            Map.of("djl-pytorch-easytrain", "djl-pytorch", "dl4j-fit-iterator", "dl4j");
    /** How far an idiomatic loop's figure may be from the harness's before docs/benchmarks.md must explain it. */
    static final double CROSS_CHECK_TOLERANCE = 0.20;

    private final Model model;
    private final String name;
    private final boolean crossCheck;
    private TrainingProtocol protocol;
    private int epochs;
    private long seed;
    private int train;
    private int test;
    private Path data;
    private boolean plot;
    private boolean subnormals;

    ThroughputCommand(PrintStream out, PrintStream err, Model model) {
        this(out, err, model, model.command, false);
    }

    private ThroughputCommand(PrintStream out, PrintStream err, Model model, String name, boolean crossCheck) {
        super(out, err);
        this.model = model;
        this.name = name;
        this.crossCheck = crossCheck;
    }

    /**
     * {@code benchmarks/run crosscheck}: the MLP on each peer through the harness's loop and through the loop its users
     * write ({@link #CROSS_CHECK}), side by side, with how far apart they are.
     */
    static ThroughputCommand crossCheck(PrintStream out, PrintStream err) {
        return new ThroughputCommand(out, err, Model.MLP, "crosscheck", true);
    }

    @Override
    List<String> defaultSystems() {
        return crossCheck ? List.of("djl-pytorch", "djl-pytorch-easytrain", "dl4j", "dl4j-fit-iterator") : null;
    }

    static Table newTable() {
        return new Table(List.of(
                Table.column("system", "system", Format.TEXT),
                Table.column("samples_per_s", "samples/s (steady)", Format.INTEGER),
                Table.column("test_accuracy", "test accuracy", Format.PERCENT),
                Table.column("infer_us", "1-sample inference µs", Format.ONE_DECIMAL),
                Table.column("peak_rss_mb", "peak RSS MiB", Format.INTEGER),
                Table.column("run_samples_per_s", "samples/s (whole run)", Format.INTEGER)));
    }

    @Override
    Task task() {
        return model.task;
    }

    @Override
    Set<String> flags() {
        Set<String> flags = new java.util.HashSet<>(Set.of("plot", "subnormals"));
        flags.addAll(TrainingProtocol.FLAGS);
        return flags;
    }

    @Override
    void configure(Args args) {
        protocol = TrainingProtocol.from(args);
        epochs = protocol.epochs();
        seed = args.getLong("seed", 42);
        train = args.getInt("train", FashionMnist.TRAIN_SIZE, 1);
        test = args.getInt("test", FashionMnist.TEST_SIZE, 1);
        data = Path.of(args.get("data", FashionMnist.DEFAULT_DIR.toString()));
        plot = args.flag("plot");
        subnormals = args.flag("subnormals");
        protocol.warn(err);
    }

    @Override
    String precheck() {
        return FashionMnist.problem(data);
    }

    @Override
    List<String> workerArgs() {
        List<String> args = new ArrayList<>(List.of(
                "--epochs",
                Integer.toString(epochs),
                "--data",
                data.toAbsolutePath().toString(),
                "--seed",
                Long.toString(seed),
                "--train",
                Integer.toString(train),
                "--test",
                Integer.toString(test)));
        if (subnormals) {
            args.add("--subnormals");
        }
        return args;
    }

    @Override
    void report() {
        Table table = newTable();
        rows.forEach((name, r) -> table.row(
                name,
                number(r, "samples_per_s"),
                number(r, "test_accuracy"),
                number(r, "infer_us"),
                number(r, "peak_rss_mb"),
                number(r, "run_samples_per_s")));
        String settingsLine = model.describe(epochs, seed) + "; " + samples(train, FashionMnist.TRAIN_SIZE, "training")
                + ", " + protocol.settings()
                + "; test accuracy on " + samples(test, FashionMnist.TEST_SIZE, "test") + " after the last epoch;"
                + " inference: one image from a host float[784] to the 10 outputs in a host float[], median of 7"
                + " rounds";
        String title = (crossCheck ? "Cross-check, harness loop against each peer's own: " : "Training throughput: ")
                + model.title + " on Fashion-MNIST"
                + (protocol.comparable() ? "" : " (" + epochs + " epochs: not comparable)");
        Path curves = results.resolve(name + "-epochs.png");
        boolean drawn = TrainingProtocol.writeCurves(
                curves,
                model.title + ", samples/s per epoch (" + MachineInfo.now() + ", load " + loadBefore + ")",
                epochFigures,
                glia,
                err);
        String extra = extra() + (drawn ? "Per-epoch curves: " + curves.getFileName() + "\n\n" : "");
        write(name, title, table, extra, settingsLine);
        if (plot && table.size() > 0) {
            Path png = results.resolve(name + ".png");
            List<String> names = new ArrayList<>(rows.keySet());
            List<Double> values = new ArrayList<>();
            rows.values().forEach(r -> values.add(number(r, "samples_per_s")));
            List<Boolean> isGlia = new ArrayList<>();
            names.forEach(n -> isGlia.add(glia.get(n)));
            BarChart.write(
                    png,
                    model.title + " on Fashion-MNIST, batch 128 (" + MachineInfo.now() + ")",
                    "samples/s (higher is better)",
                    names,
                    values,
                    isGlia,
                    "Glia",
                    "peers");
            out.println("Wrote " + png);
        }
    }

    /** "the first N of the 60,000 training images" or "the 60,000 training images". */
    private static String samples(int requested, int all, String set) {
        return requested < all
                ? String.format(Locale.ROOT, "the first %,d of the %,d %s images", requested, all, set)
                : String.format(Locale.ROOT, "the %,d %s images", all, set);
    }

    /**
     * The not-comparable warning of a short run, the ratios of each Glia backend to each peer, the CNN's achieved
     * GFLOPS, the per-epoch tables and, with {@code --subnormals}, the subnormal counts.
     */
    private String extra() {
        StringBuilder sb = new StringBuilder();
        if (!protocol.comparable()) {
            sb.append(protocol.notComparable()).append("\n\n");
        }
        if (model == Model.CNN && !rows.isEmpty()) {
            sb.append(gflops(CnnSpec.fashionMnist(epochs, seed), MachineInfo.peakGflops()));
        }
        sb.append(gliaAgainstPeers(
                "Glia ÷ peer: training samples/s in the steady state and over the whole run (above 1 = Glia"
                        + " faster), and one-sample inference speed (peer µs ÷ Glia µs, above 1 = Glia faster)",
                (g, p) -> String.format(
                        Locale.ROOT,
                        "%.2f× steady, %.2f× whole run, %.2f× inference",
                        number(g, "samples_per_s") / number(p, "samples_per_s"),
                        number(g, "run_samples_per_s") / number(p, "run_samples_per_s"),
                        number(p, "infer_us") / number(g, "infer_us"))));
        sb.append(crossCheckTable());
        sb.append(TrainingProtocol.perEpochMarkdown(epochFigures));
        sb.append(subnormalTable());
        return sb.toString();
    }

    /**
     * For each pair of {@link #CROSS_CHECK} that ran: the idiomatic loop's steady-state and whole-run samples/s beside
     * the harness loop's, their ratio, and whether they agree within {@link #CROSS_CHECK_TOLERANCE}.
     */
    String crossCheckTable() {
        StringBuilder sb = new StringBuilder();
        CROSS_CHECK.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(pair -> {
            Map<String, String> own = rows.get(pair.getKey());
            Map<String, String> harness = rows.get(pair.getValue());
            if (own == null || harness == null) {
                return;
            }
            if (sb.length() == 0) {
                sb.append("Each peer's own training loop against the harness's loop (samples/s; ratio = own ÷ harness;"
                                + " agree = within ")
                        .append(Math.round(CROSS_CHECK_TOLERANCE * 100))
                        .append(" %):\n\n| peer | its own loop | steady: harness | steady: own | ratio |"
                                + " whole run: harness | whole run: own | ratio | agree |\n"
                                + "|---|---|---:|---:|---:|---:|---:|---:|---|\n");
            }
            double steady = number(own, "samples_per_s") / number(harness, "samples_per_s");
            double run = number(own, "run_samples_per_s") / number(harness, "run_samples_per_s");
            boolean agree = Math.abs(steady - 1) <= CROSS_CHECK_TOLERANCE && Math.abs(run - 1) <= CROSS_CHECK_TOLERANCE;
            sb.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %,.0f | %,.0f | %.2f | %,.0f | %,.0f | %.2f | %s |%n",
                    pair.getValue(),
                    pair.getKey(),
                    number(harness, "samples_per_s"),
                    number(own, "samples_per_s"),
                    steady,
                    number(harness, "run_samples_per_s"),
                    number(own, "run_samples_per_s"),
                    run,
                    agree ? "yes" : "**no**: explain in docs/benchmarks.md"));
        });
        return sb.length() == 0 ? "" : sb.append('\n').toString();
    }

    /**
     * With {@code --subnormals}: per system and epoch, the subnormal floats of Adam's first and second moments and of
     * the parameters at the epoch's end, as the workers counted them; empty otherwise.
     */
    private String subnormalTable() {
        StringBuilder sb = new StringBuilder();
        rows.forEach((name, r) -> {
            String counts = r.get("epoch_subnormals");
            if (counts == null || counts.isBlank()) {
                return;
            }
            if (sb.length() == 0) {
                sb.append("Subnormal float32 values after each epoch (Adam m / Adam v / parameters, of N each;"
                        + " ? = not reachable, - = not counted):\n\n");
            }
            sb.append("- ")
                    .append(name)
                    .append(": ")
                    .append(String.join(", ", counts.trim().split(" +", -1)))
                    .append('\n');
        });
        return sb.length() == 0 ? "" : sb.append('\n').toString();
    }

    /**
     * The lines on achieved arithmetic speed: samples/s × the spec's training FLOP per sample for each system,
     * against {@code peak} (GFLOPS; NaN when unknown).
     */
    String gflops(CnnSpec spec, double peak) {
        String definition = String.format(
                Locale.ROOT,
                "Achieved GFLOPS in training = samples/s × %.1f MFLOP per sample (forward, weight and input"
                        + " gradients of the convolutions and dense layers, %,d multiply-adds forward)",
                spec.trainingFlops() / 1e6,
                spec.forwardMacs());
        return gflopsLines(definition, rows, "samples_per_s", spec.trainingFlops(), peak);
    }
}
