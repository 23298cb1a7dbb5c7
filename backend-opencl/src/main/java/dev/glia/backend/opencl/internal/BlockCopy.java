package dev.glia.backend.opencl.internal;

import org.jocl.CL;

/**
 * {@link dev.glia.api.Backend#copyBlock} on the device: a block that is one contiguous run (whole rows of both
 * matrices, or a single row) is one {@code clEnqueueCopyBuffer}; any other block is one launch of
 * {@code copy.cl}'s {@code copy_block} over columns × rows work-items. The kernel, unlike
 * {@code clEnqueueCopyBufferRect}, needs no implementation's overlap test to accept two interleaved blocks of one
 * buffer. Both are enqueued asynchronously, in queue order.
 */
final class BlockCopy {
    private final ClContext cl;
    private final ProgramCache programs;

    BlockCopy(ClContext cl, ProgramCache programs) {
        this.cl = cl;
        this.programs = programs;
    }

    /** Enqueues the checked copy; {@code src} and {@code dst} share a dtype and, if one buffer, no element. */
    void copy(
            OpenClTensor src,
            int srcRow,
            int srcColumn,
            OpenClTensor dst,
            int dstRow,
            int dstColumn,
            int rows,
            int columns) {
        int srcStride = src.shape().columns();
        int dstStride = dst.shape().columns();
        int from = srcRow * srcStride + srcColumn;
        int to = dstRow * dstStride + dstColumn;
        if (rows == 1 || (columns == srcStride && columns == dstStride)) {
            long bytes = src.dtype().bytes();
            Cl.check(
                    CL.clEnqueueCopyBuffer(
                            cl.queue(),
                            src.mem,
                            dst.mem,
                            from * bytes,
                            to * bytes,
                            (long) rows * columns * bytes,
                            0,
                            null,
                            null),
                    "clEnqueueCopyBuffer");
            return;
        }
        var k = programs.kernel("copy.cl", KernelSources.typeOptions(src.dtype()), "copy_block");
        Launch.arg(k, 0, src.mem);
        Launch.arg(k, 1, from);
        Launch.arg(k, 2, srcStride);
        Launch.arg(k, 3, dst.mem);
        Launch.arg(k, 4, to);
        Launch.arg(k, 5, dstStride);
        Launch.run(cl.queue(), k, "copy_block", new long[] {columns, rows}, null);
    }
}
