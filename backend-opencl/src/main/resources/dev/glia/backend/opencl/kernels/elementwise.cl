/*
 * The template of every generated element-wise kernel (see ExprRenderer): one work-item per
 * output element of the rows x cols matrix view. The renderer replaces the markers:
 *   OUTPUTS the parameter of the output ("__global real* out"), or of each output (out0, out1, ...)
 *   INPUTS  the parameters of the inputs the expression reads ("const __global real* in0", ...)
 *   INDEX   r and c, computed only when an input broadcasts as a row or a column
 *   BODY    one local per distinct subexpression, in dependency order
 *   WRITES  the store of each output: "out[i] = t3;" (or out0[i], out1[i], ... with several outputs)
 * Every input of an element is read, and every value computed, before any output is written, so an
 * output may be a full input.
 */
#pragma OPENCL FP_CONTRACT OFF

__kernel void elementwise(const int n, const int cols/*OUTPUTS*//*INPUTS*/) {
    const size_t gid = get_global_id(0);
    if (gid >= (size_t) n) {
        return;
    }
    const int i = (int) gid;
/*INDEX*/
/*BODY*/
/*WRITES*/
}
