package dev.glia.benchmarks;

import dev.glia.benchmarks.glia.GliaBackends;
import dev.glia.benchmarks.report.Table;
import dev.glia.benchmarks.report.Table.Format;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code benchmarks/run jmh [JMH options]}: the JMH suite ({@code dev.glia.benchmarks.jmh}) with JMH's own
 * command line ({@code -h} lists it). Unless {@code -p backend=…} is given, every available Glia backend
 * is measured. Besides JMH's report it prints derived figures (GFLOPS for gemm and convolution, elements/s for
 * activations) and writes {@code jmh.csv} and {@code jmh.json} under the results folder.
 */
final class JmhCommand {
    private JmhCommand() {}

    static int run(List<String> argv, PrintStream out, PrintStream err) throws RunnerException {
        CommandLineOptions cmd;
        try {
            cmd = new CommandLineOptions(argv.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            err.println("jmh: " + e.getMessage());
            return 2;
        }
        if (cmd.shouldHelp()) {
            try {
                cmd.showHelp();
            } catch (java.io.IOException e) {
                err.println(e.getMessage());
            }
            return 0;
        }
        if (cmd.shouldList()
                || cmd.shouldListWithParams()
                || cmd.shouldListProfilers()
                || cmd.shouldListResultFormats()) {
            new Runner(cmd).list();
            return 0;
        }
        Path results = Comparison.defaultResults();
        OptionsBuilder options = new OptionsBuilder();
        options.parent(cmd);
        if (cmd.getParameter("backend").hasValue() == false) {
            List<String> names = new ArrayList<>();
            for (GliaBackends.Found f : GliaBackends.discover()) {
                if (f.availability().available()) {
                    names.add(f.name());
                } else {
                    err.println("jmh: skipping backend " + f.name() + ": "
                            + f.availability().detail());
                }
            }
            options.param("backend", names.toArray(String[]::new));
        }
        if (!cmd.getResult().hasValue()) {
            results.toFile().mkdirs();
            options.result(results.resolve("jmh.json").toString()).resultFormat(ResultFormatType.JSON);
        }
        if (cmd.getIncludes().isEmpty()) {
            options.include("dev\\.glia\\.benchmarks\\.jmh\\..*");
        }
        Collection<RunResult> runs = new Runner(options.build()).run();
        Table table = summarize(runs);
        out.println();
        out.println("Derived figures (" + MachineInfo.now() + ", load average " + MachineInfo.loadAverage() + "):");
        out.print(table.toText());
        Path csv = results.resolve("jmh.csv");
        table.writeCsv(csv);
        out.println("Wrote " + csv + (cmd.getResult().hasValue() ? "" : " and " + results.resolve("jmh.json")));
        return 0;
    }

    /** One row per result: JMH's score and, where it has one, the figure derived from it. */
    static Table summarize(Collection<RunResult> runs) {
        Table t = new Table(List.of(
                Table.column("benchmark", "benchmark", Format.TEXT),
                Table.column("system", "system", Format.TEXT),
                Table.column("params", "params", Format.TEXT),
                Table.column("score", "score", Format.TWO_DECIMALS),
                Table.column("error", "±", Format.TWO_DECIMALS),
                Table.column("unit", "unit", Format.TEXT),
                Table.column("derived", "derived", Format.TWO_DECIMALS),
                Table.column("derived_unit", "derived unit", Format.TEXT)));
        for (RunResult r : runs) {
            String bench = r.getParams().getBenchmark();
            String shortName = bench.substring(bench.lastIndexOf('.', bench.lastIndexOf('.') - 1) + 1);
            Map<String, String> params = new TreeMap<>();
            for (String key : r.getParams().getParamsKeys()) {
                params.put(key, r.getParams().getParam(key));
            }
            String backend = params.remove("backend");
            double score = r.getPrimaryResult().getScore();
            double error = r.getPrimaryResult().getScoreError();
            String unit = r.getPrimaryResult().getScoreUnit();
            double derived = Double.NaN;
            String derivedUnit = "";
            if ((shortName.startsWith("GemmBench") || shortName.startsWith("EjmlKernelBench"))
                    && params.containsKey("shape")
                    && unit.equals("ops/s")) {
                int[] s = dev.glia.benchmarks.jmh.GemmShapes.parse(params.get("shape"));
                derived = score * 2.0 * s[0] * s[1] * s[2] / 1e9;
                derivedUnit = "GFLOPS";
            } else if ((shortName.startsWith("ConvolutionBench.forward")
                            || shortName.startsWith("ConvolutionBench.backward"))
                    && unit.equals("us/op")) {
                // forward: one product; backward: two (weight and column gradients); the score in µs per call
                double products = shortName.endsWith("backward") ? 2 : 1;
                derived = products
                        * dev.glia.benchmarks.jmh.ConvolutionBench.productFlops(params.get("layer"))
                        / (score * 1e-6)
                        / 1e9;
                derivedUnit = "GFLOPS";
            } else if (shortName.startsWith("ActivationBench") && unit.equals("ops/s")) {
                derived = score / 1e6;
                derivedUnit = "M elements/s";
            } else if (shortName.startsWith("Conv2dLayerBench")
                    && params.containsKey("layer")
                    && unit.equals("ms/op")) {
                boolean backward = shortName.endsWith("forwardBackward");
                derived = dev.glia.benchmarks.jmh.Conv2dLayerBench.flops(params.get("layer"), backward) / score / 1e6;
                derivedUnit = "GFLOPS";
            }
            StringBuilder p = new StringBuilder();
            params.forEach((k, v) ->
                    p.append(p.length() == 0 ? "" : " ").append(k).append('=').append(v));
            t.row(
                    shortName,
                    backend == null ? "" : "glia-" + backend,
                    p.toString(),
                    score,
                    Double.isNaN(error) ? null : error,
                    unit,
                    Double.isNaN(derived) ? null : derived,
                    derivedUnit);
        }
        return t;
    }
}
