package dev.glia.benchmarks;

import dev.glia.benchmarks.spi.BenchSystem;
import dev.glia.benchmarks.spi.Task;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one entry point, started by {@code benchmarks/run}:
 * <pre>
 * benchmarks/run throughput [--epochs N | --quick] [--systems LIST] [--data DIR] [--plot]   → results/throughput.csv
 * benchmarks/run cnn [--train N] [--epochs N | --quick] [--systems LIST] [--data DIR]      → results/cnn.csv
 * benchmarks/run lstm [--epochs N | --quick] [--train N] [--systems LIST]         → results/lstm.csv
 * benchmarks/run gemm [--sizes LIST] [--systems LIST]                            → results/gemm.csv
 * benchmarks/run xor [--systems LIST]                                            → results/xor.csv
 * benchmarks/run jmh [JMH options]                                               → results/jmh.csv
 * benchmarks/run predictor [--clients LIST] [--systems LIST]                     → results/predictor.csv
 * benchmarks/run systems                                                         (what can run here)
 * </pre>
 */
public final class Main {
    static final String USAGE = """
            Usage: benchmarks/run COMMAND [OPTIONS]

              throughput  train the MLP 784-256-128-10 on Fashion-MNIST on every system → results/throughput.csv
                          --epochs N (6; samples/s is the steady state, the median of the last half of the
                          epochs, and "whole run" all samples over the whole training time, warm-up included)
                          --quick (2 epochs: a smoke run, its figures marked not comparable)
                          --data DIR (/usr/share/datasets/fashion-mnist)  --seed S (42)
                          --train N (60000: the first N training images)  --test N (10000: the first N test images)
                          --plot (also results/throughput.png, a bar chart; the per-epoch curves
                          results/throughput-epochs.png are always drawn)
                          --subnormals (count the subnormal floats of each system's Adam state and parameters
                          after every epoch, outside the timed region)
              cnn         train the CNN [1,28,28] → conv 5x5x32 ReLU → max-pool 2 → conv 5x5x64 ReLU → max-pool 2
                          → dense 128 ReLU → dense 10 softmax on Fashion-MNIST on every system → results/cnn.csv
                          (and cnn.md with the achieved GFLOPS); the options of throughput, e.g.
                          cnn --train 2048 --quick for a smoke run
              crosscheck  the MLP on each peer through the harness's loop and through the loop its users write
                          (djl-pytorch-easytrain: ArrayDataset + EasyTrain.fit; dl4j-fit-iterator: a DataSetIterator
                          + MultiLayerNetwork.fit(iterator, epochs)), side by side → results/crosscheck.{csv,md};
                          the options of throughput
              lstm        train a character model (one-hot → 2 × LSTM 256 → dense at each step, windows of 64,
                          batch 64, Adam) on every system → results/lstm.csv (and lstm.md with the achieved GFLOPS):
                          chars/s, held-out bits/char, µs per generated character, peak RSS
                          --epochs N (6; chars/s is the median of the last half)  --quick (2 epochs, a short text:
                          a smoke run)  --train N (262144 characters)  --test N (32768 held-out characters)
                          --data PATH (the text lesson's Moby-Dick when it is in the source tree, else a synthetic
                          text; 'synthetic', a folder like the lesson's, or a UTF-8 file)  --seed S (42)
              gemm        C = A·B in float32, GFLOPS → results/gemm.csv
                          --sizes LIST (MxKxN or N for a cube, comma-separated; default the MLP's shapes and 1024)
                          --rounds R (5)
              xor         µs per XOR training step (2-8-1, batch 4) → results/xor.csv
              predictor   single-sample predictions/s of the MLP 784-256-128-10 through Glia's Predictor,
                          from several client threads at once → results/predictor.csv (Glia's backends only;
                          needs no data and no peers) --clients LIST (1,2,8) --rounds R (5)
              jmh         the JMH suite; JMH's options (-h), e.g. jmh -f 1 -wi 2 -i 3 GemmBench
              systems     list the systems and whether each can run here

            Options of throughput, cnn, lstm, gemm, xor and predictor:
              --systems LIST   e.g. glia-ejml,dl4j (default: every system that can run here)
              --threads T      threads per system (default: the number of processors)
              --heap SIZE      -Xmx of each system's JVM (3g)
              --jvm-args "…"   more JVM options for each system's JVM
              --jfr            record a JFR profile per system under results/jfr/
              --timeout-min M  give up on a system after M minutes (60)
              --results DIR    where tables go (benchmarks/results)

            Systems: glia-<backend> for each Glia backend on the class path (glia-ejml, glia-nd4j, glia-opencl),
            dl4j, djl-pytorch, djl-pytorch-ftz (DJL-PyTorch with PyTorch's flush-denormal setting on), and for gemm nd4j-1t (ND4J's sgemm on one OpenBLAS thread). The peers exist when
            the module was built with -Pbench, which benchmarks/run does.
            """;

    private Main() {}

    /** Runs a subcommand and exits with its status. */
    public static void main(String[] argv) throws Exception {
        System.exit(run(Arrays.asList(argv), System.out, System.err));
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
        if (argv.isEmpty()
                || argv.get(0).equals("-h")
                || argv.get(0).equals("--help")
                || argv.get(0).equals("help")) {
            out.print(USAGE);
            return argv.isEmpty() ? 2 : 0;
        }
        List<String> rest = argv.subList(1, argv.size());
        try {
            return switch (argv.get(0)) {
                case "throughput" -> new ThroughputCommand(out, err, ThroughputCommand.Model.MLP).run(rest);
                case "cnn" -> new ThroughputCommand(out, err, ThroughputCommand.Model.CNN).run(rest);
                case "lstm" -> new LstmCommand(out, err).run(rest);
                case "crosscheck" -> ThroughputCommand.crossCheck(out, err).run(rest);
                case "gemm" -> new GemmCommand(out, err).run(rest);
                case "xor" -> new XorCommand(out, err).run(rest);
                case "predictor" -> new PredictorCommand(out, err).run(rest);
                case "jmh" -> JmhCommand.run(rest, out, err);
                case "systems" -> systems(out);
                case "worker" -> Worker.run(rest);
                default -> throw new Args.UsageException("Unknown command '" + argv.get(0) + "'");
            };
        } catch (Args.UsageException e) {
            err.println(e.getMessage());
            err.println("Run benchmarks/run --help for the commands and options.");
            return 2;
        }
    }

    private static int systems(PrintStream out) {
        Systems all = Systems.discover();
        for (String name : all.names()) {
            BenchSystem s = all.get(name);
            String tasks = s == null
                    ? ""
                    : s.tasks().stream()
                            .filter(t -> s.isGlia() || !t.gliaOnly())
                            .map(t -> t.name().toLowerCase(Locale.ROOT))
                            .sorted()
                            .reduce((a, b) -> a + "," + b)
                            .orElse("");
            String why = all.whyNot(
                    name,
                    s != null && !s.tasks().isEmpty() ? s.tasks().iterator().next() : Task.THROUGHPUT);
            out.printf(Locale.ROOT, "%-14s %-22s %s%n", name, tasks, why == null ? "available" : "unavailable: " + why);
        }
        return 0;
    }
}
