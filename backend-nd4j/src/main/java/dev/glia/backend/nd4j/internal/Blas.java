package dev.glia.backend.nd4j.internal;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Direct CBLAS calls (row-major) on raw native addresses, through the JavaCPP binding of OpenBLAS that ND4J
 * itself uses. Each instance keeps one pointer object per operand and re-aims it at every call, so a call
 * allocates nothing; an instance therefore belongs to one thread.
 *
 * <p>OpenBLAS's own threads are switched off ({@link #singleThreaded()}, a process-wide setting of that
 * library): products are split across threads by {@link Gemm}, which sizes the split by the product.
 */
final class Blas {
    private final Address32 a32 = new Address32();
    private final Address32 b32 = new Address32();
    private final Address32 c32 = new Address32();
    private final Address64 a64 = new Address64();
    private final Address64 b64 = new Address64();
    private final Address64 c64 = new Address64();

    /** Makes OpenBLAS run every call on the calling thread. */
    static void singleThreaded() {
        openblas_nolapack.blas_set_num_threads(1);
    }

    /** {@code C = alpha op(A) op(B) + beta C} in FLOAT32; addresses in bytes, leading dimensions in elements. */
    void sgemm(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float alpha,
            long a,
            int lda,
            long b,
            int ldb,
            float beta,
            long c,
            int ldc) {
        openblas_nolapack.cblas_sgemm(
                CblasRowMajor,
                transA ? CblasTrans : CblasNoTrans,
                transB ? CblasTrans : CblasNoTrans,
                m,
                n,
                k,
                alpha,
                a32.at(a),
                lda,
                b32.at(b),
                ldb,
                beta,
                c32.at(c),
                ldc);
    }

    /** {@code C = alpha op(A) op(B) + beta C} in FLOAT64. */
    void dgemm(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            double alpha,
            long a,
            int lda,
            long b,
            int ldb,
            double beta,
            long c,
            int ldc) {
        openblas_nolapack.cblas_dgemm(
                CblasRowMajor,
                transA ? CblasTrans : CblasNoTrans,
                transB ? CblasTrans : CblasNoTrans,
                m,
                n,
                k,
                alpha,
                a64.at(a),
                lda,
                b64.at(b),
                ldb,
                beta,
                c64.at(c),
                ldc);
    }

    /** {@code y = alpha op(A) x + beta y} in FLOAT32, A being {@code rows} × {@code columns}. */
    void sgemv(
            boolean trans,
            int rows,
            int columns,
            float alpha,
            long a,
            int lda,
            long x,
            int incx,
            float beta,
            long y,
            int incy) {
        openblas_nolapack.cblas_sgemv(
                CblasRowMajor,
                trans ? CblasTrans : CblasNoTrans,
                rows,
                columns,
                alpha,
                a32.at(a),
                lda,
                b32.at(x),
                incx,
                beta,
                c32.at(y),
                incy);
    }

    /** {@code y = alpha op(A) x + beta y} in FLOAT64. */
    void dgemv(
            boolean trans,
            int rows,
            int columns,
            double alpha,
            long a,
            int lda,
            long x,
            int incx,
            double beta,
            long y,
            int incy) {
        openblas_nolapack.cblas_dgemv(
                CblasRowMajor,
                trans ? CblasTrans : CblasNoTrans,
                rows,
                columns,
                alpha,
                a64.at(a),
                lda,
                b64.at(x),
                incx,
                beta,
                c64.at(y),
                incy);
    }

    /** A float pointer that owns nothing and is re-aimed at any address. */
    private static final class Address32 extends FloatPointer {
        Address32() {
            super((Pointer) null);
        }

        Address32 at(long address) {
            this.address = address;
            return this;
        }
    }

    /** A double pointer that owns nothing and is re-aimed at any address. */
    private static final class Address64 extends DoublePointer {
        Address64() {
            super((Pointer) null);
        }

        Address64 at(long address) {
            this.address = address;
            return this;
        }
    }
}
