/*
 * Rows of a row-major table of rows of d elements, addressed by INT32 indices already checked to lie in
 * [0, V) by the host.
 *
 * gather_rows: work-item (j, i) copies element j of row indices[i] of the table to element j of row i of
 *   out; the work-items along dimension 0 read neighbouring elements.
 * scatter_add_rows: work-item j owns column j of the table and adds element j of row i of src into row
 *   indices[i] for i = 0, 1, ..., n - 1 in order. No two work-items touch one element, so repeated indices
 *   need no atomics and every backend adds in the same order (the float64 reference's). Parallel over the d
 *   columns only.
 */
__kernel void gather_rows(const int n, const int d, const __global int* restrict indices,
        const __global real* restrict table, __global real* restrict out) {
    const int j = get_global_id(0);
    const int i = get_global_id(1);
    if (j < d && i < n) {
        out[(long) i * d + j] = table[(long) indices[i] * d + j];
    }
}

__kernel void scatter_add_rows(const int n, const int d, const __global int* restrict indices,
        const __global real* restrict src, __global real* restrict table) {
    const int j = get_global_id(0);
    if (j >= d) {
        return;
    }
    for (int i = 0; i < n; i++) {
        const long to = (long) indices[i] * d + j;
        table[to] += src[(long) i * d + j];
    }
}
