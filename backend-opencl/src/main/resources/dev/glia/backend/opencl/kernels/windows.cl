/*
 * Convolution windows and axis permutation, as dev.glia.api.spi.HostWindows defines them (Backend's javadoc is
 * the contract). Images are [N, C, H, W] row-major; a window has a kernel k_h x k_w, a stride s_h x s_w, padding
 * pad_top / pad_left (bottom and right padding only shape out_h, out_w, which the host passes) and a dilation
 * d_h x d_w. Output position (y, x) reads input row y * s_h - pad_top + i * d_h and column
 * x * s_w - pad_left + j * d_w for taps (i, j); positions outside the input are padding.
 *
 * Each work-item writes its own elements of the output, once: no atomics, no read-modify-write of the output, so
 * results are deterministic. im2col runs a 2-D range (column p, channel c) whose work-item writes the k_h * k_w
 * rows of channel c in column p (as CLBlast's im2col does, in Glia's layout); the others are one-dimensional,
 * one work-item per element written. Indices are int: each lies below a tensor's size (< 2^31). The sums a
 * work-item gathers run in the order of the host definition's loops, so FLOAT64 results equal the reference
 * bit for bit (FP_CONTRACT off keeps the compiler from fusing the average's multiply-add).
 *
 *   im2col:            columns[(c*k_h + i)*k_w + j, (n*out_h + y)*out_w + x] = input[n, c, ih, iw] or 0
 *   col2im:            each input element sums, over taps (i, j) in row-major order, the one column element
 *                      (if any) that im2col copied from it: h + pad_top - i*d_h must be a multiple of s_h
 *                      giving a row y in [0, out_h), likewise the column
 *   max_pool:          the largest element of each window, padding excluded; ties to the first in row-major
 *                      order, the first NaN wins; argmax gets its position h*W + w in the plane
 *   max_pool_backward: each input element sums, in output row-major order, the gradients of the windows that
 *                      contain it and whose argmax names it
 *   avg_pool:          the window's sum (padding as zeros) times scale = 1 / (k_h*k_w)
 *   avg_pool_backward: each input element sums gradOutput * scale over the windows that contain it, in output
 *                      row-major order
 *   permute:           output element g, with coordinates j_0..j_4 in the output's dims, reads
 *                      input[sum j_a * step_a], step_a being the input stride of the axis output axis a takes;
 *                      rank < 5 is padded in front with dims 1
 * Pooling windows are undilated (Backend#maxPool2d), so the pooling kernels ignore d_h and d_w.
 *
 * Build options: those of common.h (-DGLIA_FP64 for double).
 */
#pragma OPENCL FP_CONTRACT OFF

#define WINDOW_ARGS const int batch, const int channels, const int height, const int width, const int out_h, \
        const int out_w, const int k_h, const int k_w, const int s_h, const int s_w, const int pad_top, \
        const int pad_left, const int d_h, const int d_w

/* the first output index t >= 0 with t * s >= v (v may be negative) */
int first_at_least(const int v, const int s) {
    return v <= 0 ? 0 : (v + s - 1) / s;
}

__kernel void im2col(WINDOW_ARGS, const __global real* restrict in, __global real* restrict cols) {
    const int positions = batch * out_h * out_w;
    const int p = get_global_id(0);
    const int c = get_global_id(1);
    if (p >= positions) {
        return;
    }
    const int x = p % out_w;
    const int y = (p / out_w) % out_h;
    const int n = p / (out_w * out_h);
    const __global real* plane = in + (n * channels + c) * height * width;
    __global real* to = cols + c * k_h * k_w * positions + p;
    for (int i = 0; i < k_h; i++) {
        const int ih = y * s_h - pad_top + i * d_h;
        const bool row_inside = ih >= 0 && ih < height;
        for (int j = 0; j < k_w; j++) {
            const int iw = x * s_w - pad_left + j * d_w;
            *to = row_inside && iw >= 0 && iw < width ? plane[ih * width + iw] : (real) 0;
            to += positions;
        }
    }
}

__kernel void col2im(WINDOW_ARGS, const __global real* restrict cols, __global real* restrict img) {
    const int total = batch * channels * height * width;
    const int g = get_global_id(0);
    if (g >= total) {
        return;
    }
    const int w = g % width;
    const int h = (g / width) % height;
    const int c = (g / (width * height)) % channels;
    const int n = g / (width * height * channels);
    const int positions = batch * out_h * out_w;
    real sum = (real) 0;
    for (int i = 0; i < k_h; i++) {
        const int th = h + pad_top - i * d_h;
        if (th < 0) {
            break; /* later taps lie further up */
        }
        if (th % s_h != 0 || th / s_h >= out_h) {
            continue;
        }
        const int y = th / s_h;
        for (int j = 0; j < k_w; j++) {
            const int tw = w + pad_left - j * d_w;
            if (tw < 0) {
                break;
            }
            if (tw % s_w != 0 || tw / s_w >= out_w) {
                continue;
            }
            const int x = tw / s_w;
            const int row = (c * k_h + i) * k_w + j;
            sum += cols[row * positions + (n * out_h + y) * out_w + x];
        }
    }
    img[g] = sum;
}

