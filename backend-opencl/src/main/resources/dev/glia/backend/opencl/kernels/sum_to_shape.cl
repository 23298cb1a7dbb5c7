/*
 * sumToShape: sums a tensor over any set of its axes. The host first merges adjacent axes that are all kept
 * or all summed (axes of size 1 dropped) into at most 5 groups g0..g4, outermost first; bit j of `kept` says
 * whether group j is kept. One work-item per output element: it finds the offset of its kept coordinates in
 * the input, then walks every summed coordinate; when the innermost group is summed, that walk is a
 * contiguous run. Neighbouring work-items read neighbouring elements when the innermost group is kept.
 * Compensated (Kahan) summation keeps float32 sums of long runs accurate; FP_CONTRACT is off so the
 * compensation is not folded away.
 */
#pragma OPENCL FP_CONTRACT OFF

__kernel void sum_to_shape(const int outputs, const int groups, const int kept, const int g0, const int g1,
        const int g2, const int g3, const int g4, const __global real* restrict in, __global real* restrict out) {
    const size_t gid = get_global_id(0);
    if (gid >= (size_t) outputs) {
        return;
    }
    const int size[5] = {g0, g1, g2, g3, g4};
    long stride[5];
    long s = 1;
    for (int j = groups - 1; j >= 0; j--) {
        stride[j] = s;
        s *= size[j];
    }
    /* the input offset of this output's kept coordinates, and the number of summed combinations */
    int rest = (int) gid;
    long base = 0;
    int combinations = 1;
    for (int j = groups - 1; j >= 0; j--) {
        if (kept & (1 << j)) {
            base += (long) (rest % size[j]) * stride[j];
            rest /= size[j];
        } else {
            combinations *= size[j];
        }
    }
    const int last = groups - 1;
    const int run = (kept & (1 << last)) ? 1 : size[last];
    const int outer = combinations / run;
    const int summedGroups = (kept & (1 << last)) ? groups : groups - 1;
    real sum = (real) 0;
    real carry = (real) 0;
    for (int r = 0; r < outer; r++) {
        /* r's coordinates over the summed groups outside the contiguous run */
        int q = r;
        long offset = base;
        for (int j = summedGroups - 1; j >= 0; j--) {
            if (!(kept & (1 << j))) {
                offset += (long) (q % size[j]) * stride[j];
                q /= size[j];
            }
        }
        const __global real* p = in + offset;
        for (int t = 0; t < run; t++) {
            const real y = p[t] - carry;
            const real next = sum + y;
            carry = (next - sum) - y;
            sum = next;
        }
    }
    out[gid] = sum;
}
