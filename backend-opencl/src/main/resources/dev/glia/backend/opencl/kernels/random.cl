/*
 * Counter-based random fills: Philox-4x32-10 (Salmon et al., SC 2011; Random123), exactly as
 * dev.glia.api.spi.Philox defines them. One work-item per counter: block b is counter
 * (offset + b as two 32-bit words, low first, 0, 0) under the key (k0, k1) = the seed's halves, and gives
 * elements 4b .. 4b+3 (those below n). A word w gives u = (w + 0.5) * 2^-32.
 *   random_uniform: low + (high - low) * u
 *   random_normal:  Box-Muller on elements (2j, 2j+1): r = sqrt(-2 ln u1),
 *                   mean + stddev * r cos(2 pi u2), mean + stddev * r sin(2 pi u2)
 *
 * Build options: -DGLIA_FP64 for double tensors (common.h); -DGLIA_ACC64 computes in double, which makes
 * uniform FLOAT32 results bit-identical to the Java definition (set whenever the device has cl_khr_fp64).
 * Without it the arithmetic is float: uniforms use u = ((w >> 8) + 0.5) * 2^-24 and agree within a float
 * ulp or so; ln u1 is log(u1) below 1/2 and log1p(-(1 - u1)) above, with 1 - u1 = (~w + 0.5) * 2^-32, so
 * that the logarithm keeps its relative precision where u1 is near 1 and normals agree within float rounding.
 * Contraction into fma is off so that every step rounds as Java's does.
 */
#pragma OPENCL FP_CONTRACT OFF
#ifdef GLIA_ACC64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
typedef double acc;
#define TWO_PI 6.283185307179586
#define UNIT(w) (((double) (w) + 0.5) * 0x1p-32)
#else
typedef float acc;
#define TWO_PI 6.2831855f
#define UNIT(w) (((float) ((w) >> 8) + 0.5f) * 0x1p-24f)
#endif

/* ln u of a word's uniform u = (w + 0.5) * 2^-32 */
acc log_unit(const uint w) {
#ifdef GLIA_ACC64
    return log(UNIT(w));
#else
    if (w < 0x80000000u) {
        return log(((float) w + 0.5f) * 0x1p-32f);
    }
    return log1p(-(((float) (~w) + 0.5f) * 0x1p-32f));
#endif
}

#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u

/* Philox-4x32-10 of counter (c0, c1, 0, 0) under (k0, k1), into w[0..3] */
void philox4x32_10(uint c0, uint c1, uint k0, uint k1, uint w[4]) {
    uint x0 = c0, x1 = c1, x2 = 0, x3 = 0;
    for (int round = 0; round < 10; round++) {
        if (round > 0) {
            k0 += PHILOX_W0;
            k1 += PHILOX_W1;
        }
        const uint hi0 = mul_hi(PHILOX_M0, x0);
        const uint lo0 = PHILOX_M0 * x0;
        const uint hi1 = mul_hi(PHILOX_M1, x2);
        const uint lo1 = PHILOX_M1 * x2;
        x0 = hi1 ^ x1 ^ k0;
        x1 = lo1;
        x2 = hi0 ^ x3 ^ k1;
        x3 = lo0;
    }
    w[0] = x0;
    w[1] = x1;
    w[2] = x2;
    w[3] = x3;
}

__kernel void random_uniform(const int n, const uint k0, const uint k1, const ulong offset, const acc low,
        const acc high, __global real* restrict out) {
    const long b = get_global_id(0);
    const long first = 4 * b;
    if (first >= n) {
        return;
    }
    const ulong counter = offset + (ulong) b;
    uint w[4];
    philox4x32_10((uint) counter, (uint) (counter >> 32), k0, k1, w);
    const acc span = high - low;
    for (int j = 0; j < 4 && first + j < n; j++) {
        const acc scaled = span * UNIT(w[j]);
        out[first + j] = (real) (low + scaled);
    }
}

__kernel void random_normal(const int n, const uint k0, const uint k1, const ulong offset, const acc mean,
        const acc stddev, __global real* restrict out) {
    const long b = get_global_id(0);
    const long first = 4 * b;
    if (first >= n) {
        return;
    }
    const ulong counter = offset + (ulong) b;
    uint w[4];
    philox4x32_10((uint) counter, (uint) (counter >> 32), k0, k1, w);
    for (int j = 0; j < 4 && first + j < n; j += 2) {
        const acc r = sqrt((acc) -2 * log_unit(w[j]));
        const acc theta = TWO_PI * UNIT(w[j + 1]);
        out[first + j] = (real) (mean + stddev * (r * cos(theta)));
        if (first + j + 1 < n) {
            out[first + j + 1] = (real) (mean + stddev * (r * sin(theta)));
        }
    }
}
