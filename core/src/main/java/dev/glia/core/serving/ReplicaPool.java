package dev.glia.core.serving;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicas of a {@link Predictor}: a call borrows an idle one, makes a new one while there are fewer than the
 * limit, or waits; it gives the replica back when done. The most recently returned replica is lent first, so a
 * lightly loaded pool keeps using the replicas whose memory is warm.
 *
 * <p>Replicas are made outside the pool's lock, one at a time (the factory need not be thread-safe), while other
 * calls go on with the replicas that exist. A factory failure reaches the call that needed the replica; when other
 * replicas exist the pool stops growing (logged once per failure), so a backend that cannot be created again does not
 * fail call after call.
 *
 * <p>{@link #close()} fails waiting and later calls with an {@link IllegalStateException}, closes the idle replicas,
 * and waits until every call in flight has returned its replica, which that call then closes: no replica is ever
 * closed while a thread uses it.
 */
final class ReplicaPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaPool.class);

    private final String model;
    private final Supplier<Replica> factory;
    private final Object factoryLock = new Object();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Replica> idle = new ArrayDeque<>();
    private final List<Replica> all = new ArrayList<>();
    private int limit;
    private int creating;
    private boolean closed;

    /**
     * A pool over {@code initial} (already made) that grows up to {@code limit} replicas with {@code factory}.
     * {@code model} names the model in messages.
     */
    ReplicaPool(String model, List<Replica> initial, int limit, Supplier<Replica> factory) {
        this.model = model;
        this.factory = factory;
        this.limit = limit;
        all.addAll(initial);
        idle.addAll(initial);
    }

    /** Runs {@code work} on a borrowed replica and gives it back, also when {@code work} throws. */
    <T> T call(Function<Replica, T> work) {
        Replica replica = acquire();
        try {
            return work.apply(replica);
        } finally {
            release(replica);
        }
    }

    /** The most replicas this pool makes. */
    int limit() {
        lock.lock();
        try {
            return limit;
        } finally {
            lock.unlock();
        }
    }

    private Replica acquire() {
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw closedException();
                }
                Replica replica = idle.pollLast();
                if (replica != null) {
                    return replica;
                }
                if (all.size() + creating < limit) {
                    creating++;
                    break;
                }
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    CancellationException c =
                            new CancellationException("Interrupted while waiting for a free replica of " + model
                                    + " (all " + all.size() + " are busy)");
                    c.initCause(e);
                    throw c;
                }
            }
        } finally {
            lock.unlock();
        }
        return create();
    }

    /** Makes a replica for the caller, which has counted itself in {@link #creating}. */
    private Replica create() {
        Replica replica;
        try {
            synchronized (factoryLock) {
                replica = factory.get();
            }
        } catch (RuntimeException | Error e) {
            lock.lock();
            try {
                creating--;
                if (!all.isEmpty() && limit > all.size() + creating) {
                    limit = all.size() + creating;
                    LOG.warn(
                            "Could not create another replica of {} ({}); serving with at most {}",
                            model,
                            e.toString(),
                            limit);
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            throw e;
        }
        lock.lock();
        try {
            if (!closed) {
                creating--;
                all.add(replica);
                return replica;
            }
        } finally {
            lock.unlock();
        }
        IllegalStateException closedMeanwhile = closedException();
        try {
            replica.close();
        } catch (RuntimeException | Error e) {
            closedMeanwhile.addSuppressed(e);
        } finally {
            lock.lock();
            try {
                creating--;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
        throw closedMeanwhile;
    }

    private void release(Replica replica) {
        lock.lock();
        try {
            if (!closed) {
                idle.addLast(replica);
                changed.signal();
                return;
            }
        } finally {
            lock.unlock();
        }
        try {
            replica.close();
        } catch (RuntimeException | Error e) {
            LOG.warn("Closing a replica of {} failed", model, e);
        } finally {
            lock.lock();
            try {
                all.remove(replica);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Fails waiting and later calls, closes the idle replicas, then waits for the calls in flight, each of which
     * closes its replica as it returns. If the waiting thread is interrupted it stops waiting (keeping its interrupt
     * status) and the calls still in flight close their replicas later. Idempotent.
     */
    @Override
    public void close() {
        List<Replica> now;
        lock.lock();
        try {
            if (closed) {
                now = List.of();
            } else {
                closed = true;
                now = new ArrayList<>(idle);
                idle.clear();
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        RuntimeException failure = null;
        for (Replica replica : now) {
            try {
                replica.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            } finally {
                lock.lock();
                try {
                    all.remove(replica);
                } finally {
                    lock.unlock();
                }
            }
        }
        awaitInFlight();
        if (failure != null) {
            throw failure;
        }
    }

    private void awaitInFlight() {
        lock.lock();
        try {
            while (!all.isEmpty() || creating > 0) {
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    LOG.warn(
                            "Interrupted while closing {}: {} calls still in flight will close their replicas",
                            model,
                            all.size() + creating);
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private IllegalStateException closedException() {
        return new IllegalStateException(
                "The predictor for " + model + " was closed; create a new one to predict" + " again");
    }
}
