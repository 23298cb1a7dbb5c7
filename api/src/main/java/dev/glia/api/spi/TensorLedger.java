package dev.glia.api.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A backend's open tensors: it counts them and their bytes for {@link dev.glia.api.Backend#liveTensors()}
 * and {@link dev.glia.api.Backend#liveBytes()}, and closes whatever is left when the backend closes.
 * Every {@link AbstractTensor} enters its ledger when created and leaves it when closed. Backends are
 * single-threaded, but a tensor may be closed from another thread, so the ledger is synchronised.
 */
public final class TensorLedger {
    private final Set<AbstractTensor> open = Collections.newSetFromMap(new IdentityHashMap<>());
    private long bytes;

    /** Records a new tensor. */
    synchronized void allocated(AbstractTensor t) {
        if (open.add(t)) {
            bytes += t.byteSize();
        }
    }

    /** Records a closed tensor. */
    synchronized void released(AbstractTensor t) {
        if (open.remove(t)) {
            bytes -= t.byteSize();
        }
    }

    /** Tensors allocated and not closed. */
    public synchronized long liveTensors() {
        return open.size();
    }

    /** Bytes held by tensors allocated and not closed. */
    public synchronized long liveBytes() {
        return bytes;
    }

    /** A snapshot of the tensors still open. */
    public synchronized List<AbstractTensor> openTensors() {
        return new ArrayList<>(open);
    }

    /** Closes every tensor still open (outside the lock, since closing calls back into the ledger). */
    public void closeAll() {
        openTensors().forEach(AbstractTensor::close);
    }
}
