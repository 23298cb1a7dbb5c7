/*
 * The template of every generated element-wise kernel (see ExprRenderer): one work-item per
 * output element of the rows x cols matrix view. The renderer replaces the markers:
 *   INPUTS  the parameters of the inputs the expression reads ("const __global real* in0", ...)
 *   INDEX   r and c, computed only when an input broadcasts as a row or a column
 *   BODY    one local per distinct subexpression, in dependency order
 *   RESULT  the local that holds the value
 * Every input of an element is read before the element is written, so out may be a full input.
 */
#pragma OPENCL FP_CONTRACT OFF

__kernel void elementwise(const int n, const int cols, __global real* out/*INPUTS*/) {
    const size_t gid = get_global_id(0);
    if (gid >= (size_t) n) {
        return;
    }
    const int i = (int) gid;
/*INDEX*/
/*BODY*/
    out[i] = /*RESULT*/;
}
