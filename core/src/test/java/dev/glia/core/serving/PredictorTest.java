package dev.glia.core.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.core.Dataset;
import dev.glia.core.Network;
import dev.glia.core.TrainingOptions;
import dev.glia.core.io.ModelFile;
import dev.glia.core.io.ModelFileException;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import dev.glia.testkit.ForwardingBackend;
import dev.glia.testkit.ReferenceBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link Predictor} promises besides the load test: widths, closing, failing factories, the serialized form. */
class PredictorTest {
    private static final float[] SAMPLE = {0.5f, -1, 2};

    @TempDir
    Path dir;

    /**
     * A reference backend that can hold a thread inside its next matrix product until released, and remembers
     * whether it was closed and what was live then.
     */
    private static final class Gate extends ForwardingBackend {
        volatile CountDownLatch entered;
        volatile CountDownLatch release;
        volatile int allocationsLeft = Integer.MAX_VALUE;
        volatile long liveAtClose = -1;

        Gate() {
            super(new ReferenceBackend());
        }

        /** The next product waits for {@link #open()}; returns the latch that tells when a thread arrived there. */
        CountDownLatch hold() {
            entered = new CountDownLatch(1);
            release = new CountDownLatch(1);
            return entered;
        }

        void open() {
            release.countDown();
        }

        @Override
        public void gemm(boolean ta, boolean tb, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
            CountDownLatch in = entered;
            if (in != null && in.getCount() > 0) {
                in.countDown();
                try {
                    assertTrue(release.await(10, TimeUnit.SECONDS), "the test released the product");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            super.gemm(ta, tb, alpha, a, b, beta, c);
        }

        @Override
        public Tensor allocate(Shape shape, DType dtype) {
            if (allocationsLeft-- <= 0) {
                throw new IllegalStateException("out of device memory (test)");
            }
            return super.allocate(shape, dtype);
        }

        @Override
        public void close() {
            liveAtClose = inner.liveTensors();
            super.close();
        }
    }

    /** Hands out Gates and keeps them; {@code failFrom} makes the n-th and later calls throw (0: never). */
    private static class Gates implements Supplier<Backend> {
        final List<Gate> made = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger calls = new AtomicInteger();
        volatile int failFrom;

        @Override
        public Backend get() {
            int call = calls.incrementAndGet();
            if (failFrom > 0 && call >= failFrom) {
                throw new IllegalStateException("no device left (test)");
            }
            Gate g = new Gate();
            made.add(g);
            return g;
        }

        void assertAllClosedEmpty() {
            for (Gate g : made) {
                assertEquals(0, g.liveAtClose, "every backend was closed with nothing live");
            }
        }
    }

    private static Network network(Backend backend) {
        return Network.builder(backend)
                .seed(3)
                .input(3)
                .dense(4, "tanh")
                .dense(2, "softmax")
                .build();
    }

    private Path saved() {
        Path file = dir.resolve("m.safetensors");
        try (Backend b = new ReferenceBackend();
                Network net = network(b)) {
            ModelFile.save(net, file);
        }
        return file;
    }

    private static float[] expected(Path file) {
        try (Backend b = new ReferenceBackend();
                Network net = ModelFile.load(file, b)) {
            return net.predict(new float[][] {SAMPLE})[0];
        }
    }

    @Test
    void predictsWhatTheNetworkPredictsAndKeepsItsOwnCopy() {
        try (Backend backend = new ReferenceBackend();
                Network net = network(backend)) {
            float[][] batch = {SAMPLE, {0, 0, 0}, {1, 1, 1}};
            float[][] before = net.predict(batch);
            try (Predictor p = Predictor.fromNetwork(net).replicas(2).build()) {
                assertEquals(3, p.inputWidth());
                assertEquals(2, p.outputWidth());
                assertEquals(2, p.replicas());
                assertArrayEquals(before[0], p.predict(SAMPLE));
                assertArrayEquals(before, p.predict(batch));
                assertEquals(0, p.predict(new float[0][]).length);
                net.fit(
                        Dataset.of(batch, new float[][] {{1, 0}, {0, 1}, {1, 0}}),
                        TrainingOptions.builder()
                                .loss(Losses.softmaxCrossEntropy())
                                .optimizer(Optimizers.sgd(0.5))
                                .epochs(5)
                                .batchSize(3)
                                .build());
                assertFalse(java.util.Arrays.equals(before[0], net.predict(batch)[0]), "training changed the network");
                assertArrayEquals(before, p.predict(batch), "but not the predictor's copy");
            }
        }
    }

    @Test
    void servesANetworkWhoseSamplesAreImages() {
        // input [1, 1, 3] then flatten: a single-sample prediction is a [1, 1, 1, 3] batch, not [1, 3]
        try (Backend backend = new ReferenceBackend();
                Network net = Network.builder(backend)
                        .seed(3)
                        .input(Shape.of(1, 1, 3))
                        .add(dev.glia.core.Layers.flatten())
                        .dense(2, "softmax")
                        .build();
                Predictor p = Predictor.serialized(net)) {
            assertArrayEquals(net.predict(new float[][] {SAMPLE})[0], p.predict(SAMPLE));
        }
    }

    @Test
    void aWrongWidthNamesBothWidths() {
        Gates gates = new Gates();
        try (Predictor p = Predictor.fromFile(saved()).backends(gates).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.predict(new float[2]));
            assertTrue(e.getMessage().contains("expects 3 inputs per sample, but the sample has 2"), e.getMessage());
            assertTrue(e.getMessage().contains("m.safetensors"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> p.predict(new float[][] {SAMPLE, new float[4]}));
            assertTrue(
                    e.getMessage().contains("expects 3 inputs per sample, but row 1 of the batch has 4"),
                    e.getMessage());
        }
        gates.assertAllClosedEmpty();
    }

    @Test
    void aCallAfterCloseFailsClearlyAndCloseIsIdempotent() {
        Gates gates = new Gates();
        Predictor p =
                Predictor.fromFile(saved()).backends(gates).replicas(3).eager().build();
        assertEquals(3, gates.made.size());
        p.close();
        p.close();
        gates.assertAllClosedEmpty();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.predict(SAMPLE));
        assertTrue(e.getMessage().contains("was closed; create a new one"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> p.predict(new float[][] {SAMPLE}));
    }

    @Test
    void replicasAreMadeOnDemandUpToTheLimit() throws Exception {
        Path file = saved();
        Gates gates = new Gates();
        try (Predictor p = Predictor.fromFile(file).backends(gates).replicas(2).build()) {
            assertEquals(1, gates.made.size(), "build() makes the first replica only");
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(expected(file), p.predict(SAMPLE));
            }
            assertEquals(1, gates.made.size(), "one thread at a time needs one replica");
            Gate first = gates.made.get(0);
            CountDownLatch inside = first.hold();
            AtomicReference<float[]> held = new AtomicReference<>();
            Thread a = new Thread(() -> held.set(p.predict(SAMPLE)));
            a.start();
            assertTrue(inside.await(10, TimeUnit.SECONDS));
            assertArrayEquals(expected(file), p.predict(SAMPLE), "a second replica serves while the first is busy");
            assertEquals(2, gates.made.size());
            first.open();
            a.join();
            assertArrayEquals(expected(file), held.get());
        }
        gates.assertAllClosedEmpty();
    }

