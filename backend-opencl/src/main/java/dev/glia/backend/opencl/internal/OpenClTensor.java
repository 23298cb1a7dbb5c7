package dev.glia.backend.opencl.internal;

import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.spi.AbstractTensor;
import dev.glia.api.spi.TensorLedger;
import org.jocl.cl_mem;

/**
 * A tensor in one device buffer ({@code cl_mem}), row-major; the buffer is released on close. A view shares its
 * base's buffer and releases nothing.
 */
final class OpenClTensor extends AbstractTensor {
    private final OpenClBackend owner;
    /** The device buffer; null once closed. */
    cl_mem mem;

    OpenClTensor(OpenClBackend owner, Shape shape, DType dtype, TensorLedger ledger, cl_mem mem) {
        super(owner, shape, dtype, ledger);
        this.owner = owner;
        this.mem = mem;
    }

    /**
     * A view of {@code base} as {@code shape}: the same buffer, which only the base releases (a view's close never
     * reaches {@link #release()}).
     */
    OpenClTensor(OpenClTensor base, Shape shape) {
        super(base, shape);
        this.owner = base.owner;
        this.mem = base.mem;
    }

    @Override
    protected void release() {
        cl_mem m = mem;
        mem = null;
        owner.release(m);
    }
}
