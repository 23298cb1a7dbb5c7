package dev.glia.backend.nd4j.internal;

import dev.glia.api.DType;

/**
 * {@code c = alpha op(a) op(b) + beta c} on OpenBLAS, in place in {@code c}'s native buffer; transposes are
 * BLAS flags, never copies.
 *
 * <p><b>Threads, fixed per shape.</b> OpenBLAS's own threading is off ({@link Blas#singleThreaded()}):
 * for the products of a small network it costs more than it gains (on two cores it made a 128×784×256
 * {@code sgemm} several times slower than one thread). Products below {@link #SPLIT_WORK} multiply-adds
 * ({@code m·n·k}, about 40 µs of one core) always run on the calling thread. A larger product is cut into
 * {@link #parts} blocks of {@code c}, each computed by a single-threaded OpenBLAS call on the
 * {@link Workers}: along the longer of {@code c}'s two sides, at multiples of 16 elements so that every
 * block keeps whole SIMD tiles.
 *
 * <p><b>Reproducible.</b> The cut depends only on the shape and the backend's thread count, never on
 * timing. That matters although every element of {@code c} is computed by one call: OpenBLAS does not
 * always give an element the same bits in a block as in the whole product (which kernel and which order
 * of additions it uses depends on the block's shape): on its Haswell and Zen kernels every product of an
 * MLP 784-256-128-10 at batch 128 changed in some elements when cut in two, and on its SkylakeX kernels
 * products with a short side did. An earlier version timed each shape both ways and kept the faster,
 * re-measuring every 32nd call, so two runs with the same seed trained different weights. Which thread
 * computes which block does not matter: a block is the same OpenBLAS call on any thread.
 *
 * <p>A product with one row or one column of {@code c} (inference on one sample, a bias-like vector) is a
 * matrix-vector product and runs as {@code gemv}, which skips {@code gemm}'s packing of the other operand.
 */
final class Gemm implements Workers.Job {
    /** Multiply-adds from which a product is split over the threads. */
    static final long SPLIT_WORK = 1L << 21;
    /** Block boundaries are multiples of this many elements. */
    private static final int ALIGN = 16;

    private final Workers workers;
    private final Blas[] blas;
    // The product being split: set by run, read by the parts.
    private boolean transA;
    private boolean transB;
    private double alpha;
    private double beta;
    private Nd4jTensor a;
    private Nd4jTensor b;
    private Nd4jTensor c;
    private int m;
    private int n;
    private int k;
    private boolean splitRows;
    private int parts;

    Gemm(Workers workers) {
        this.workers = workers;
        this.blas = new Blas[workers.threads()];
        for (int i = 0; i < blas.length; i++) {
            blas[i] = new Blas();
        }
    }

    /** Runs the product; {@code m, n, k} as checked by {@link dev.glia.api.spi.OpChecks#gemm}. */
    void run(
            boolean ta,
            boolean tb,
            double alpha,
            Nd4jTensor a,
            Nd4jTensor b,
            double beta,
            Nd4jTensor c,
            int m,
            int n,
            int k) {
        if (m == 1 || n == 1) {
            gemv(ta, tb, alpha, a, b, beta, c, m, n, k);
            return;
        }
        int p = parts(workers.threads(), m, n, k);
        if (p < 2) {
            block(blas[0], ta, tb, alpha, a, b, beta, c, m, n, k, 0, m, 0, n);
        } else {
            split(ta, tb, alpha, a, b, beta, c, m, n, k, p);
        }
    }

    /**
     * The blocks a product of {@code m×n×k} is cut into with {@code threads} threads: 1 below
     * {@link #SPLIT_WORK} multiply-adds or when {@code c}'s longer side has fewer than two 16-element
     * blocks, else one block per {@link #SPLIT_WORK} multiply-adds, at least 2 and at most {@code threads}.
     * A function of its arguments alone, so that a run repeats bit for bit (see the class description).
     */
    static int parts(int threads, int m, int n, int k) {
        long work = (long) m * n * k;
        int blocks = Math.min(threads, Math.max(m, n) / ALIGN);
        if (work < SPLIT_WORK || blocks < 2) {
            return 1;
        }
        return (int) Math.min(blocks, Math.max(2, work / SPLIT_WORK));
    }

