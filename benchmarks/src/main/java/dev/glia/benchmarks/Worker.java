package dev.glia.benchmarks;

import dev.glia.benchmarks.glia.GliaPredictor;
import dev.glia.benchmarks.glia.GliaSystem;
import dev.glia.benchmarks.report.Stats;
import dev.glia.benchmarks.spi.BenchSystem;
import dev.glia.benchmarks.spi.ClassifierContender;
import dev.glia.benchmarks.spi.CnnSpec;
import dev.glia.benchmarks.spi.GemmContender;
import dev.glia.benchmarks.spi.GemmInputs;
import dev.glia.benchmarks.spi.ImageData;
import dev.glia.benchmarks.spi.MlpSpec;
import dev.glia.benchmarks.spi.Subnormals;
import dev.glia.benchmarks.spi.XorContender;
import dev.glia.benchmarks.spi.XorSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The child side: measures one system on one task in this JVM and prints {@link ResultLine}s on standard
 * output (progress goes to standard error). Started by {@link ChildJvm}; not meant to be run by hand,
 * though {@code Main worker throughput --system glia-ejml --epochs 2} works for profiling one system.
 */
final class Worker {
    private static final PrintStream OUT = System.out;
    private static final PrintStream ERR = System.err;

    private Worker() {}

    static int run(List<String> argv) {
        if (argv.isEmpty()) {
            ERR.println("worker: which task? throughput, cnn, gemm, xor or predictor");
            return 2;
        }
        String task = argv.get(0);
        Args args = Args.parse(
                argv.subList(1, argv.size()),
                Set.of("system", "epochs", "data", "seed", "train", "test", "sizes", "rounds", "clients"),
                Set.of("subnormals"));
        String name = args.get("system", null);
        if (name == null) {
            ERR.println("worker: --system is required");
            return 2;
        }
        try {
            BenchSystem system = Systems.only(name);
            if (system == null) {
                throw new IllegalStateException("system " + name + " is not on this class path");
            }
            switch (task) {
                case "throughput" -> throughput(system, args, false);
                case "cnn" -> throughput(system, args, true);
                case "lstm" -> LstmWorker.run(system, args);
                case "gemm" -> gemm(system, args);
                case "xor" -> xor(system, args);
                case "predictor" -> predictor(system, args);
                default -> throw new IllegalArgumentException("unknown task " + task);
            }
            return 0;
        } catch (Throwable e) {
            e.printStackTrace(ERR);
            String msg = e.getMessage() == null ? e.toString() : e.getClass().getSimpleName() + ": " + e.getMessage();
            OUT.println(ResultLine.format(Map.of("error", msg)));
            OUT.flush();
            return 1;
        }
    }

    // ----- throughput and cnn

    /**
     * Trains the MLP ({@code cnn} false) or the CNN on the first --train images, timing each epoch ({@link EpochClock}),
     * then tests and times inference. With {@code --subnormals} it counts the subnormal floats of the training state
     * after each epoch, outside the timed region.
     */
    private static void throughput(BenchSystem system, Args args, boolean cnn) {
        int epochs = args.getInt("epochs", TrainingProtocol.DEFAULT_EPOCHS, 1);
        long seed = args.getLong("seed", 42);
        boolean census = args.flag("subnormals");
        Path dir = Path.of(args.get("data", FashionMnist.DEFAULT_DIR.toString()));
        long t0 = System.nanoTime();
        FashionMnist.Split all = FashionMnist.load(dir);
        FashionMnist.Split data = new FashionMnist.Split(
                all.train().first(args.getInt("train", FashionMnist.TRAIN_SIZE, 1)),
                all.test().first(args.getInt("test", FashionMnist.TEST_SIZE, 1)));
        ERR.printf(
                Locale.ROOT,
                "%s: Fashion-MNIST read in %.1f s (using %,d training, %,d test images)%n",
                system.name(),
                (System.nanoTime() - t0) / 1e9,
                data.train().size(),
                data.test().size());
        try (ClassifierContender model =
                cnn ? system.cnn(CnnSpec.fashionMnist(epochs, seed)) : system.mlp(MlpSpec.fashionMnist(epochs, seed))) {
            ERR.println(system.name() + ": " + model.engine());
            List<String> subnormals = new ArrayList<>();
            EpochClock clock =
                    new EpochClock(system.name(), epochs, data.train().size(), ERR, System::nanoTime, epoch -> {
                        if (census) {
                            Subnormals s = model.subnormals();
                            subnormals.add(s == null ? "-" : s.compact() + "/" + s.values());
                            ERR.println(system.name() + ": subnormal floats after epoch " + epoch + " (Adam m/v,"
                                    + " parameters, of each): " + subnormals.get(subnormals.size() - 1));
                        }
                    });
            clock.start();
            model.train(data.train(), clock);
            EpochFigures figures = clock.figures();
            int[] predicted = model.predict(data.test());
            int correct = 0;
            for (int i = 0; i < predicted.length; i++) {
                correct += predicted[i] == data.test().labels()[i] ? 1 : 0;
            }
            double accuracy = (double) correct / predicted.length;
            double inferUs = inferenceMicros(model, data.test());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("system", system.name());
            r.putAll(figures.toResult());
            r.put("test_accuracy", accuracy);
            r.put("infer_us", inferUs);
            r.put("peak_rss_mb", MachineInfo.peakRssMiB());
            if (census) {
                r.put("epoch_subnormals", String.join(" ", subnormals));
            }
            r.put("engine", model.engine());
            OUT.println(ResultLine.format(r));
            OUT.flush();
        }
    }

