package dev.glia.benchmarks;

import dev.glia.benchmarks.report.Table;
import dev.glia.benchmarks.report.Table.Format;
import dev.glia.benchmarks.spi.BenchSystem;
import dev.glia.benchmarks.spi.Task;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code benchmarks/run xor [--systems LIST]}: µs per full training step (forward, loss, backward, Adam) of
 * the 2-8-1 XOR network on its batch of four, on every system. At this size the figure is the framework's
 * per-step overhead, not arithmetic.
 */
final class XorCommand extends Comparison {
    /** The CSV header, a fixed interface. */
    static final String CSV_HEADER = "system,us_per_step";

    private final List<Map<String, String>> rows = new ArrayList<>();
    private long seed;

    XorCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    static Table newTable() {
        return new Table(List.of(
                Table.column("system", "system", Format.TEXT),
                Table.column("us_per_step", "µs per step", Format.ONE_DECIMAL)));
    }

    @Override
    Task task() {
        return Task.XOR;
    }

    @Override
    Set<String> valued() {
        return Set.of("seed");
    }

    @Override
    void configure(Args args) {
        seed = args.getLong("seed", 42);
    }

    @Override
    List<String> workerArgs() {
        return List.of("--seed", Long.toString(seed));
    }

    @Override
    void accept(BenchSystem system, List<Map<String, String>> results) {
        rows.addAll(results);
    }

    @Override
    void report() {
        Table table = newTable();
        for (Map<String, String> r : rows) {
            table.row(r.get("system"), number(r, "us_per_step"));
        }
        write(
                "xor",
                "One XOR training step (2-8-1, batch 4)",
                table,
                "",
                "2-8-1 (tanh, sigmoid + binary cross-entropy from logits), Adam 0.05, the four XOR samples as one"
                        + " batch; each system's own training call per step (Glia Network.fit over n one-batch"
                        + " epochs, DL4J MultiLayerNetwork.fit(DataSet), DJL Trainer with a GradientCollector);"
                        + " median of 7 rounds of at least 0.5 s after 3 s of warm-up; the loss is checked to fall");
    }
}
