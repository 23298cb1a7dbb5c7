package dev.glia.core.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A layer's buffers for the few batch sizes it saw last (training batches, a short last batch, single-sample
 * predictions), so that steady-state training allocates nothing; the least recently used set is closed when a
 * new batch size needs room.
 */
final class PerBatch<B extends PerBatch.Buffers> implements AutoCloseable {
    /** Batch sizes kept at once. */
    static final int KEPT = 3;

    /** One batch size's buffers. */
    interface Buffers extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<Integer, B> byBatch = new LinkedHashMap<>(4, 0.75f, true);
    private final IntFunction<B> make;

    PerBatch(IntFunction<B> make) {
        this.make = make;
    }

    /** The buffers for {@code batch} samples, made on first use. */
    B get(int batch) {
        B b = byBatch.get(batch);
        if (b == null) {
            if (byBatch.size() >= KEPT) {
                Iterator<B> eldest = byBatch.values().iterator();
                eldest.next().close();
                eldest.remove();
            }
            b = make.apply(batch);
            byBatch.put(batch, b);
        }
        return b;
    }

    @Override
    public void close() {
        byBatch.values().forEach(Buffers::close);
        byBatch.clear();
    }
}