    /** Runs the product in {@code parts} blocks on the workers (also for tests). */
    void split(
            boolean ta,
            boolean tb,
            double alpha,
            Nd4jTensor a,
            Nd4jTensor b,
            double beta,
            Nd4jTensor c,
            int m,
            int n,
            int k,
            int parts) {
        this.transA = ta;
        this.transB = tb;
        this.alpha = alpha;
        this.beta = beta;
        this.a = a;
        this.b = b;
        this.c = c;
        this.m = m;
        this.n = n;
        this.k = k;
        this.splitRows = m > n;
        this.parts = parts;
        try {
            workers.run(this, parts);
        } finally {
            this.a = this.b = this.c = null;
        }
    }

    /** Part {@code part} of the product being split: a block of rows or columns of c. */
    @Override
    public void run(int part, int worker) {
        int length = splitRows ? m : n;
        int from = boundary(part, parts, length);
        int to = boundary(part + 1, parts, length);
        if (from >= to) {
            return;
        }
        if (splitRows) {
            block(blas[worker], transA, transB, alpha, a, b, beta, c, m, n, k, from, to, 0, n);
        } else {
            block(blas[worker], transA, transB, alpha, a, b, beta, c, m, n, k, 0, m, from, to);
        }
    }

    /** Where block {@code i} of {@code parts} starts along a side of {@code length}: a multiple of 16 but at the ends. */
    static int boundary(int i, int parts, int length) {
        if (i >= parts) {
            return length;
        }
        int raw = (int) ((long) length * i / parts);
        return Math.min(length, (raw + ALIGN / 2) / ALIGN * ALIGN);
    }

    /** Rows {@code [r0, r1)} and columns {@code [c0, c1)} of c, on one thread. */
    private static void block(
            Blas blas,
            boolean ta,
            boolean tb,
            double alpha,
            Nd4jTensor a,
            Nd4jTensor b,
            double beta,
            Nd4jTensor c,
            int m,
            int n,
            int k,
            int r0,
            int r1,
            int c0,
            int c1) {
        int lda = ta ? m : k;
        int ldb = tb ? k : n;
        // first element of op(a)'s row r0, op(b)'s column c0, c's (r0, c0)
        long aOffset = ta ? r0 : (long) r0 * lda;
        long bOffset = tb ? (long) c0 * ldb : c0;
        long cOffset = (long) r0 * n + c0;
        if (c.dtype() == DType.FLOAT32) {
            blas.sgemm(
                    ta,
                    tb,
                    r1 - r0,
                    c1 - c0,
                    k,
                    (float) alpha,
                    a.address + 4 * aOffset,
                    lda,
                    b.address + 4 * bOffset,
                    ldb,
                    (float) beta,
                    c.address + 4 * cOffset,
                    n);
        } else {
            blas.dgemm(
                    ta,
                    tb,
                    r1 - r0,
                    c1 - c0,
                    k,
                    alpha,
                    a.address + 8 * aOffset,
                    lda,
                    b.address + 8 * bOffset,
                    ldb,
                    beta,
                    c.address + 8 * cOffset,
                    n);
        }
    }

    /** A product with one row (m = 1) or one column (n = 1) of c, as a matrix-vector product. */
    private void gemv(
            boolean ta,
            boolean tb,
            double alpha,
            Nd4jTensor a,
            Nd4jTensor b,
            double beta,
            Nd4jTensor c,
            int m,
            int n,
            int k) {
        Blas one = blas[0];
        boolean f32 = c.dtype() == DType.FLOAT32;
        if (m == 1) {
            // c (1×n) = op(a) (1×k) · op(b) (k×n), that is c^T = op(b)^T · op(a)^T
            long matrix = b.address;
            int rows = tb ? n : k;
            int columns = tb ? k : n;
            boolean trans = !tb;
            // a is 1×k, or k×1 with lda = 1: its elements are contiguous either way
            if (f32) {
                one.sgemv(
                        trans, rows, columns, (float) alpha, matrix, columns, a.address, 1, (float) beta, c.address, 1);
            } else {
                one.dgemv(trans, rows, columns, alpha, matrix, columns, a.address, 1, beta, c.address, 1);
            }
        } else {
            // c (m×1) = op(a) (m×k) · op(b) (k×1); b is k×1 or 1×k, contiguous either way
            int rows = ta ? k : m;
            int columns = ta ? m : k;
            if (f32) {
                one.sgemv(
                        ta, rows, columns, (float) alpha, a.address, columns, b.address, 1, (float) beta, c.address, 1);
            } else {
                one.dgemv(ta, rows, columns, alpha, a.address, columns, b.address, 1, beta, c.address, 1);
            }
        }
    }
}
