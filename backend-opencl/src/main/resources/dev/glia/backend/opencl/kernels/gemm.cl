/*
 * C = alpha * op(A) * op(B) + beta * C, row-major, after Cedric Nugteren's myGEMM steps and with
 * CLBlast's Xgemm parameters as compile-time knobs (all given as -D build options):
 *
 *   MWG, NWG, KWG  the work-group's tile: MWG rows by NWG columns of C, KWG steps of k at a time
 *   MDIMC, NDIMC   the work-group: NDIMC x MDIMC work-items (dimension 0 runs along the columns)
 *   VWN            vector width along the columns: of the accumulators, the local reads and C's stores
 *   KWI            unroll factor of the loop over k inside a tile
 *   SA, SB         1 stages the tile of A (B) through local memory, 0 reads it from global memory
 *   STRM, STRN     1 strides a work-item's rows (columns) by MDIMC (NDIMC * VWN), 0 keeps them together
 *   TRANS_A/_B     1 reads A (B) transposed: A is stored K x M (B is stored N x K)
 *   EDGES          1 checks every row and column against M and N (tiles at the edges); 0 requires
 *                  whole tiles, which the host guarantees by launching only over the interior
 *
 * Each work-item accumulates an MWI x NWI block (MWI = MWG / MDIMC, NWI = NWG / NDIMC) in registers,
 * NWI / VWN vectors per row. K need not be a multiple of KWG: the last tile is padded with zeros
 * (local memory) or the loop stops at K (direct reads). With beta == 0, C is never read.
 * Host-side validation (GemmParameters) ensures the divisibilities.
 */
#define MWI (MWG / MDIMC)
#define NWI (NWG / NDIMC)
#define NVEC (NWI / VWN)
#define WGS (MDIMC * NDIMC)

#if TRANS_A
#define A_AT(i, k) A[(k) * lda + (i)]
#else
#define A_AT(i, k) A[(i) * lda + (k)]
#endif
#if TRANS_B
#define B_AT(k, j) B[(j) * ldb + (k)]
#else
#define B_AT(k, j) B[(k) * ldb + (j)]
#endif

#if STRM
#define ROW(i) ((i) * MDIMC + tm)
#else
#define ROW(i) (tm * MWI + (i))
#endif
#if STRN
#define COL(v) (((v) * NDIMC + tn) * VWN)
#else
#define COL(v) ((tn * NVEC + (v)) * VWN)
#endif

#if EDGES
#define IN_M(i) ((i) < M)
#define IN_N(j) ((j) < N)
#else
#define IN_M(i) 1
#define IN_N(j) 1
#endif

#if VWN == 1
typedef real realv;
#define LOADV(p) (*(p))
#define STOREV(v, p) (*(p) = (v))
#else
typedef VEC(VWN) realv;
#define LOADV(p) VLOAD(VWN)(0, (p))
#define STOREV(v, p) VSTORE(VWN)((v), 0, (p))
#endif

/* the B vector of columns COL(v) .. COL(v) + VWN - 1 at step k of the tile */
#if SB
#define B_VEC(k, v) LOADV(&Bls[k][COL(v)])
#elif EDGES || TRANS_B || VWN == 1
#define B_VEC(k, v) gather_b(B, ldb, N, kt + (k), gn + COL(v))
#else
#define B_VEC(k, v) LOADV(&B[(kt + (k)) * ldb + gn + COL(v)])
#endif

/* direct reads at the edges clamp to the last row or column: the values are computed, never stored */
#if SA
#define A_VAL(k, i) Als[k][ROW(i)]
#elif EDGES
#define A_VAL(k, i) A_AT(min(gm + ROW(i), M - 1), kt + (k))
#else
#define A_VAL(k, i) A_AT(gm + ROW(i), kt + (k))
#endif

#if !SB
/* B(k, j .. j + VWN - 1) read directly: one vector load where the columns are contiguous and whole */
realv gather_b(const __global real* restrict B, const int ldb, const int N, const int k, const int j) {
#if VWN == 1
    return B_AT(k, EDGES ? min(j, N - 1) : j);
#else
#if !TRANS_B
    if (!EDGES || j + VWN <= N) {
        return LOADV(&B[k * ldb + j]);
    }
#endif
    real v[VWN];
    for (int w = 0; w < VWN; w++) {
        v[w] = B_AT(k, EDGES ? min(j + w, N - 1) : j + w);
    }
    return VLOAD(VWN)(0, v);
#endif
}
#endif

