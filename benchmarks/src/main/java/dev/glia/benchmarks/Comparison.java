package dev.glia.benchmarks;

import dev.glia.benchmarks.report.Table;
import dev.glia.benchmarks.spi.BenchSystem;
import dev.glia.benchmarks.spi.Task;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the side-by-side subcommands share: the common options, running each chosen system in its own
 * child JVM one after another, and writing the table as text, Markdown and CSV under the results folder.
 */
abstract class Comparison {
    /** Options every comparison takes. */
    static final Set<String> COMMON_VALUED = Set.of("systems", "threads", "heap", "jvm-args", "timeout-min", "results");
    /** Flags every comparison takes. */
    static final Set<String> COMMON_FLAGS = Set.of("jfr");

    /** Where results go unless {@code --results} says otherwise (the run script passes its own folder). */
    static Path defaultResults() {
        return Path.of(System.getProperty("glia.bench.results", "benchmarks/results"));
    }

    final PrintStream out;
    final PrintStream err;
    Path results;
    ChildJvm.Settings settings;
    final List<String> skipped = new ArrayList<>();
    final Map<String, String> failures = new LinkedHashMap<>();
    final Map<String, String> engines = new LinkedHashMap<>();
    final Map<String, String> remarks = new LinkedHashMap<>();
    /** The 1-minute load average as each system's JVM started, then as it ended. */
    final Map<String, String> systemLoads = new LinkedHashMap<>();

    String loadBefore;
    String loadAfter;
    String started;