    /** Median µs of one-sample inference over rounds, cycling through the first 1,000 test images. */
    private static double inferenceMicros(ClassifierContender model, ImageData test) {
        int count = Math.min(1000, test.size());
        float[][] samples = new float[count][];
        for (int i = 0; i < count; i++) {
            samples[i] = java.util.Arrays.copyOfRange(test.pixels(), i * test.width(), (i + 1) * test.width());
        }
        float[] out = new float[test.classes()];
        int[] next = {0};
        double[] sink = {0};
        double[] ns = Timing.nanosPerOp(
                n -> {
                    for (int i = 0; i < n; i++) {
                        model.infer(samples[next[0]], out);
                        next[0] = (next[0] + 1) % count;
                        sink[0] += out[0];
                    }
                },
                2_000_000_000L,
                300_000_000L,
                7);
        if (Double.isNaN(sink[0])) {
            ERR.println("inference produced NaN");
        }
        return Stats.median(ns) / 1000;
    }

    // ----- gemm

    private static void gemm(BenchSystem system, Args args) {
        List<int[]> sizes = GemmCommand.parseSizes(args.get("sizes", GemmCommand.DEFAULT_SIZES));
        int rounds = args.getInt("rounds", 5, 1);
        try (GemmContender g = system.gemm()) {
            ERR.println(system.name() + ": " + g.engine());
            for (int[] s : sizes) {
                GemmInputs in = GemmInputs.random(s[0], s[1], s[2], 7);
                g.prepare(in);
                g.multiply();
                g.sync();
                double expected = in.expectedFirstElement();
                double got = g.firstElement();
                if (Math.abs(got - expected) > 1e-3 * Math.max(1, Math.sqrt(s[1]))) {
                    throw new IllegalStateException(String.format(
                            Locale.ROOT,
                            "%s computed C[0][0] = %s for %dx%dx%d; expected %s",
                            system.name(),
                            got,
                            s[0],
                            s[1],
                            s[2],
                            expected));
                }
                double[] ns = Timing.nanosPerOp(
                        n -> {
                            for (int i = 0; i < n; i++) {
                                g.multiply();
                            }
                            g.sync();
                        },
                        1_000_000_000L,
                        300_000_000L,
                        rounds);
                double gflops = in.flops() / Stats.median(ns);
                ERR.printf(Locale.ROOT, "%s: %dx%dx%d  %.2f GFLOPS%n", system.name(), s[0], s[1], s[2], gflops);
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("system", system.name());
                r.put("m", s[0]);
                r.put("k", s[1]);
                r.put("n", s[2]);
                r.put("gflops", gflops);
                r.put("engine", g.engine());
                OUT.println(ResultLine.format(r));
                OUT.flush();
                g.release();
            }
        }
    }

    // ----- xor

    private static void xor(BenchSystem system, Args args) {
        long seed = args.getLong("seed", 42);
        int rounds = args.getInt("rounds", 7, 1);
        try (XorContender x = system.xor(XorSpec.standard(seed))) {
            ERR.println(system.name() + ": " + x.engine());
            double before = x.loss();
            double[] ns = Timing.nanosPerOp(x::steps, 3_000_000_000L, 500_000_000L, rounds);
            double after = x.loss();
            double us = Stats.median(ns) / 1000;
            ERR.printf(Locale.ROOT, "%s: %.1f µs per step (loss %.4f -> %.4f)%n", system.name(), us, before, after);
            if (!(after < before)) {
                throw new IllegalStateException(system.name() + ": the XOR loss did not fall (" + before + " -> "
                        + after + "); the steps do not train");
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("system", system.name());
            r.put("us_per_step", us);
            r.put("loss_before", before);
            r.put("loss_after", after);
            r.put("engine", x.engine());
            OUT.println(ResultLine.format(r));
            OUT.flush();
        }
    }

    // ----- predictor

    /** Per client count: one result line with the median predictions/s of the rounds. */
    private static void predictor(BenchSystem system, Args args) {
        if (!(system instanceof GliaSystem glia)) {
            throw new IllegalArgumentException(
                    system.name() + " has no Predictor; the predictor benchmark is Glia's only");
        }
        long seed = args.getLong("seed", 42);
        int rounds = args.getInt("rounds", 5, 1);
        int processors = Runtime.getRuntime().availableProcessors();
        try (GliaPredictor bench = new GliaPredictor(glia.backend(), seed)) {
            String engine = bench.engine();
            ERR.println(system.name() + ": " + engine);
            long warmup = PredictorCommand.FIRST_WARMUP_NANOS;
            for (int[] config : PredictorCommand.configurations(
                    PredictorCommand.parseClients(args.get("clients", PredictorCommand.DEFAULT_CLIENTS)), processors)) {
                double[] perSecond = bench.measure(config[0], config[1], warmup, 1_000_000_000L, rounds, ERR);
                warmup = PredictorCommand.WARMUP_NANOS;
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("system", system.name());
                r.put("clients", config[0]);
                r.put("replicas", config[1]);
                r.put("predictions_per_s", Stats.median(perSecond));
                r.put("rounds", join(perSecond));
                r.put("engine", engine);
                OUT.println(ResultLine.format(r));
                OUT.flush();
            }
        }
    }

    private static String join(double[] values) {
        List<String> s = new ArrayList<>();
        for (double v : values) {
            s.add(String.format(Locale.ROOT, "%.4f", v));
        }
        return s.stream().collect(Collectors.joining(" "));
    }
}
