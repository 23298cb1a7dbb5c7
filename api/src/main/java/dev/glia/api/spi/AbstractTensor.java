package dev.glia.api.spi;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;

/**
 * What every backend's tensor shares: shape, type, owner, the closed flag and its ledger entry.
 * Subclasses free their memory in {@link #release()}.
 */
public abstract class AbstractTensor implements Tensor {
    private final Backend backend;
    private final Shape shape;
    private final DType dtype;
    private final TensorLedger ledger;
    private boolean closed;

    /** Registers the new tensor with {@code ledger}. */
    protected AbstractTensor(Backend backend, Shape shape, DType dtype, TensorLedger ledger) {
        this.backend = backend;
        this.shape = shape;
        this.dtype = dtype;
        this.ledger = ledger;
        ledger.allocated(this);
    }

    @Override
    public final Shape shape() {
        return shape;
    }

    @Override
    public final DType dtype() {
        return dtype;
    }

    @Override
    public final Backend backend() {
        return backend;
    }

    @Override
    public final boolean isClosed() {
        return closed;
    }

    /** Bytes of memory this tensor holds. */
    public final long byteSize() {
        return (long) shape.size() * dtype.bytes();
    }

    /** Fails with a clear message when the tensor was closed. */
    public final void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Tensor " + shape + " " + dtype + " on " + backend.name()
                    + " was used after close()");
        }
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            release();
            ledger.released(this);
        }
    }

    /** Frees the memory; called once. */
    protected abstract void release();

    @Override
    public String toString() {
        return "Tensor" + shape + " " + dtype + " on " + backend.name() + (closed ? " (closed)" : "");
    }
}
