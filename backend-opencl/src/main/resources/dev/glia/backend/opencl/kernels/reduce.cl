/*
 * Reductions along one axis of a rows x cols matrix: OP 0 sums, 1 takes the maximum (NaN
 * propagates), 2 takes the index of the first maximum (or of the first NaN), written as a real.
 *
 * reduce_rows (axis 1): one work-group of RWG work-items per row; each work-item folds a strided
 *   part of the row, then the group combines the partial results in local memory.
 * reduce_cols (axis 0): work-groups of CW columns x CL lanes; each lane folds every CL-th row of
 *   its column (neighbouring work-items read neighbouring columns), then the lanes are combined.
 *
 * Build options: -DOP=0|1|2, -DRWG, -DCW, -DCL (powers of two).
 */
#if OP == 0
#define IDENTITY ((real) 0)
#elif OP == 1
#define IDENTITY ((real) (-INFINITY))
#else
#define IDENTITY ((real) (-INFINITY))
#endif

/* folds (v2, i2) into (*v, *i) */
void combine(real* v, int* i, const real v2, const int i2) {
#if OP == 0
    *v += v2;
#elif OP == 1
    *v = glia_max(*v, v2);
#else
    const real v1 = *v;
    const int i1 = *i;
    int take;
    if (isnan(v1)) {
        take = isnan(v2) && i2 < i1;
    } else if (isnan(v2)) {
        take = 1;
    } else {
        take = v2 > v1 || (v2 == v1 && i2 < i1);
    }
    if (take) {
        *v = v2;
        *i = i2;
    }
#endif
}

real result(const real v, const int i) {
#if OP == 2
    return (real) i;
#else
    return v;
#endif
}

__kernel __attribute__((reqd_work_group_size(RWG, 1, 1)))
void reduce_rows(const int rows, const int cols, const __global real* restrict in, __global real* restrict out) {
    __local real lv[RWG];
    __local int li[RWG];
    const int row = get_group_id(0);
    const int lane = get_local_id(0);
    const __global real* r = in + (long) row * cols;
    real v = IDENTITY;
    int idx = INT_MAX;
    for (int c = lane; c < cols; c += RWG) {
        combine(&v, &idx, r[c], c);
    }
    lv[lane] = v;
    li[lane] = idx;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int s = RWG / 2; s > 0; s >>= 1) {
        if (lane < s) {
            real a = lv[lane];
            int ia = li[lane];
            combine(&a, &ia, lv[lane + s], li[lane + s]);
            lv[lane] = a;
            li[lane] = ia;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lane == 0) {
        out[row] = result(lv[0], li[0]);
    }
}

__kernel __attribute__((reqd_work_group_size(CW, CL, 1)))
void reduce_cols(const int rows, const int cols, const __global real* restrict in, __global real* restrict out) {
    __local real lv[CL][CW];
    __local int li[CL][CW];
    const int x = get_local_id(0);
    const int lane = get_local_id(1);
    const int col = get_group_id(0) * CW + x;
    real v = IDENTITY;
    int idx = INT_MAX;
    if (col < cols) {
        for (int r = lane; r < rows; r += CL) {
            combine(&v, &idx, in[(long) r * cols + col], r);
        }
    }
    lv[lane][x] = v;
    li[lane][x] = idx;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int s = CL / 2; s > 0; s >>= 1) {
        if (lane < s) {
            real a = lv[lane][x];
            int ia = li[lane][x];
            combine(&a, &ia, lv[lane + s][x], li[lane + s][x]);
            lv[lane][x] = a;
            li[lane][x] = ia;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lane == 0 && col < cols) {
        out[col] = result(lv[0][x], li[0][x]);
    }
}
