package dev.glia.backend.opencl.internal;

import dev.glia.api.DType;
import dev.glia.api.spi.Philox;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * Runs {@code random.cl}: the Philox-4x32-10 uniform and normal fills of {@link Philox}, one work-item per
 * counter. On a device with {@code cl_khr_fp64} the arithmetic is double ({@code -DGLIA_ACC64}) for FLOAT32
 * tensors too, so uniform numbers are bit-identical to the Java backends'; without it they agree within a
 * float ulp (see the kernel's header).
 */
final class RandomKernels {
    private static final long GROUP = 64;

    private final ClContext cl;
    private final ProgramCache programs;
    private final boolean fp64;

    RandomKernels(ClContext cl, ProgramCache programs, boolean fp64) {
        this.cl = cl;
        this.programs = programs;
        this.fp64 = fp64;
    }

    /** Enqueues the uniform fill of the {@code n} elements of {@code out}. */
    void uniform(cl_mem out, int n, DType dtype, long seed, long offset, double low, double high) {
        run("random_uniform", out, n, dtype, seed, offset, low, high);
    }

    /** Enqueues the normal fill of the {@code n} elements of {@code out}. */
    void normal(cl_mem out, int n, DType dtype, long seed, long offset, double mean, double stddev) {
        run("random_normal", out, n, dtype, seed, offset, mean, stddev);
    }

    private void run(String name, cl_mem out, int n, DType dtype, long seed, long offset, double a, double b) {
        if (n == 0) {
            return;
        }
        String options = (KernelSources.typeOptions(dtype) + (fp64 ? " -DGLIA_ACC64" : "")).trim();
        cl_kernel k = programs.kernel("random.cl", options, name);
        Launch.arg(k, 0, n);
        Launch.arg(k, 1, (int) seed);
        Launch.arg(k, 2, (int) (seed >>> 32));
        Cl.check(CL.clSetKernelArg(k, 3, Sizeof.cl_long, Pointer.to(new long[] {offset})), "clSetKernelArg offset");
        accumulator(k, 4, a);
        accumulator(k, 5, b);
        Launch.arg(k, 6, out);
        long blocks = Philox.counters(n);
        Launch.run(cl.queue(), k, name, new long[] {Launch.roundUp(blocks, GROUP)}, null);
    }

    /** A scalar of the kernel's arithmetic type: double with fp64, float without. */
    private void accumulator(cl_kernel k, int index, double value) {
        int status = fp64
                ? CL.clSetKernelArg(k, index, Sizeof.cl_double, Pointer.to(new double[] {value}))
                : CL.clSetKernelArg(k, index, Sizeof.cl_float, Pointer.to(new float[] {(float) value}));
        Cl.check(status, "clSetKernelArg " + (fp64 ? "double" : "float"));
    }
}
