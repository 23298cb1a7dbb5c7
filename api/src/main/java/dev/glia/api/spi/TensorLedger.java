package dev.glia.api.spi;

/**
 * Counts a backend's live tensors and bytes, for {@link dev.glia.api.Backend#liveTensors()} and
 * {@link dev.glia.api.Backend#liveBytes()}. Backends are single-threaded, but tensors may be closed
 * from a cleaner thread, so the counts are synchronised.
 */
public final class TensorLedger {
    private long tensors;
    private long bytes;

    /** Records an allocation. */
    public synchronized void allocated(long size) {
        tensors++;
        bytes += size;
    }

    /** Records a release. */
    public synchronized void released(long size) {
        tensors--;
        bytes -= size;
    }

    /** Tensors allocated and not released. */
    public synchronized long liveTensors() {
        return tensors;
    }

    /** Bytes allocated and not released. */
    public synchronized long liveBytes() {
        return bytes;
    }
}