#define STEP(k)                                                          \
    {                                                                    \
        realv bv[NVEC];                                                  \
        for (int v = 0; v < NVEC; v++) {                                 \
            bv[v] = B_VEC(k, v);                                         \
        }                                                                \
        for (int i = 0; i < MWI; i++) {                                  \
            const real a = A_VAL(k, i);                                  \
            for (int v = 0; v < NVEC; v++) {                             \
                acc[i][v] += a * bv[v];                                  \
            }                                                            \
        }                                                                \
    }

__kernel __attribute__((reqd_work_group_size(NDIMC, MDIMC, 1)))
void gemm(const int M, const int N, const int K, const real alpha, const real beta,
          const __global real* restrict A, const int lda,
          const __global real* restrict B, const int ldb,
          __global real* C, const int ldc, const int m0, const int n0) {
    const int tn = get_local_id(0);
    const int tm = get_local_id(1);
    const int tid = tm * NDIMC + tn;
    const int gn = n0 + get_group_id(0) * NWG;
    const int gm = m0 + get_group_id(1) * MWG;
#if SA
    /* one column of padding: the tile of an untransposed A is stored with a stride, which would otherwise
       put every write of a warp in one local memory bank */
    __local real Als[KWG][MWG + 1];
#endif
#if SB
    __local real Bls[KWG][NWG];
#endif
    realv acc[MWI][NVEC];
    for (int i = 0; i < MWI; i++) {
        for (int v = 0; v < NVEC; v++) {
            acc[i][v] = (realv) (0);
        }
    }
    for (int kt = 0; kt < K; kt += KWG) {
#if SA
        for (int l = tid; l < MWG * KWG; l += WGS) {
#if TRANS_A
            const int m = l % MWG;
            const int k = l / MWG;
#else
            const int k = l % KWG;
            const int m = l / KWG;
#endif
            const int gk = kt + k;
            const int gi = gm + m;
            Als[k][m] = (gk < K && IN_M(gi)) ? A_AT(gi, gk) : (real) 0;
        }
#endif
#if SB
        for (int l = tid; l < NWG * KWG; l += WGS) {
#if TRANS_B
            const int k = l % KWG;
            const int n = l / KWG;
#else
            const int n = l % NWG;
            const int k = l / NWG;
#endif
            const int gk = kt + k;
            const int gj = gn + n;
            Bls[k][n] = (gk < K && IN_N(gj)) ? B_AT(gk, gj) : (real) 0;
        }
#endif
#if SA || SB
        barrier(CLK_LOCAL_MEM_FENCE);
#endif
#if SA && SB
        /* zero padding past K makes every tile whole */
        for (int k = 0; k < KWG; k += KWI) {
#pragma unroll
            for (int kk = 0; kk < KWI; kk++) {
                STEP(k + kk)
            }
        }
#else
        const int kcount = min(KWG, K - kt);
        if (kcount == KWG) {
            for (int k = 0; k < KWG; k += KWI) {
#pragma unroll
                for (int kk = 0; kk < KWI; kk++) {
                    STEP(k + kk)
                }
            }
        } else {
            for (int k = 0; k < kcount; k++) {
                STEP(k)
            }
        }
#endif
#if SA || SB
        barrier(CLK_LOCAL_MEM_FENCE);
#endif
    }
    for (int i = 0; i < MWI; i++) {
        const int gi = gm + ROW(i);
        for (int v = 0; v < NVEC; v++) {
            const int gj = gn + COL(v);
            __global real* c = &C[gi * ldc + gj];
#if EDGES
            if (gi < M) {
                const real* r = (const real*) &acc[i][v];
                for (int w = 0; w < VWN; w++) {
                    if (gj + w < N) {
                        c[w] = beta == (real) 0 ? alpha * r[w] : alpha * r[w] + beta * c[w];
                    }
                }
            }
#else
            if (beta == (real) 0) {
                STOREV(alpha * acc[i][v], c);
            } else {
                STOREV(alpha * acc[i][v] + beta * LOADV(c), c);
            }
#endif
        }
    }
}
