package dev.glia.backend.opencl.internal;

import dev.glia.api.DType;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * Runs {@code reduce.cl}: sum, max and argmax along either axis of the matrix view, each a build of
 * the same source with {@code -DOP=0|1|2}. Along the rows (axis 1) one work-group of {@link #RWG}
 * reduces each row; down the columns (axis 0) work-groups of {@link #CW} columns x {@link #CL} lanes.
 */
final class Reductions {
    /** The reductions, with their {@code OP} number in {@code reduce.cl}. */
    enum Op {
        SUM(0),
        MAX(1),
        ARGMAX(2);

        final int code;

        Op(int code) {
            this.code = code;
        }
    }

    static final int RWG = 64;
    static final int CW = 16;
    static final int CL = 16;

    private final ClContext cl;
    private final ProgramCache programs;
    private final int rwg;
    private final int cw;
    private final int lanes;

    Reductions(ClContext cl, ProgramCache programs) {
        this.cl = cl;
        this.programs = programs;
        long max = cl.device().maxWorkGroupSize();
        this.rwg = (int) Math.min(RWG, Long.highestOneBit(max));
        this.cw = (int) Math.min(CW, Long.highestOneBit(max));
        this.lanes = (int) Math.max(1, Math.min(CL, Long.highestOneBit(max / cw)));
    }

    /** Enqueues {@code op} along {@code axis} of {@code in} (rows x cols) into {@code out}. */
    void run(Op op, int axis, cl_mem in, int rows, int cols, cl_mem out, DType dtype) {
        String options = "-DOP=" + op.code + " -DRWG=" + rwg + " -DCW=" + cw + " -DCL=" + lanes + " "
                + KernelSources.typeOptions(dtype);
        String name = axis == 1 ? "reduce_rows" : "reduce_cols";
        cl_kernel k = programs.kernel("reduce.cl", options.trim(), name);
        Launch.arg(k, 0, rows);
        Launch.arg(k, 1, cols);
        Launch.arg(k, 2, in);
        Launch.arg(k, 3, out);
        if (axis == 1) {
            Launch.run(cl.queue(), k, name, new long[] {(long) rows * rwg}, new long[] {rwg});
        } else {
            Launch.run(cl.queue(), k, name, new long[] {Launch.roundUp(cols, cw), lanes}, new long[] {cw, lanes});
        }
    }
}