__kernel void max_pool(WINDOW_ARGS, const __global real* restrict in, __global real* restrict out,
        __global int* restrict argmax) {
    const int total = batch * channels * out_h * out_w;
    const int g = get_global_id(0);
    if (g >= total) {
        return;
    }
    const int x = g % out_w;
    const int y = (g / out_w) % out_h;
    const int plane = g / (out_w * out_h);
    const __global real* p = in + plane * height * width;
    real best = (real) 0;
    int best_at = -1;
    for (int i = 0; i < k_h; i++) {
        const int ih = y * s_h - pad_top + i;
        if (ih < 0 || ih >= height) {
            continue;
        }
        for (int j = 0; j < k_w; j++) {
            const int iw = x * s_w - pad_left + j;
            if (iw < 0 || iw >= width) {
                continue;
            }
            const real v = p[ih * width + iw];
            const bool wins = best_at < 0 || (isnan(v) ? !isnan(best) : v > best);
            if (wins) {
                best = v;
                best_at = ih * width + iw;
            }
        }
    }
    out[g] = best;
    argmax[g] = best_at;
}

__kernel void max_pool_backward(WINDOW_ARGS, const __global real* restrict grad_out,
        const __global int* restrict argmax, __global real* restrict grad_in) {
    const int total = batch * channels * height * width;
    const int g = get_global_id(0);
    if (g >= total) {
        return;
    }
    const int w = g % width;
    const int h = (g / width) % height;
    const int plane = g / (width * height);
    const int at = h * width + w;
    const int y_end = min(out_h, (h + pad_top) / s_h + 1);
    const int x_end = min(out_w, (w + pad_left) / s_w + 1);
    const int x_begin = first_at_least(w + pad_left - k_w + 1, s_w);
    const int base = plane * out_h * out_w;
    real sum = (real) 0;
    for (int y = first_at_least(h + pad_top - k_h + 1, s_h); y < y_end; y++) {
        for (int x = x_begin; x < x_end; x++) {
            const int o = base + y * out_w + x;
            if (argmax[o] == at) {
                sum += grad_out[o];
            }
        }
    }
    grad_in[g] = sum;
}

__kernel void avg_pool(WINDOW_ARGS, const __global real* restrict in, __global real* restrict out,
        const real scale) {
    const int total = batch * channels * out_h * out_w;
    const int g = get_global_id(0);
    if (g >= total) {
        return;
    }
    const int x = g % out_w;
    const int y = (g / out_w) % out_h;
    const int plane = g / (out_w * out_h);
    const __global real* p = in + plane * height * width;
    real sum = (real) 0;
    for (int i = 0; i < k_h; i++) {
        const int ih = y * s_h - pad_top + i;
        if (ih < 0 || ih >= height) {
            continue;
        }
        for (int j = 0; j < k_w; j++) {
            const int iw = x * s_w - pad_left + j;
            if (iw >= 0 && iw < width) {
                sum += p[ih * width + iw];
            }
        }
    }
    out[g] = sum * scale;
}

__kernel void avg_pool_backward(WINDOW_ARGS, const __global real* restrict grad_out,
        __global real* restrict grad_in, const real scale) {
    const int total = batch * channels * height * width;
    const int g = get_global_id(0);
    if (g >= total) {
        return;
    }
    const int w = g % width;
    const int h = (g / width) % height;
    const int plane = g / (width * height);
    const int y_end = min(out_h, (h + pad_top) / s_h + 1);
    const int x_end = min(out_w, (w + pad_left) / s_w + 1);
    const int x_begin = first_at_least(w + pad_left - k_w + 1, s_w);
    const int base = plane * out_h * out_w;
    real sum = (real) 0;
    for (int y = first_at_least(h + pad_top - k_h + 1, s_h); y < y_end; y++) {
        for (int x = x_begin; x < x_end; x++) {
            sum += grad_out[base + y * out_w + x] * scale;
        }
    }
    grad_in[g] = sum;
}

__kernel void permute(const int total, const int d0, const int d1, const int d2, const int d3, const int d4,
        const int step0, const int step1, const int step2, const int step3, const int step4,
        const __global real* restrict in, __global real* restrict out) {
    const int g = get_global_id(0);
    if (g >= total) {
        return;
    }
    const int dims[5] = {d0, d1, d2, d3, d4};
    const int steps[5] = {step0, step1, step2, step3, step4};
    int rest = g;
    int from = 0;
    for (int a = 4; a >= 0; a--) {
        from += rest % dims[a] * steps[a];
        rest /= dims[a];
    }
    out[g] = in[from];
}
