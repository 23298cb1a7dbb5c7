package dev.glia.backend.nd4j.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The helper threads of one backend, for the few operations big enough to split: a job is cut into parts,
 * and the calling thread and the helpers take parts until none is left; {@link #run} returns when all are
 * done.
 *
 * <p><b>Whoever is free takes the next part.</b> Parts are not assigned to threads: each is claimed from one
 * atomic counter, by the caller as much as by the helpers. So a helper that the operating system has not
 * scheduled yet (its core busy with another process, or both threads queued on one core) does not hold the
 * caller up: the caller runs the parts nobody took, and a split job costs about what it would cost on one
 * thread. Without that, a job waited for a late helper, and on this 2-core machine a split product took twice
 * as long as an unsplit one in the middle of training.
 *
 * <p>The hand-over is built for jobs of tens of microseconds to a few milliseconds, where an executor's
 * queueing and wake-up would cost as much as the work: an idle helper spins (with {@link Thread#onSpinWait()})
 * for {@link #SPIN_NANOS} before it parks, so the next part of a training step reaches it without a wake-up;
 * the caller spins while it waits for parts still running and yields the processor after a while. Helpers
 * are daemon threads and stop when the backend closes. One thread at a time may call {@link #run}.
 */
final class Workers implements AutoCloseable {
    /** How long an idle helper spins before it parks: a training step's gaps between products are shorter. */
    static final long SPIN_NANOS = 100_000;
    /** How long the caller spins on parts still running before it starts yielding. */
    private static final long WAIT_SPIN_NANOS = 200_000;

    private static final int PART_BITS = 16;
    private static final long PART_MASK = (1L << PART_BITS) - 1;

    /** A job cut into parts; {@code run(part, worker)} runs one of them on the worker numbered {@code worker}. */
    interface Job {
        void run(int part, int worker);
    }

    private final Helper[] helpers;
    /**
     * The current round in one word, so that a part is claimed with one compare-and-set: the round number
     * (upper 32 bits), the number of parts (next 16) and the next unclaimed part (lowest 16).
     */
    private final AtomicLong claims = new AtomicLong();

    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** The round's job: written before the round is published in {@link #claims}, read after a claim. */
    private Job job;

    /** {@code threads - 1} helpers (none for one thread); {@code name} prefixes their thread names. */
    Workers(int threads, String name) {
        this(threads, name, true);
    }

    /** As {@link #Workers(int, String)}; tests leave the helpers unstarted to stand for helpers never scheduled. */
    Workers(int threads, String name, boolean startHelpers) {
        helpers = new Helper[Math.max(0, threads - 1)];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = new Helper(i + 1, name + "-" + (i + 1));
            if (startHelpers) {
                helpers[i].thread.start();
            }
        }
    }

    /** The threads a job may use: the caller and the helpers. */
    int threads() {
        return helpers.length + 1;
    }

    /**
     * Runs parts {@code 0 … parts-1} of {@code job}, each exactly once, on this thread (as worker 0) and on
     * whichever helpers are free (worker {@code i} is always the same thread). At most {@link #threads()}
     * parts. Rethrows the first failure of any part, after every part has ended.
     */
    void run(Job job, int parts) {
        if (parts > threads()) {
            throw new IllegalArgumentException(parts + " parts but only " + threads() + " threads");
        }
        this.job = job;
        failure.set(null);
        finished.set(0);
        long round = (claims.get() >>> 32) + 1;
        claims.set(round << 32 | (long) parts << PART_BITS);
        for (int h = 0; h < parts - 1; h++) {
            helpers[h].wake();
        }
        int part;
        while ((part = claim()) >= 0) {
            runPart(job, part, 0);
        }
        awaitFinished(parts);
        this.job = null;
        Throwable t = failure.getAndSet(null);
        if (t instanceof RuntimeException r) {
            throw r;
        } else if (t instanceof Error e) {
            throw e;
        }
    }

    /**
     * Waits until {@code parts} parts have finished: spinning first, since the parts still running usually end
     * within microseconds, then yielding, so that on a busy machine the helpers get the core.
     */
    // Yielding is the point here: parking would add a wake-up's latency to every product.
    @SuppressWarnings("ThreadPriorityCheck")
    private void awaitFinished(int parts) {
        long start = System.nanoTime();
        while (finished.get() != parts) {
            if (System.nanoTime() - start < WAIT_SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    /**
     * Claims the next part of the current round: its number, or -1 when every part is taken. A successful
     * compare-and-set proves the round had not ended, so {@link #job} read afterwards is that round's.
     */
    private int claim() {
        while (true) {
            long s = claims.get();
            int next = (int) (s & PART_MASK);
            int parts = (int) (s >>> PART_BITS & PART_MASK);
            if (next >= parts) {
                return -1;
            }
            if (claims.compareAndSet(s, s + 1)) {
                return next;
            }
        }
    }

    private void runPart(Job j, int part, int worker) {
        try {
            j.run(part, worker);
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        } finally {
            finished.incrementAndGet();
        }
    }

    /** Stops the helpers and waits for them. Idempotent. */
    @Override
    public void close() {
        for (Helper h : helpers) {
            h.stop();
        }
    }

    /** One helper thread: it takes parts while there are any, then waits for the next round. */
    private final class Helper implements Runnable {
        private final int worker;
        private final Thread thread;
        private volatile boolean stopping;

        Helper(int worker, String name) {
            this.worker = worker;
            this.thread = new Thread(this, name);
            thread.setDaemon(true);
        }

        void wake() {
            LockSupport.unpark(thread);
        }

        void stop() {
            stopping = true;
            LockSupport.unpark(thread);
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            while (!stopping) {
                long seen = claims.get();
                int part = claim();
                if (part >= 0) {
                    runPart(job, part, worker);
                    continue;
                }
                // Nothing to take: wait for the claims word to change (a new round), spinning first. A round
                // published after the check above changes the word; its wake() then makes park return.
                long idleSince = System.nanoTime();
                while (claims.get() == seen && !stopping) {
                    if (System.nanoTime() - idleSince < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
            }
        }
    }
}
