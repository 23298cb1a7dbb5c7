package dev.glia.backend.opencl.internal;

import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.spi.AbstractTensor;
import dev.glia.api.spi.TensorLedger;
import org.jocl.cl_mem;

/** A tensor in one device buffer ({@code cl_mem}), row-major; the buffer is released on close. */
final class OpenClTensor extends AbstractTensor {
    private final OpenClBackend owner;
    /** The device buffer; null once closed. */
    cl_mem mem;

    OpenClTensor(OpenClBackend owner, Shape shape, DType dtype, TensorLedger ledger, cl_mem mem) {
        super(owner, shape, dtype, ledger);
        this.owner = owner;
        this.mem = mem;
    }

    @Override
    protected void release() {
        cl_mem m = mem;
        mem = null;
        owner.release(m);
    }
}
