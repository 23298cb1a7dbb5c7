package dev.glia.benchmarks.glia;

import dev.glia.api.Backend;
import dev.glia.core.Network;
import dev.glia.core.io.ModelFile;
import dev.glia.core.serving.Predictor;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Serving throughput of one Glia backend: single-sample predictions per second through a {@link Predictor} of the
 * Fashion-MNIST MLP (784-256-128-10, relu, relu, softmax; seeded random weights, saved to a model file and loaded
 * as a service would), asked by a number of client threads at once. Every answer is checked against the one a
 * single network computed for the same sample on one thread, so a fast but wrong pool fails the benchmark.
 */
public final class GliaPredictor implements AutoCloseable {
    /** Distinct samples the clients cycle through. */
    static final int SAMPLES = 1000;

    private final String backend;
    private final Path dir;
    private final Path file;
    private final float[][] samples;
    private final float[][] expected;

    /** Saves the seeded MLP for {@code backend} and computes the expected outputs on one network, one thread. */
    public GliaPredictor(String backend, long seed) {
        this.backend = backend;
        try {
            this.dir = Files.createTempDirectory("glia-predictor-bench");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder for the model file", e);
        }
        this.file = dir.resolve("mlp.safetensors");
        try (Backend b = GliaBackends.open(backend);
                Network net = Network.builder(b)
                        .seed(seed)
                        .input(784)
                        .dense(256, "relu")
                        .dense(128, "relu")
                        .dense(10, "softmax")
                        .build()) {
            ModelFile.save(net, file);
        }
        SplittableRandom random = new SplittableRandom(seed);
        samples = new float[SAMPLES][784];
        for (float[] s : samples) {
            for (int i = 0; i < s.length; i++) {
                s[i] = (float) random.nextDouble();
            }
        }
        expected = new float[SAMPLES][];
        try (Backend b = GliaBackends.open(backend);
                Network net = ModelFile.load(file, b)) {
            for (int i = 0; i < SAMPLES; i++) {
                expected[i] = net.predict(new float[][] {samples[i]})[0];
            }
        }
    }

    /** One line naming the backend as it describes itself. */
    public String engine() {
        try (Backend b = GliaBackends.open(backend)) {
            return b.description();
        }
    }

    /**
     * Predictions per second in each of {@code rounds} rounds of {@code roundNanos}, after {@code warmupNanos} of
     * the same load, with {@code clients} threads calling one predictor of {@code replicas} replicas (all made
     * before the clock starts).
     */
    public double[] measure(int clients, int replicas, long warmupNanos, long roundNanos, int rounds, PrintStream log) {
        try (Predictor predictor = Predictor.fromFile(file)
                .backends(() -> GliaBackends.open(backend))
                .replicas(replicas)
                .eager()
                .build()) {
            round(predictor, clients, warmupNanos);
            double[] out = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                out[r] = round(predictor, clients, roundNanos);
                log.printf(
                        Locale.ROOT,
                        "glia-%s: %d clients, %d replicas, round %d: %,.0f predictions/s%n",
                        backend,
                        clients,
                        replicas,
                        r + 1,
                        out[r]);
            }
            return out;
        }
    }

    /** Predictions per second of {@code clients} threads started together and stopped after {@code nanos}. */
    private double round(Predictor predictor, int clients, long nanos) {
        LongAdder calls = new LongAdder();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CyclicBarrier start = new CyclicBarrier(clients + 1);
        long[] window = new long[2];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int first = c * SAMPLES / clients;
            Thread t = new Thread(
                    () -> {
                        try {
                            start.await();
                            long deadline = window[0] + nanos;
                            int i = first;
                            long n = 0;
                            do {
                                float[] got = predictor.predict(samples[i]);
                                if (!Arrays.equals(expected[i], got)) {
                                    throw new IllegalStateException(
                                            "glia-" + backend + " predicted " + Arrays.toString(got)
                                                    + " for sample " + i + " under load; one thread predicted "
                                                    + Arrays.toString(expected[i]));
                                }
                                i = i + 1 == SAMPLES ? 0 : i + 1;
                                n++;
                            } while (System.nanoTime() < deadline);
                            calls.add(n);
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    },
                    "predictor-client-" + c);
            threads.add(t);
            t.start();
        }
        try {
            window[0] = System.nanoTime();
            start.await();
            for (Thread t : threads) {
                t.join();
            }
        } catch (Exception e) {
            throw new IllegalStateException("The benchmark's client threads were interrupted", e);
        }
        window[1] = System.nanoTime();
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get().getMessage(), failure.get());
        }
        return calls.sum() / ((window[1] - window[0]) / 1e9);
    }

    /** Deletes the model file. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file, e);
        }
    }
}