    @Test
    void closeWaitsForTheCallInFlightAndFailsTheWaitingOnes() throws Exception {
        Path file = saved();
        Gates gates = new Gates();
        Predictor p = Predictor.fromFile(file).backends(gates).replicas(1).build();
        Gate only = gates.made.get(0);
        CountDownLatch inside = only.hold();
        AtomicReference<Object> inFlight = new AtomicReference<>();
        AtomicReference<Throwable> waiting = new AtomicReference<>();
        Thread a = new Thread(() -> inFlight.set(p.predict(SAMPLE)));
        a.start();
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        Thread b = new Thread(() -> {
            try {
                p.predict(SAMPLE);
            } catch (Throwable e) {
                waiting.set(e);
            }
        });
        b.start();
        awaitState(b, Thread.State.WAITING);
        Thread closer = new Thread(p::close);
        closer.start();
        b.join(10_000);
        assertInstanceOf(IllegalStateException.class, waiting.get(), "a waiting call fails when the predictor closes");
        assertThrows(IllegalStateException.class, () -> p.predict(SAMPLE));
        closer.join(200);
        assertTrue(closer.isAlive(), "close() waits for the call in flight");
        assertEquals(-1, only.liveAtClose, "the busy replica's backend is still open");
        only.open();
        closer.join(10_000);
        a.join(10_000);
        assertFalse(closer.isAlive());
        assertArrayEquals(expected(file), (float[]) inFlight.get(), "the call in flight completes normally");
        gates.assertAllClosedEmpty();
    }

    @Test
    void anInterruptedWaitIsCancelledAndKeepsTheInterrupt() throws Exception {
        Gates gates = new Gates();
        try (Predictor p =
                Predictor.fromFile(saved()).backends(gates).replicas(1).build()) {
            Gate only = gates.made.get(0);
            CountDownLatch inside = only.hold();
            Thread a = new Thread(() -> p.predict(SAMPLE));
            a.start();
            assertTrue(inside.await(10, TimeUnit.SECONDS));
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicReference<Boolean> interrupted = new AtomicReference<>();
            Thread b = new Thread(() -> {
                try {
                    p.predict(SAMPLE);
                } catch (Throwable e) {
                    failure.set(e);
                    interrupted.set(Thread.currentThread().isInterrupted());
                }
            });
            b.start();
            awaitState(b, Thread.State.WAITING);
            b.interrupt();
            b.join(10_000);
            assertInstanceOf(CancellationException.class, failure.get());
            assertTrue(
                    failure.get().getMessage().contains("waiting for a free replica"),
                    failure.get().getMessage());
            assertTrue(interrupted.get());
            only.open();
            a.join(10_000);
        }
        gates.assertAllClosedEmpty();
    }

