package dev.glia.backend.opencl.internal;

import dev.glia.api.DType;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * Runs {@code rows.cl}: gathering rows of a table by index (one work-item per element of the output), and
 * scatter-adding rows into it (one work-item per column, walking the indices in order, so that repeated
 * indices add up in a fixed order without atomics). Indices are checked before either runs.
 */
final class RowKernels {
    private final ClContext cl;
    private final ProgramCache programs;

    RowKernels(ClContext cl, ProgramCache programs) {
        this.cl = cl;
        this.programs = programs;
    }

    /** Enqueues: row i of {@code out} = row {@code indices[i]} of {@code table} (rows of {@code d}), i < n. */
    void gather(cl_mem table, int d, cl_mem indices, int n, cl_mem out, DType dtype) {
        cl_kernel k = programs.kernel("rows.cl", KernelSources.typeOptions(dtype), "gather_rows");
        Launch.arg(k, 0, n);
        Launch.arg(k, 1, d);
        Launch.arg(k, 2, indices);
        Launch.arg(k, 3, table);
        Launch.arg(k, 4, out);
        Launch.run(cl.queue(), k, "gather_rows", new long[] {d, n}, null);
    }

    /** Enqueues: row {@code indices[i]} of {@code table} += row i of {@code src}, for i < n in order. */
    void scatterAdd(cl_mem src, cl_mem indices, int n, cl_mem table, int d, DType dtype) {
        cl_kernel k = programs.kernel("rows.cl", KernelSources.typeOptions(dtype), "scatter_add_rows");
        Launch.arg(k, 0, n);
        Launch.arg(k, 1, d);
        Launch.arg(k, 2, indices);
        Launch.arg(k, 3, src);
        Launch.arg(k, 4, table);
        Launch.run(cl.queue(), k, "scatter_add_rows", new long[] {d}, null);
    }
}
