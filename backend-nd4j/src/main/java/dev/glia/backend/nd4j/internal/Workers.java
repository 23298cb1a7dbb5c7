package dev.glia.backend.nd4j.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * The helper threads of one backend, for the few operations big enough to split: a job is cut into parts,
 * part 0 runs on the calling thread and parts 1… on helpers, and {@link #run} returns when all are done.
 *
 * <p>The hand-over is built for jobs of tens of microseconds to a few milliseconds, where an executor's
 * queueing and wake-up would cost as much as the work: a helper that finished a part spins (with
 * {@link Thread#onSpinWait()}) for {@link #SPIN_NANOS} before it parks, so the next part of a training step
 * reaches it without a wake-up; the caller spins while it waits for the helpers and yields the processor
 * after a while. Helpers are daemon threads and stop when the backend closes.
 */
final class Workers implements AutoCloseable {
    /** How long an idle helper spins before it parks: a training step's gaps between products are shorter. */
    static final long SPIN_NANOS = 100_000;
    /** How long the caller spins on unfinished helpers before it starts yielding. */
    private static final long WAIT_SPIN_NANOS = 200_000;

    /** A job cut into parts; {@code run(part, worker)} runs one of them on the worker numbered {@code worker}. */
    interface Job {
        void run(int part, int worker);
    }

    private final Helper[] helpers;

    /** {@code threads - 1} helpers (none for one thread); {@code name} prefixes their thread names. */
    Workers(int threads, String name) {
        helpers = new Helper[Math.max(0, threads - 1)];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = new Helper(i + 1, name + "-" + (i + 1));
        }
    }

    /** The threads a job may use: the caller and the helpers. */
    int threads() {
        return helpers.length + 1;
    }

    /**
     * Runs parts {@code 0 … parts-1} of {@code job}, at most {@link #threads()} of them: part 0 on this
     * thread (as worker 0), part {@code p} on helper {@code p}. Rethrows the first failure of any part.
     */
    void run(Job job, int parts) {
        if (parts > threads()) {
            throw new IllegalArgumentException(parts + " parts but only " + threads() + " threads");
        }
        for (int p = 1; p < parts; p++) {
            helpers[p - 1].post(job, p);
        }
        Throwable failure = null;
        try {
            job.run(0, 0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (int p = 1; p < parts; p++) {
            Throwable t = helpers[p - 1].await();
            if (failure == null) {
                failure = t;
            }
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        } else if (failure instanceof Error e) {
            throw e;
        }
    }

    /** Stops the helpers and waits for them. Idempotent. */
    @Override
    public void close() {
        for (Helper h : helpers) {
            h.stop();
        }
    }

    /** One helper thread and its hand-over slots. */
    private static final class Helper implements Runnable {
        private final int worker;
        private final Thread thread;
        private Job job;
        private int part;
        private Throwable failure;
        /** Parts posted; written by the caller after the job fields, so a helper that sees it sees them. */
        private volatile long posted;
        /** Parts finished; written by the helper after the part's effects. */
        private volatile long finished;
        private volatile boolean stopping;

        Helper(int worker, String name) {
            this.worker = worker;
            this.thread = new Thread(this, name);
            thread.setDaemon(true);
            thread.start();
        }

        void post(Job j, int p) {
            job = j;
            part = p;
            failure = null;
            posted = posted + 1;
            LockSupport.unpark(thread);
        }

        Throwable await() {
            long target = posted;
            long start = System.nanoTime();
            while (finished != target) {
                if (System.nanoTime() - start < WAIT_SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            Throwable t = failure;
            job = null;
            return t;
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
            long done = 0;
            while (!stopping) {
                long idleSince = System.nanoTime();
                while (posted == done && !stopping) {
                    if (System.nanoTime() - idleSince < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
                if (stopping) {
                    return;
                }
                try {
                    job.run(part, worker);
                } catch (Throwable t) { // handed to the caller, which rethrows it
                    failure = t;
                }
                done = posted;
                finished = done;
            }
        }
    }
}
