/*
 * Glia's shared OpenCL header, prepended to every program (the .cl files of each op family and
 * every generated element-wise kernel). It fixes the element type and defines the primitives whose
 * OpenCL builtins differ from the float64 specification (dev.glia.api.expr.Expr#evaluate):
 *   - fmax/fmin return the other operand when one is NaN and may order -0 and +0 either way; Glia's
 *     max/min propagate NaN and put +0 above -0, as Math.max/Math.min;
 *   - pow(1, NaN) and pow(-1, +-inf) are 1 in C99 but NaN in the specification (Java's Math.pow).
 *
 * Build options: -DGLIA_FP64 selects double (the device must support cl_khr_fp64).
 */
#ifdef GLIA_FP64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#define REAL double
#define REAL_NAN ((double) NAN)
#else
#define REAL float
#define REAL_NAN NAN
#endif
typedef REAL real;

/* vector types and loads of a compile-time width: VEC(4) is float4 (double4), VLOAD(4) is vload4 */
#define GLIA_CAT_(a, b) a##b
#define GLIA_CAT(a, b) GLIA_CAT_(a, b)
#define VEC(w) GLIA_CAT(REAL, w)
#define VLOAD(w) GLIA_CAT(vload, w)
#define VSTORE(w) GLIA_CAT(vstore, w)

/* max(a, b) as Math.max: NaN if either is NaN, and +0 is above -0 */
real glia_max(real a, real b) {
    if (isnan(a) || isnan(b)) {
        return a + b;
    }
    if (a == b) {
        return signbit(a) ? b : a;
    }
    return a > b ? a : b;
}

/* min(a, b) as Math.min: NaN if either is NaN, and -0 is below +0 */
real glia_min(real a, real b) {
    if (isnan(a) || isnan(b)) {
        return a + b;
    }
    if (a == b) {
        return signbit(a) ? a : b;
    }
    return a < b ? a : b;
}

/* a to the power b, as Math.pow */
real glia_pow(real a, real b) {
    if (isnan(b)) {
        return b;
    }
    if (b == (real) 0) {
        return (real) 1;
    }
    if (fabs(a) == (real) 1 && isinf(b)) {
        return REAL_NAN;
    }
    return pow(a, b);
}
