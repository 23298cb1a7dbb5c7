package dev.glia.benchmarks;

import dev.glia.benchmarks.report.BarChart;
import dev.glia.benchmarks.report.Table;
import dev.glia.benchmarks.report.Table.Format;
import dev.glia.benchmarks.spi.BenchSystem;
import dev.glia.benchmarks.spi.MlpSpec;
import dev.glia.benchmarks.spi.Task;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code benchmarks/run throughput [--epochs N] [--systems LIST] [--data DIR] [--plot]}: trains the
 * 784-256-128-10 MLP on Fashion-MNIST on every system, one after another, each in its own JVM, and reports
 * samples/s (median of the epochs after the first), test accuracy, one-sample inference and peak RSS.
 */
final class ThroughputCommand extends Comparison {
    /** The CSV header, a fixed interface. */
    static final String CSV_HEADER = "system,samples_per_s,test_accuracy,infer_us,peak_rss_mb";

    private int epochs;
    private long seed;
    private Path data;
    private boolean plot;
    private final Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    private final Map<String, Boolean> glia = new LinkedHashMap<>();

    ThroughputCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    static Table newTable() {
        return new Table(List.of(
                Table.column("system", "system", Format.TEXT),
                Table.column("samples_per_s", "samples/s", Format.INTEGER),
                Table.column("test_accuracy", "test accuracy", Format.PERCENT),
                Table.column("infer_us", "1-sample inference µs", Format.ONE_DECIMAL),
                Table.column("peak_rss_mb", "peak RSS MiB", Format.INTEGER)));
    }

    @Override
    Task task() {
        return Task.THROUGHPUT;
    }

    @Override
    Set<String> valued() {
        return Set.of("epochs", "data", "seed");
    }

    @Override
    Set<String> flags() {
        return Set.of("plot");
    }

    @Override
    void configure(Args args) {
        epochs = args.getInt("epochs", 3, 1);
        seed = args.getLong("seed", 42);
        data = Path.of(args.get("data", FashionMnist.DEFAULT_DIR.toString()));
        plot = args.flag("plot");
        if (epochs == 1) {
            err.println("warning: with --epochs 1 the only epoch is also the warm-up; its figure includes JIT"
                    + " compilation and start-up");
        }
    }

    @Override
    String precheck() {
        return FashionMnist.problem(data);
    }

    @Override
    List<String> workerArgs() {
        return List.of(
                "--epochs",
                Integer.toString(epochs),
                "--data",
                data.toAbsolutePath().toString(),
                "--seed",
                Long.toString(seed));
    }

    @Override
    void accept(BenchSystem system, List<Map<String, String>> results) {
        rows.put(system.name(), results.get(0));
        glia.put(system.name(), system.isGlia());
    }

    @Override
    void report() {
        Table table = newTable();
        rows.forEach((name, r) -> table.row(
                name,
                number(r, "samples_per_s"),
                number(r, "test_accuracy"),
                number(r, "infer_us"),
                number(r, "peak_rss_mb")));
        String settingsLine = MlpSpec.fashionMnist(epochs, seed).describe() + "; " + epochs + " epochs, "
                + (epochs > 1
                        ? "samples/s is the median of epochs 2.." + epochs + " (epoch 1 is warm-up)"
                        : "one epoch, warm-up included")
                + "; test accuracy on the 10,000 test images after the last epoch;"
                + " inference: one image from a host float[784] to the 10 outputs in a host float[], median of 7"
                + " rounds";
        write("throughput", "Training throughput: MLP 784-256-128-10 on Fashion-MNIST", table, extra(), settingsLine);
        if (plot && table.size() > 0) {
            Path png = results.resolve("throughput.png");
            List<String> names = new ArrayList<>(rows.keySet());
            List<Double> values = new ArrayList<>();
            rows.values().forEach(r -> values.add(number(r, "samples_per_s")));
            List<Boolean> isGlia = new ArrayList<>();
            names.forEach(n -> isGlia.add(glia.get(n)));
            BarChart.write(
                    png,
                    "MLP 784-256-128-10 on Fashion-MNIST, batch 128 (" + MachineInfo.now() + ")",
                    "samples/s (higher is better)",
                    names,
                    values,
                    isGlia,
                    "Glia",
                    "peers");
            out.println("Wrote " + png);
        }
    }

    /** Ratios of each Glia backend to each peer, and each system's per-epoch figures. */
    private String extra() {
        StringBuilder sb = new StringBuilder();
        List<String> gliaNames = new ArrayList<>();
        List<String> peers = new ArrayList<>();
        rows.keySet().forEach(n -> (glia.get(n) ? gliaNames : peers).add(n));
        if (!gliaNames.isEmpty() && !peers.isEmpty()) {
            sb.append("Glia ÷ peer: training samples/s (above 1 = Glia faster), and one-sample inference speed"
                    + " (peer µs ÷ Glia µs, above 1 = Glia faster)\n\n");
            sb.append("| Glia backend |");
            peers.forEach(p -> sb.append(" vs ").append(p).append(" |"));
            sb.append("\n|---|");
            peers.forEach(p -> sb.append("---:|"));
            sb.append('\n');
            for (String g : gliaNames) {
                sb.append("| ").append(g).append(" |");
                for (String p : peers) {
                    double train = number(rows.get(g), "samples_per_s") / number(rows.get(p), "samples_per_s");
                    double infer = number(rows.get(p), "infer_us") / number(rows.get(g), "infer_us");
                    sb.append(String.format(Locale.ROOT, " %.2f× train, %.2f× inference |", train, infer));
                }
                sb.append('\n');
            }
            sb.append('\n');
        }
        sb.append("Per epoch (samples/s; mean training loss):\n\n");
        rows.forEach((name, r) -> {
            sb.append("- ").append(name).append(": ");
            String[] sps = r.getOrDefault("epoch_samples_per_s", "").split(" ", -1);
            String[] loss = r.getOrDefault("epoch_loss", "").split(" ", -1);
            for (int i = 0; i < sps.length && !sps[i].isEmpty(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(String.format(Locale.ROOT, "%,.0f", Double.parseDouble(sps[i])));
                if (i < loss.length && !loss[i].isEmpty()) {
                    sb.append(String.format(Locale.ROOT, " (%.4f)", Double.parseDouble(loss[i])));
                }
            }
            sb.append('\n');
        });
        return sb.toString();
    }
}
