package dev.glia.testkit.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.Tensor;
import dev.glia.core.Network;
import dev.glia.core.io.ModelFile;
import dev.glia.core.serving.Predictor;
import dev.glia.testkit.ForwardingBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The concurrent load test of {@link Predictor}, on the backend a subclass creates: {@link #threads()} threads each
 * make {@link #predictionsPerThread()} single-sample predictions through one predictor loaded from a model file, each
 * thread walking all samples from its own offset, and every result must equal, bit for bit, what one network on one
 * thread computed for the same sample; no call may throw and the replicas' live tensors must not grow. Then batches of
 * 7 are checked the same way, and closing the predictor must leave every backend it made closed with nothing live. This module's tests run it, shortened, on the reference
 * backend; every backend module subclasses it.
 */
public abstract class PredictorLoadSuite {
    private static final int INPUTS = 24;
    private static final int OUTPUTS = 5;
    private static final int BATCH = 7;
    private static final int BATCH_EVERY = 250;

    @TempDir
    Path dir;

    /** For subclasses. */
    protected PredictorLoadSuite() {}

    /** A new backend of the kind under test; the suite closes it. */
    protected abstract Backend createBackend();

    /** Client threads. */
    protected int threads() {
        return 8;
    }

    /** Replicas in the pool: one per client thread unless a backend needs fewer. */
    protected int replicas() {
        return threads();
    }

    /** Single-sample predictions per thread; also the number of distinct samples. */
    protected int predictionsPerThread() {
        return 20_000;
    }

    /** Counts the threads inside a matrix product at once, and what was live when the predictor closed it. */
    private static final class Tracked extends ForwardingBackend {
        static final AtomicInteger INSIDE = new AtomicInteger();
        static final AtomicInteger MOST_INSIDE = new AtomicInteger();
        volatile long liveAtClose = -1;

        Tracked(Backend inner) {
            super(inner);
        }

        @Override
        public void gemm(boolean ta, boolean tb, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
            MOST_INSIDE.accumulateAndGet(INSIDE.incrementAndGet(), Math::max);
            try {
                super.gemm(ta, tb, alpha, a, b, beta, c);
            } finally {
                INSIDE.decrementAndGet();
            }
        }

        @Override
        public void close() {
            liveAtClose = inner.liveTensors();
            super.close();
        }
    }

    /** Concurrent single-sample and batched predictions equal sequential ones bit for bit, and nothing leaks. */
    @Test
    public void concurrentPredictionsEqualSequentialOnesExactly() throws Exception {
        Path file = dir.resolve("model.safetensors");
        try (Backend backend = createBackend();
                Network net = Network.builder(backend)
                        .seed(5)
                        .input(INPUTS)
                        .dense(32, "relu")
                        .dense(16, "tanh")
                        .dense(OUTPUTS, "softmax")
                        .build()) {
            ModelFile.save(net, file);
        }
        int n = predictionsPerThread();
        float[][] samples = samples(n);
        int batches = n / BATCH;
        float[][] expected = new float[n][];
        float[][][] expectedBatches = new float[batches][][];
        try (Backend backend = createBackend();
                Network net = ModelFile.load(file, backend)) {
            for (int i = 0; i < n; i++) {
                expected[i] = net.predict(new float[][] {samples[i]})[0];
            }
            for (int j = 0; j < batches; j++) {
                expectedBatches[j] = net.predict(Arrays.copyOfRange(samples, j * BATCH, (j + 1) * BATCH));
            }
        }

        List<Tracked> made = Collections.synchronizedList(new ArrayList<>());
        Tracked.MOST_INSIDE.set(0);
        ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
        AtomicInteger calls = new AtomicInteger();
        int threads = threads();
        int replicas = replicas();
        try (Predictor predictor = Predictor.fromFile(file)
                .backends(() -> {
                    Tracked t = new Tracked(createBackend());
                    made.add(t);
                    return t;
                })
                .replicas(replicas)
                .eager()
                .build()) {
            assertEquals(replicas, made.size(), "eager() makes every replica in build()");
            long liveBefore = live(made);
            List<Throwable> failures = runConcurrently(
                    threads,
                    (t, k) -> {
                        int i = (int) ((k + (long) t * n / threads) % n);
                        float[] got = predictor.predict(samples[i]);
                        calls.incrementAndGet();
                        if (!Arrays.equals(expected[i], got) && mismatches.size() < 5) {
                            mismatches.add("sample " + i + ": " + Arrays.toString(got) + " instead of "
                                    + Arrays.toString(expected[i]));
                        }
                    },
                    n);
            assertEquals(List.of(), failures, "no call may throw");
            assertEquals(List.of(), List.copyOf(mismatches), "every concurrent result equals the sequential one");
            assertEquals(threads * n, calls.get());
            assertEquals(liveBefore, live(made), "live tensors over all replicas' backends stay flat");
            assertEquals(replicas, made.size(), "no replica beyond the limit");

            // Batches (which each replica's network caches buffers for, by batch size) agree too.
            failures = runConcurrently(
                    threads,
                    (t, k) -> {
                        int j = (k * threads + t) % batches;
                        float[][] got = predictor.predict(Arrays.copyOfRange(samples, j * BATCH, (j + 1) * BATCH));
                        if (!Arrays.deepEquals(expectedBatches[j], got) && mismatches.size() < 5) {
                            mismatches.add("batch " + j + " differs");
                        }
                    },
                    n / BATCH_EVERY);
            assertEquals(List.of(), failures, "no batched call may throw");
            assertEquals(List.of(), List.copyOf(mismatches), "every concurrent batch equals the sequential one");
            assertTrue(
                    replicas == 1 || Tracked.MOST_INSIDE.get() >= 2,
                    "calls ran concurrently on several replicas (most at once: " + Tracked.MOST_INSIDE.get() + ")");
        }
        for (Tracked t : made) {
            assertEquals(0, t.liveAtClose, "close() closes each replica's network before its backend");
        }
    }

    /** What thread {@code t} does for its {@code k}-th call. */
    private interface Call {
        void run(int t, int k);
    }

    /** Runs {@code calls} calls on each of {@code threads} threads, started together; returns what they threw. */
    private static List<Throwable> runConcurrently(int threads, Call call, int calls) throws InterruptedException {
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(
                    () -> {
                        try {
                            start.await();
                            for (int k = 0; k < calls; k++) {
                                call.run(thread, k);
                            }
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    },
                    "predictor-load-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return List.copyOf(failures);
    }

    private static long live(List<Tracked> backends) {
        synchronized (backends) {
            return backends.stream().mapToLong(Backend::liveTensors).sum();
        }
    }

    private static float[][] samples(int n) {
        SplittableRandom random = new SplittableRandom(17);
        float[][] out = new float[n][INPUTS];
        for (float[] row : out) {
            for (int c = 0; c < INPUTS; c++) {
                row[c] = (float) random.nextDouble(-2, 2);
            }
        }
        return out;
    }
}
