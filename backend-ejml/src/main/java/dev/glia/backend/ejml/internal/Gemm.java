package dev.glia.backend.ejml.internal;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;
import org.ejml.dense.row.mult.MatrixMatrixMult_FDRM;

/**
 * {@code c = alpha * op(a) * op(b) + beta * c} on EJML, transposes never materialised: the
 * {@code mult}, {@code multTransA}, {@code multTransB} and {@code multTransAB} kernels for
 * {@code beta == 0}, their {@code multAdd} forms for {@code beta == 1}, and for any other beta
 * {@code c} scaled first and then the {@code multAdd} form.
 *
 * <p><b>Threads.</b> Products of at least {@link #CONCURRENT_WORK} multiply-adds
 * ({@code m * n * k}, 2<sup>21</sup>, about 4 MFLOP, a millisecond or so on one core) run on
 * {@link CommonOps_MT_FDRM}, which splits the output's rows over EJML's shared fork-join pool; below
 * that the fork/join overhead (tens of microseconds) would eat the gain. For an MLP 784-256-128-10
 * at batch 128 the two large layers' products run concurrently and the 128×10 layer does not.
 *
 * <p>Single-threaded calls allocate nothing: {@code multTransAB} with many columns needs a scratch
 * row, which is kept here instead of the one EJML would allocate per call. Concurrent calls
 * allocate EJML's few task objects, which is small against the work that makes them worthwhile.
 */
final class Gemm {
    /** Multiply-adds ({@code m * n * k}) from which a product runs on several threads. */
    static final long CONCURRENT_WORK = 1L << 21;

    private final boolean concurrent;
    private float[] aux = new float[0];

    /** {@code concurrent}: whether large products may use EJML's thread pool. */
    Gemm(boolean concurrent) {
        this.concurrent = concurrent;
    }

    void run(boolean transA, boolean transB, float alpha, FMatrixRMaj a, FMatrixRMaj b, float beta,
            FMatrixRMaj c, long work) {
        boolean mt = concurrent && work >= CONCURRENT_WORK;
        if (beta == 0f) {
            if (mt) {
                productConcurrent(transA, transB, alpha, a, b, c);
            } else {
                product(transA, transB, alpha, a, b, c);
            }
            return;
        }
        if (beta != 1f) {
            CommonOps_FDRM.scale(beta, c);
        }
        if (mt) {
            addConcurrent(transA, transB, alpha, a, b, c);
        } else {
            add(transA, transB, alpha, a, b, c);
        }
    }

    /** c = alpha op(a) op(b), overwriting c (its old contents are never read). */
    private void product(boolean transA, boolean transB, float alpha, FMatrixRMaj a, FMatrixRMaj b,
            FMatrixRMaj c) {
        if (!transA && !transB) {
            if (alpha == 1f) {
                CommonOps_FDRM.mult(a, b, c);
            } else {
                CommonOps_FDRM.mult(alpha, a, b, c);
            }
        } else if (transA && !transB) {
            if (alpha == 1f) {
                CommonOps_FDRM.multTransA(a, b, c);
            } else {
                CommonOps_FDRM.multTransA(alpha, a, b, c);
            }
        } else if (!transA) {
            if (alpha == 1f) {
                CommonOps_FDRM.multTransB(a, b, c);
            } else {
                CommonOps_FDRM.multTransB(alpha, a, b, c);
            }
        } else if (b.numRows == 1 && alpha == 1f) {
            CommonOps_FDRM.multTransAB(a, b, c); // EJML's vector special case, no scratch
        } else {
            MatrixMatrixMult_FDRM.multTransAB_aux(alpha, a, b, c, aux(a.numRows));
        }
    }

    /** c += alpha op(a) op(b). */
    private void add(boolean transA, boolean transB, float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        if (!transA && !transB) {
            if (alpha == 1f) {
                CommonOps_FDRM.multAdd(a, b, c);
            } else {
                CommonOps_FDRM.multAdd(alpha, a, b, c);
            }
        } else if (transA && !transB) {
            if (alpha == 1f) {
                CommonOps_FDRM.multAddTransA(a, b, c);
            } else {
                CommonOps_FDRM.multAddTransA(alpha, a, b, c);
            }
        } else if (!transA) {
            if (alpha == 1f) {
                CommonOps_FDRM.multAddTransB(a, b, c);
            } else {
                CommonOps_FDRM.multAddTransB(alpha, a, b, c);
            }
        } else {
            MatrixMatrixMult_FDRM.multAddTransAB_aux(alpha, a, b, c, aux(a.numRows));
        }
    }

    private static void productConcurrent(boolean transA, boolean transB, float alpha, FMatrixRMaj a,
            FMatrixRMaj b, FMatrixRMaj c) {
        if (!transA && !transB) {
            CommonOps_MT_FDRM.mult(alpha, a, b, c);
        } else if (transA && !transB) {
            CommonOps_MT_FDRM.multTransA(alpha, a, b, c);
        } else if (!transA) {
            CommonOps_MT_FDRM.multTransB(alpha, a, b, c);
        } else {
            CommonOps_MT_FDRM.multTransAB(alpha, a, b, c);
        }
    }

    private static void addConcurrent(boolean transA, boolean transB, float alpha, FMatrixRMaj a,
            FMatrixRMaj b, FMatrixRMaj c) {
        if (!transA && !transB) {
            CommonOps_MT_FDRM.multAdd(alpha, a, b, c);
        } else if (transA && !transB) {
            CommonOps_MT_FDRM.multAddTransA(alpha, a, b, c);
        } else if (!transA) {
            CommonOps_MT_FDRM.multAddTransB(alpha, a, b, c);
        } else {
            CommonOps_MT_FDRM.multAddTransAB(alpha, a, b, c);
        }
    }

    /** A scratch row of at least {@code length} floats, grown on demand and kept. */
    private float[] aux(int length) {
        if (aux.length < length) {
            aux = new float[length];
        }
        return aux;
    }
}
