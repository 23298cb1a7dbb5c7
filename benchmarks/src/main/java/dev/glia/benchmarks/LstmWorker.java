package dev.glia.benchmarks;

import dev.glia.benchmarks.report.Stats;
import dev.glia.benchmarks.spi.BenchSystem;
import dev.glia.benchmarks.spi.CharText;
import dev.glia.benchmarks.spi.LstmContender;
import dev.glia.benchmarks.spi.LstmSpec;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The child side of {@code benchmarks/run lstm}: builds the text, trains one system's character model, then measures
 * held-out bits per character and the latency of one generation step, and prints one {@link ResultLine}.
 */
final class LstmWorker {
    private static final PrintStream OUT = System.out;
    private static final PrintStream ERR = System.err;

    private LstmWorker() {}

    /** Measures {@code system} with the options {@link LstmCommand#workerArgs()} passes. */
    static void run(BenchSystem system, Args args) {
        int epochs = args.getInt("epochs", TrainingProtocol.DEFAULT_EPOCHS, 1);
        long seed = args.getLong("seed", 42);
        int train = args.getInt("train", LstmCommand.DEFAULT_TRAIN, 1);
        int test = args.getInt("test", LstmCommand.DEFAULT_TEST, 1);
        CharText text = LstmCommand.text(args.get("data", null), train, test, seed);
        LstmSpec spec = LstmSpec.charModel(text.vocabulary(), epochs, seed);
        ERR.printf(
                Locale.ROOT,
                "%s: %d characters in the alphabet, %,d training windows (%d steps per epoch), %,d held-out windows%n",
                system.name(),
                text.vocabulary(),
                text.trainWindows(),
                text.trainWindows() / spec.batch(),
                text.testWindows());
        try (LstmContender model = system.lstm(spec)) {
            ERR.println(system.name() + ": " + model.engine());
            // a "sample" of the protocol's clock and figures is one trained character here
            EpochClock clock = new EpochClock(
                    system.name(), epochs, Math.toIntExact(text.trainCharsPerEpoch()), ERR, System::nanoTime, e -> {});
            clock.start();
            model.train(text, clock::epochEnded);
            EpochFigures figures = clock.figures();
            double bits = bitsPerChar(model, text, spec.batch());
            ERR.printf(Locale.ROOT, "%s: held-out %.3f bits per character%n", system.name(), bits);
            double stepUs = stepMicros(model, text);
            ERR.printf(Locale.ROOT, "%s: %.1f µs per generated character (batch 1)%n", system.name(), stepUs);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("system", system.name());
            r.put("chars_per_s", figures.steadySamplesPerS());
            r.put("bits_per_char", bits);
            r.put("step_us", stepUs);
            r.put("peak_rss_mb", MachineInfo.peakRssMiB());
            r.put("run_chars_per_s", figures.runSamplesPerS());
            r.put("vocabulary", text.vocabulary());
            r.putAll(figures.toResult());
            r.put("engine", model.engine());
            OUT.println(ResultLine.format(r));
            OUT.flush();
        }
    }

    /**
     * Mean −log2 of the probability each system gives the true next character, over every held-out window (each from
     * a zero state), computed here from the probabilities, in double.
     */
    static double bitsPerChar(LstmContender model, CharText text, int batch) {
        int steps = text.sequence();
        int v = text.vocabulary();
        int[] inputs = new int[batch * steps];
        int[] targets = new int[batch * steps];
        float[] probabilities = new float[batch * steps * v];
        double sum = 0;
        long count = 0;
        for (int from = 0; from < text.testWindows(); from += batch) {
            int n = Math.min(batch, text.testWindows() - from);
            text.testInputs(from, n, inputs);
            text.testTargets(from, n, targets);
            model.predict(inputs, n, probabilities);
            for (int i = 0; i < n * steps; i++) {
                double p = probabilities[i * v + targets[i]];
                sum -= Math.log(Math.max(p, 1e-30)) / Math.log(2);
                count++;
            }
        }
        double bits = sum / count;
        if (!Double.isFinite(bits)) {
            throw new IllegalStateException("the held-out bits per character are " + bits + "; training diverged");
        }
        return bits;
    }

    /**
     * Median µs of one generation step (batch 1, state kept), feeding the held-out characters one after another as a
     * sampler would feed its picks: warm-up of 1 s, then 7 rounds of at least 0.3 s.
     */
    static double stepMicros(LstmContender model, CharText text) {
        float[] probabilities = new float[text.vocabulary()];
        int[] next = {0};
        double[] sink = {0};
        model.resetState();
        double[] ns = Timing.nanosPerOp(
                n -> {
                    for (int i = 0; i < n; i++) {
                        model.step(text.testCode(next[0]++), probabilities);
                        sink[0] += probabilities[0];
                    }
                },
                1_000_000_000L,
                300_000_000L,
                7);
        if (!Double.isFinite(sink[0])) {
            throw new IllegalStateException("a generation step produced " + sink[0]);
        }
        return Stats.median(ns) / 1000;
    }
}
