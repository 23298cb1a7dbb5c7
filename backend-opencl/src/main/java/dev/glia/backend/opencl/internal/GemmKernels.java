package dev.glia.backend.opencl.internal;

import dev.glia.api.DType;
import java.util.EnumMap;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * Runs {@code gemm.cl}: the interior of C (whole {@code MWG x NWG} tiles of the large parameters) with
 * the fast kernel, which checks no bounds, and the right and bottom strips (and products smaller
 * than one large tile) with the edge kernel, whose small tiles check every row and column. Each
 * parameter set, transpose combination and element type is a separate build of the same source
 * ({@code -DTRANS_A}, {@code -DTRANS_B}, {@code -DEDGES}, {@code -DGLIA_FP64}), built on first use.
 */
final class GemmKernels {
    private final ClContext cl;
    private final ProgramCache programs;
    /** Indexed by dtype, then transB (0, 1), then edge (0, 1). */
    private final EnumMap<DType, GemmParameters[][]> parameters = new EnumMap<>(DType.class);

    GemmKernels(ClContext cl, ProgramCache programs, String mainSpec, String edgeSpec) {
        this.cl = cl;
        this.programs = programs;
        DeviceInfo device = cl.device();
        for (DType t : DType.values()) {
            if (!t.isFloatingPoint()) {
                continue; // gemm refuses INT32
            }
            GemmParameters[][] forType = new GemmParameters[2][2];
            parameters.put(t, forType);
            for (int tb = 0; tb < 2; tb++) {
                for (int e = 0; e < 2; e++) {
                    GemmParameters p = GemmParameters.defaults(device.kind(), t, tb == 1, e == 1)
                            .with(e == 1 ? edgeSpec : mainSpec);
                    p.checkFits(device, t);
                    forType[tb][e] = p;
                }
            }
        }
    }

    /** The parameters for {@code dtype} with B transposed or not, of the interior or the edge kernel. */
    GemmParameters parameters(DType dtype, boolean transB, boolean edge) {
        return parameters.get(dtype)[transB ? 1 : 0][edge ? 1 : 0];
    }

    /** Enqueues {@code c = alpha op(a) op(b) + beta c} for an m x n result with inner size k. */
    void run(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            double alpha,
            cl_mem a,
            int lda,
            cl_mem b,
            int ldb,
            double beta,
            cl_mem c,
            int ldc,
            DType dtype) {
        GemmParameters p = parameters(dtype, transB, false);
        int mf = m / p.mwg() * p.mwg();
        int nf = n / p.nwg() * p.nwg();
        if (mf > 0 && nf > 0) {
            launch(p, false, transA, transB, dtype, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, 0, 0, mf, nf);
        }
        GemmParameters e = parameters(dtype, transB, true);
        if (nf < n) { // the right strip, all rows
            launch(e, true, transA, transB, dtype, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, 0, nf, m, n - nf);
        }
        if (mf < m && nf > 0) { // the bottom strip, left of the right strip
            launch(e, true, transA, transB, dtype, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, mf, 0, m - mf, nf);
        }
    }

    private void launch(
            GemmParameters p,
            boolean edges,
            boolean transA,
            boolean transB,
            DType dtype,
            int m,
            int n,
            int k,
            double alpha,
            cl_mem a,
            int lda,
            cl_mem b,
            int ldb,
            double beta,
            cl_mem c,
            int ldc,
            int m0,
            int n0,
            int rows,
            int cols) {
        String options = p.buildOptions() + " -DTRANS_A=" + (transA ? 1 : 0) + " -DTRANS_B=" + (transB ? 1 : 0)
                + " -DEDGES=" + (edges ? 1 : 0) + " " + KernelSources.typeOptions(dtype);
        cl_kernel kernel = programs.kernel("gemm.cl", options.trim(), "gemm");
        Launch.arg(kernel, 0, m);
        Launch.arg(kernel, 1, n);
        Launch.arg(kernel, 2, k);
        Launch.arg(kernel, 3, alpha, dtype);
        Launch.arg(kernel, 4, beta, dtype);
        Launch.arg(kernel, 5, a);
        Launch.arg(kernel, 6, lda);
        Launch.arg(kernel, 7, b);
        Launch.arg(kernel, 8, ldb);
        Launch.arg(kernel, 9, c);
        Launch.arg(kernel, 10, ldc);
        Launch.arg(kernel, 11, m0);
        Launch.arg(kernel, 12, n0);
        long groupsN = ((long) cols + p.nwg() - 1) / p.nwg();
        long groupsM = ((long) rows + p.mwg() - 1) / p.mwg();
        Launch.run(
                cl.queue(),
                kernel,
                edges ? "gemm (edges)" : "gemm",
                new long[] {groupsN * p.ndimc(), groupsM * p.mdimc()},
                new long[] {p.ndimc(), p.mdimc()});
    }
}
