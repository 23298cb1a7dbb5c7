package dev.glia.backend.opencl.internal;

import dev.glia.api.DType;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/** Sets kernel arguments and enqueues kernels, checking every status. */
final class Launch {
    private Launch() {}

    static void arg(cl_kernel k, int index, int value) {
        Cl.check(CL.clSetKernelArg(k, index, Sizeof.cl_int, Pointer.to(new int[] {value})), "clSetKernelArg int");
    }

    static void arg(cl_kernel k, int index, cl_mem value) {
        Cl.check(CL.clSetKernelArg(k, index, Sizeof.cl_mem, Pointer.to(value)), "clSetKernelArg buffer");
    }

    /** A scalar of the kernel's element type. */
    static void arg(cl_kernel k, int index, double value, DType dtype) {
        int status = dtype == DType.FLOAT64
                ? CL.clSetKernelArg(k, index, Sizeof.cl_double, Pointer.to(new double[] {value}))
                : CL.clSetKernelArg(k, index, Sizeof.cl_float, Pointer.to(new float[] {(float) value}));
        Cl.check(status, "clSetKernelArg real");
    }

    /** Enqueues {@code k} over {@code global} work-items in groups of {@code local}; asynchronous. */
    static void run(cl_command_queue queue, cl_kernel k, String name, long[] global, long[] local) {
        Cl.check(
                CL.clEnqueueNDRangeKernel(queue, k, global.length, null, global, local, 0, null, null),
                "clEnqueueNDRangeKernel " + name);
    }

    /** {@code n} rounded up to a multiple of {@code m}. */
    static long roundUp(long n, long m) {
        return (n + m - 1) / m * m;
    }
}