    @Test
    void aFailingFactoryInBuildReachesTheCaller() {
        Path file = saved();
        Gates failing = new Gates();
        failing.failFrom = 1;
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> Predictor.fromFile(file).backends(failing).build());
        assertEquals("no device left (test)", e.getMessage());

        Gates third = new Gates();
        third.failFrom = 3;
        assertThrows(
                IllegalStateException.class,
                () -> Predictor.fromFile(file)
                        .backends(third)
                        .replicas(4)
                        .eager()
                        .build());
        assertEquals(2, third.made.size());
        third.assertAllClosedEmpty();

        e = assertThrows(
                IllegalStateException.class,
                () -> Predictor.fromFile(file).backends(() -> null).build());
        assertTrue(e.getMessage().contains("backend factory returned null"), e.getMessage());
    }

    @Test
    void aModelThatCannotBeLoadedClosesTheBackend() {
        Gates gates = new Gates();
        ModelFileException missing = assertThrows(
                ModelFileException.class,
                () -> Predictor.fromFile(dir.resolve("absent.safetensors"))
                        .backends(gates)
                        .build());
        assertTrue(missing.getMessage().contains("absent.safetensors"), missing.getMessage());
        assertEquals(1, gates.made.size());
        assertTrue(gates.made.get(0).liveAtClose >= 0, "the backend was closed");

        Gates tight = new Gates() {
            @Override
            public Backend get() {
                Gate g = (Gate) super.get();
                g.allocationsLeft = 3;
                return g;
            }
        };
        assertThrows(
                IllegalStateException.class,
                () -> Predictor.fromFile(saved()).backends(tight).build());
        assertTrue(tight.made.get(0).liveAtClose >= 0, "the backend was closed");
    }

    @Test
    void aFactoryFailureOnDemandReachesThatCallAndThePredictorKeepsServing() throws Exception {
        Path file = saved();
        Gates gates = new Gates();
        gates.failFrom = 2;
        try (Predictor p = Predictor.fromFile(file).backends(gates).replicas(4).build()) {
            Gate first = gates.made.get(0);
            CountDownLatch inside = first.hold();
            Thread a = new Thread(() -> p.predict(SAMPLE));
            a.start();
            assertTrue(inside.await(10, TimeUnit.SECONDS));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.predict(SAMPLE));
            assertEquals("no device left (test)", e.getMessage());
            assertEquals(1, p.replicas(), "the predictor stops growing");
            first.open();
            a.join(10_000);
            assertArrayEquals(expected(file), p.predict(SAMPLE), "and serves with the replica it has");
            assertEquals(2, gates.calls.get());
        }
        gates.assertAllClosedEmpty();
    }

    @Test
    void aSerializedPredictorSharesTheNetworkAndLeavesItOpen() throws Exception {
        try (Backend backend = new ReferenceBackend()) {
            long before = backend.liveTensors();
            try (Network net = network(backend)) {
                float[] want = net.predict(new float[][] {SAMPLE})[0];
                Predictor p = Predictor.serialized(net);
                assertEquals(1, p.replicas());
                List<Thread> threads = new ArrayList<>();
                AtomicInteger wrong = new AtomicInteger();
                for (int t = 0; t < 4; t++) {
                    Thread th = new Thread(() -> {
                        for (int i = 0; i < 500; i++) {
                            if (!java.util.Arrays.equals(want, p.predict(SAMPLE))) {
                                wrong.incrementAndGet();
                            }
                        }
                    });
                    threads.add(th);
                    th.start();
                }
                for (Thread th : threads) {
                    th.join();
                }
                assertEquals(0, wrong.get());
                p.close();
                assertThrows(IllegalStateException.class, () -> p.predict(SAMPLE));
                assertArrayEquals(want, net.predict(new float[][] {SAMPLE})[0], "the network is still open");
            }
            assertEquals(before, backend.liveTensors(), "the predictor freed what it allocated");
        }
    }

    @Test
    void theReplicaCountIsChecked() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Predictor.fromFile(dir.resolve("x")).replicas(0));
        assertEquals("A predictor needs at least 1 replica, got 0", e.getMessage());
    }

    private static void awaitState(Thread t, Thread.State state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != state) {
            assertTrue(System.nanoTime() < deadline, "thread " + t.getName() + " reached " + state);
            Thread.sleep(5);
        }
    }
}
