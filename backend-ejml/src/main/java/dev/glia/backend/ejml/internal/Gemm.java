package dev.glia.backend.ejml.internal;

import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.FMatrixRMaj;

/**
 * {@code c = alpha * op(a) * op(b) + beta * c} on the tensors' EJML matrices, transposes never
 * materialised as tensors: {@link RowPanelSgemm} packs op(B) into row arrays (transposing when
 * {@code transB}) and, when {@code transA}, transposes A, in scratch this object keeps, then computes rows
 * of C from op(A)'s scalars and op(B)'s rows. With {@code beta == 0} the old contents of {@code c} are never read,
 * with {@code beta == 1} each finished row is added to {@code c}'s (a layer accumulating its gradients); otherwise
 * the product is computed into scratch and added to {@code beta * c}.
 *
 * <p><b>Threads.</b> Products of at least {@link #CONCURRENT_WORK} multiply-adds
 * ({@code m * n * k}, 2<sup>21</sup>, about 4 MFLOP, a millisecond or so on one core) split the rows of
 * C into blocks on EJML's shared fork-join pool; below that the fork/join overhead (tens of
 * microseconds) would eat the gain. For an MLP 784-256-128-10 at batch 128 the two large layers'
 * products run concurrently and the 128×10 layer does not.
 *
 * <p>Single-threaded calls allocate nothing once the scratch has grown. Concurrent calls allocate EJML's
 * few task objects and two accumulator rows per block, which is small against the work that makes them
 * worthwhile.
 */
final class Gemm {
    /** Multiply-adds ({@code m * n * k}) from which a product runs on several threads. */
    static final long CONCURRENT_WORK = 1L << 21;
    /** The fewest rows of C a thread is given. */
    private static final int MIN_ROWS = 8;

    private final boolean concurrent;
    private final RowPanelSgemm kernel = new RowPanelSgemm();
    private float[] product = new float[0];

    /** {@code concurrent}: whether large products may use EJML's thread pool. */
    Gemm(boolean concurrent) {
        this.concurrent = concurrent;
    }

    void run(
            boolean transA,
            boolean transB,
            float alpha,
            FMatrixRMaj a,
            FMatrixRMaj b,
            float beta,
            FMatrixRMaj c,
            long work) {
        int m = c.numRows;
        int n = c.numCols;
        int k = transA ? a.numRows : a.numCols;
        float[] ad = kernel.opA(transA, a.data, m, k);
        float[][] opB = kernel.pack(transB, b.data, k, n);
        // beta 0 overwrites c and beta 1 adds to it, in the kernel (accumulating gradients); any other beta: the
        // product goes to scratch and is added to beta·c afterwards (see RowPanelSgemm.rows)
        boolean accumulate = beta == 1f;
        float[] out = beta == 0f || accumulate ? c.data : product(m * n);
        if (concurrent && work >= CONCURRENT_WORK && m >= 2 * MIN_ROWS) {
            EjmlConcurrency.loopBlocks(
                    0,
                    m,
                    MIN_ROWS,
                    (i0, i1) -> RowPanelSgemm.rows(
                            alpha, ad, k, opB, n, out, i0, i1, new float[n], new float[n], accumulate));
        } else {
            kernel.rows(alpha, ad, m, k, opB, n, out, accumulate);
        }
        if (beta != 0f && !accumulate) {
            RowPanelSgemm.addScaled(c.data, out, beta, 0, m * n);
        }
    }

    /** Scratch for a product that is added to {@code beta·c}, grown on demand and kept. */
    private float[] product(int size) {
        if (product.length < size) {
            product = new float[size];
        }
        return product;
    }
}
