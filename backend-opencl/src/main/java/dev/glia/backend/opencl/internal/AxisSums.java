package dev.glia.backend.opencl.internal;

import dev.glia.api.DType;
import dev.glia.api.Shape;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * Runs {@code sum_to_shape.cl} for {@code sumToShape}: the axes are merged on the host into at most
 * {@link Shape#MAX_RANK} groups that are all kept or all summed, and one work-item per output element sums
 * its group. A few outputs with many terms each (a per-channel sum) use few work-items; a two-stage reduction
 * is the step to take if that shows in a profile.
 */
final class AxisSums {
    private static final long GROUP = 64;

    private final ClContext cl;
    private final ProgramCache programs;
    private final int[] sizes = new int[Shape.MAX_RANK];

    AxisSums(ClContext cl, ProgramCache programs) {
        this.cl = cl;
        this.programs = programs;
    }

    /** Enqueues the sum of {@code in} (shape {@code inShape}) into {@code out} (shape {@code outShape}). */
    void run(cl_mem in, Shape inShape, cl_mem out, Shape outShape, DType dtype) {
        int groups = 0;
        int kept = 0;
        for (int a = 0; a < inShape.rank(); a++) {
            int d = inShape.dim(a);
            if (d == 1) {
                continue;
            }
            boolean keep = outShape.dim(a) != 1;
            if (groups > 0 && ((kept >> (groups - 1)) & 1) == (keep ? 1 : 0)) {
                sizes[groups - 1] *= d;
            } else {
                sizes[groups] = d;
                kept |= keep ? 1 << groups : 0;
                groups++;
            }
        }
        if (groups == 0) { // a single element
            sizes[0] = 1;
            kept = 1;
            groups = 1;
        }
        for (int g = groups; g < sizes.length; g++) {
            sizes[g] = 1;
        }
        cl_kernel k = programs.kernel("sum_to_shape.cl", KernelSources.typeOptions(dtype), "sum_to_shape");
        int outputs = outShape.size();
        Launch.arg(k, 0, outputs);
        Launch.arg(k, 1, groups);
        Launch.arg(k, 2, kept);
        for (int g = 0; g < sizes.length; g++) {
            Launch.arg(k, 3 + g, sizes[g]);
        }
        Launch.arg(k, 8, in);
        Launch.arg(k, 9, out);
        long group = Math.min(GROUP, Long.highestOneBit(Math.max(1, cl.device().maxWorkGroupSize())));
        Launch.run(cl.queue(), k, "sum_to_shape", new long[] {Launch.roundUp(outputs, group)}, new long[] {group});
    }
}
