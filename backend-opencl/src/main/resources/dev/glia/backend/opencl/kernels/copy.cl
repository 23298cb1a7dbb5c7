/*
 * copy_block: copies a rows x columns block between the row-major matrix views of two buffers (which may be one
 * buffer when the blocks share no element). Work-item (c, r) of a columns x rows range copies element
 * src[srcOffset + r * srcStride + c] to dst[dstOffset + r * dstStride + c], so neighbouring work-items touch
 * neighbouring elements. Offsets and strides are in elements.
 *
 * Build options: those of common.h (-DGLIA_FP64 for double).
 */
__kernel void copy_block(__global const real* src, const int srcOffset, const int srcStride,
                         __global real* dst, const int dstOffset, const int dstStride) {
    const int c = get_global_id(0);
    const int r = get_global_id(1);
    dst[dstOffset + r * dstStride + c] = src[srcOffset + r * srcStride + c];
}
