package dev.glia.api.spi;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import java.util.Objects;

/**
 * What every backend's tensor shares: shape, type, owner, the closed flag and its ledger entry.
 * Subclasses free their memory in {@link #release()}.
 *
 * <p>A <b>view</b> ({@link #AbstractTensor(AbstractTensor, Shape)}, made by {@link Backend#reshape}) shares the
 * memory of a base tensor: it is not in the ledger, its {@link #close()} only marks it closed (never calling
 * {@link #release()}), and once its base is closed the view counts as closed too, so {@link #checkOpen()} fails.
 */
public abstract class AbstractTensor implements Tensor {
    private final Backend backend;
    private final Shape shape;
    private final DType dtype;
    private final TensorLedger ledger;
    /** The tensor whose memory a view shares; null for a tensor that owns its memory. */
    private final AbstractTensor base;

    private boolean closed;

    /** Registers the new tensor with {@code ledger}. */
    protected AbstractTensor(Backend backend, Shape shape, DType dtype, TensorLedger ledger) {
        this.backend = backend;
        this.shape = shape;
        this.dtype = dtype;
        this.ledger = ledger;
        this.base = null;
        ledger.allocated(this);
    }

    /**
     * A view of {@code base}'s memory as {@code shape} (of the same size), with {@code base}'s backend and dtype.
     * A view of a view shares the original base. The view is not registered with the ledger.
     */
    protected AbstractTensor(AbstractTensor base, Shape shape) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(shape, "shape");
        if (shape.size() != base.shape.size()) {
            throw new IllegalArgumentException("A view " + shape + " of a tensor " + base.shape + " must have its "
                    + base.shape.size() + " elements, not " + shape.size());
        }
        this.backend = base.backend;
        this.shape = shape;
        this.dtype = base.dtype;
        this.ledger = null;
        this.base = base.memoryOwner();
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

    /** Whether {@link #close()} was called on this tensor or, for a view, on its base. */
    @Override
    public final boolean isClosed() {
        return closed || (base != null && base.closed);
    }

    /** Whether this tensor is a view of another one's memory. */
    public final boolean isView() {
        return base != null;
    }

    /** The tensor that owns this tensor's memory: the base of a view, else this tensor itself. */
    public final AbstractTensor memoryOwner() {
        return base == null ? this : base;
    }

    /** Bytes of this tensor's elements; a view shares them with its base, so the ledger counts them once. */
    public final long byteSize() {
        return (long) shape.size() * dtype.bytes();
    }

    /** Fails with a clear message when the tensor was closed. */
    public final void checkOpen() {
        if (closed) {
            throw new IllegalStateException(
                    "Tensor " + shape + " " + dtype + " on " + backend.name() + " was used after close()");
        }
        if (base != null && base.closed) {
            throw new IllegalStateException("Tensor " + shape + " " + dtype + " on " + backend.name()
                    + " is a view of the tensor " + base.shape + ", which was closed; use a view only while its base"
                    + " is open");
        }
    }

    /** Frees the memory, or for a view only marks it closed. Idempotent. */
    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (base == null) {
            release();
            ledger.released(this);
        }
    }

    /** Frees the memory; called once, and never for a view. */
    protected abstract void release();

    @Override
    public String toString() {
        return "Tensor" + shape + " " + dtype + " on " + backend.name() + (base != null ? " (view)" : "")
                + (isClosed() ? " (closed)" : "");
    }
}