    Comparison(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The task. */
    abstract Task task();

    /** The subcommand's own options with values. */
    abstract Set<String> valued();

    /** The subcommand's own flags. */
    Set<String> flags() {
        return Set.of();
    }

    /** The systems run when {@code --systems} is not given, or null for every system that can run the task. */
    List<String> defaultSystems() {
        return null;
    }

    /** Reads the subcommand's options (after the common ones); may fail with a usage message. */
    abstract void configure(Args args);

    /** Checks before any child starts (e.g. that the data is there); returns an error message or null. */
    String precheck() {
        return null;
    }

    /** The worker arguments after {@code --system}. */
    abstract List<String> workerArgs();

    /** Takes one system's result lines. */
    abstract void accept(BenchSystem system, List<Map<String, String>> results);

    /** Writes the table, the Markdown and the CSV; prints the table. */
    abstract void report();

    final int run(List<String> argv) {
        Set<String> valued = new HashSet<>(COMMON_VALUED);
        valued.addAll(valued());
        Set<String> flags = new HashSet<>(COMMON_FLAGS);
        flags.addAll(flags());
        Args args = Args.parse(argv, valued, flags);
        if (!args.positional().isEmpty()) {
            throw new Args.UsageException(
                    "Unexpected argument '" + args.positional().get(0) + "'");
        }
        int threads = args.getInt("threads", Runtime.getRuntime().availableProcessors(), 1);
        results = Path.of(args.get("results", defaultResults().toString()));
        List<String> jvmArgs = args.has("jvm-args")
                ? Arrays.asList(args.get("jvm-args", "").trim().split("\\s+"))
                : List.of();
        settings = new ChildJvm.Settings(
                threads,
                args.get("heap", "3g"),
                jvmArgs,
                args.flag("jfr") ? results.resolve("jfr") : null,
                Duration.ofMinutes(args.getInt("timeout-min", 60, 1)));
        configure(args);
        String problem = precheck();
        if (problem != null) {
            err.println(problem);
            return 1;
        }
        Systems all = Systems.discover();
        List<String> requested = args.has("systems") ? args.list("systems", null) : defaultSystems();
        List<BenchSystem> chosen = all.select(requested, task(), skipped);
        for (String s : skipped) {
            err.println("skipped " + s);
        }
        if (chosen.isEmpty()) {
            err.println("No system can run here; nothing measured.");
            return 1;
        }
        started = MachineInfo.now();
        loadBefore = MachineInfo.loadAverage();
        err.printf(
                Locale.ROOT,
                "%s on %s, %d threads per system, load average %s%n",
                task().name().toLowerCase(Locale.ROOT),
                MachineInfo.describe(),
                threads,
                loadBefore);
        for (BenchSystem s : chosen) {
            err.println("== " + s.name());
            String loadAtStart = MachineInfo.loadAverage().split(",", -1)[0];
            long t = System.nanoTime();
            try {
                List<Map<String, String>> r =
                        ChildJvm.run(s, task().name().toLowerCase(Locale.ROOT), workerArgs(), settings, err);
                if (!r.isEmpty() && r.get(0).containsKey("engine")) {
                    engines.put(s.name(), r.get(0).get("engine"));
                }
                if (!s.remark().isEmpty()) {
                    remarks.put(s.name(), s.remark());
                }
                accept(s, r);
            } catch (ChildJvm.ChildFailure e) {
                failures.put(s.name(), e.getMessage());
                err.println("FAILED " + s.name() + ": " + e.getMessage());
            }
            String loadAtEnd = MachineInfo.loadAverage().split(",", -1)[0];
            systemLoads.put(s.name(), loadAtStart + " → " + loadAtEnd);
            err.printf(
                    Locale.ROOT,
                    "   (%s took %.0f s; load average %s → %s)%n",
                    s.name(),
                    (System.nanoTime() - t) / 1e9,
                    loadAtStart,
                    loadAtEnd);
        }
        loadAfter = MachineInfo.loadAverage();
        report();
        boolean explicit = args.has("systems");
        return !failures.isEmpty() || (explicit && !skipped.isEmpty()) ? 1 : 0;
    }

    /** The lines under a table: machine, date, load, settings, engines, remarks, skipped and failed systems. */
    String context(String settingsLine) {
        StringBuilder sb = new StringBuilder();
        sb.append("- Measured: ")
                .append(started)
                .append(" on ")
                .append(MachineInfo.describe())
                .append('\n');
        sb.append("- Load average (1, 5, 15 min) before: ")
                .append(loadBefore)
                .append("; after: ")
                .append(loadAfter)
                .append('\n');
        if (!systemLoads.isEmpty()) {
            sb.append("- Load average (1 min) as each system started → ended: ");
            List<String> each = new ArrayList<>();
            systemLoads.forEach((k, v) -> each.add(k + " " + v));
            sb.append(String.join("; ", each)).append('\n');
        }
        sb.append("- Settings: ")
                .append(settingsLine)
                .append("; every system in its own JVM (-Xmx")
                .append(settings.heap())
                .append("), ")
                .append(settings.threads())
                .append(" threads each (OMP/OpenBLAS/MKL/PyTorch/Java pools)");
        String coretype = System.getenv("OPENBLAS_CORETYPE");
        if (coretype != null) {
            sb.append("; OPENBLAS_CORETYPE=").append(coretype);
        }
        sb.append('\n');
        if (!engines.isEmpty()) {
            sb.append("- Engines:\n");
            engines.forEach(
                    (k, v) -> sb.append("  - ").append(k).append(": ").append(v).append('\n'));
        }
        if (!remarks.isEmpty()) {
            sb.append("- Why a system is fast or slow, beyond the framework:\n");
            remarks.forEach(
                    (k, v) -> sb.append("  - ").append(k).append(": ").append(v).append('\n'));
        }
        for (String s : skipped) {
            sb.append("- Skipped ").append(s).append('\n');
        }
        failures.forEach((k, v) ->
                sb.append("- FAILED ").append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }

    /** Prints the table and writes {@code <name>.csv} and {@code <name>.md} under the results folder. */
    void write(String name, String title, Table table, String extraMarkdown, String settingsLine) {
        String context = context(settingsLine);
        out.println();
        out.print(table.toText());
        out.println();
        if (!extraMarkdown.isEmpty()) {
            out.print(extraMarkdown);
            out.println();
        }
        out.print(context);
        Path csv = results.resolve(name + ".csv");
        Path md = results.resolve(name + ".md");
        table.writeCsv(csv);
        Table.writeAtomically(
                md,
                "## " + title + "\n\n" + table.toMarkdown() + "\n"
                        + (extraMarkdown.isEmpty() ? "" : extraMarkdown + "\n") + context);
        out.println();
        out.println("Wrote " + csv + " and " + md);
    }

    /**
     * The Markdown lines that turn each system's rate into GFLOPS: {@code definition} says what one unit of
     * {@code rateColumn} costs ({@code flopsPerUnit}), then the machine's nominal peak where known, then one line per
     * system with its share of that peak.
     */
    static String gflopsLines(
            String definition,
            Map<String, Map<String, String>> rows,
            String rateColumn,
            double flopsPerUnit,
            double peak) {
        StringBuilder sb = new StringBuilder(definition);
        if (Double.isNaN(peak)) {
            sb.append("; the machine's peak is not known here");
        } else {
            sb.append(String.format(
                    Locale.ROOT,
                    "; this machine's nominal float32 peak: %,.0f GFLOPS (%s)",
                    peak,
                    MachineInfo.PEAK_FORMULA));
        }
        sb.append(":\n\n");
        rows.forEach((name, r) -> {
            double g = number(r, rateColumn) * flopsPerUnit / 1e9;
            sb.append("- ").append(name).append(String.format(Locale.ROOT, ": %.2f GFLOPS", g));
            if (!Double.isNaN(peak)) {
                sb.append(String.format(Locale.ROOT, " (%.1f %% of peak)", 100 * g / peak));
            }
            sb.append('\n');
        });
        sb.append('\n');
        return sb.toString();
    }

    static double number(Map<String, String> r, String key) {
        String v = r.get(key);
        if (v == null || v.isEmpty()) {
            return Double.NaN;
        }
        return Double.parseDouble(v);
    }
}
