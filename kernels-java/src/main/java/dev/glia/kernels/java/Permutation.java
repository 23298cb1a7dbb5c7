package dev.glia.kernels.java;

import dev.glia.api.Shape;
import java.nio.Buffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * {@link dev.glia.api.Backend#permute} as block copies. The trailing axes that the permutation leaves in place
 * form a contiguous block in both tensors ({@code P} in {@code [K, N, P] → [N, K, P]}); the axis before them is
 * the inner run, read at its input stride; the axes before that are the outer units, one unit a run of blocks
 * written contiguously, so that parts over disjoint units write disjoint output. A block of
 * {@value #BULK} elements or more is one bulk copy. Planned once per call ({@link #plan}), reused; the plan is
 * read by several threads after the caller has written it.
 */
final class Permutation {
    /** The block length from which a block is copied with one bulk copy rather than element by element. */
    static final int BULK = 16;

    private final int[] dims = new int[Shape.MAX_RANK];
    private final int[] steps = new int[Shape.MAX_RANK];
    private final int[] strides = new int[Shape.MAX_RANK];
    private int outerAxes;
    private int count;
    private int step;
    private int block;

    /** Plans the permutation of {@code in} by {@code axes} (checked by the caller); returns the outer units. */
    int plan(Shape in, int[] axes) {
        int rank = in.rank();
        int stride = 1;
        for (int a = rank - 1; a >= 0; a--) {
            strides[a] = stride;
            stride *= in.dim(a);
        }
        int kept = rank;
        while (kept > 0 && axes[kept - 1] == kept - 1) {
            kept--;
        }
        block = 1;
        for (int a = kept; a < rank; a++) {
            block *= in.dim(a);
        }
        if (kept == 0) { // the identity: one block
            outerAxes = 0;
            count = 1;
            step = 0;
            return 1;
        }
        count = in.dim(axes[kept - 1]);
        step = strides[axes[kept - 1]];
        outerAxes = kept - 1;
        int units = 1;
        for (int a = 0; a < outerAxes; a++) {
            dims[a] = in.dim(axes[a]);
            steps[a] = strides[axes[a]];
            units *= dims[a];
        }
        return units;
    }

    /** Copies outer units {@code [from, to)} of {@code in} into {@code out}, both FLOAT32 or both FLOAT64. */
    void run(Buffer in, Buffer out, int from, int to) {
        int run = count * block;
        for (int q = from; q < to; q++) {
            int rest = q;
            int src = 0;
            for (int a = outerAxes - 1; a >= 0; a--) {
                src += (rest % dims[a]) * steps[a];
                rest /= dims[a];
            }
            if (out instanceof FloatBuffer f) {
                copy((FloatBuffer) in, src, f, q * run);
            } else {
                copy((DoubleBuffer) in, src, (DoubleBuffer) out, q * run);
            }
        }
    }

    /** {@link #count} blocks of {@link #block} elements, {@link #step} apart in {@code in}, into a run of {@code out}. */
    private void copy(FloatBuffer in, int src, FloatBuffer out, int dst) {
        if (in.hasArray() && out.hasArray()) {
            float[] a = in.array();
            float[] b = out.array();
            src += in.arrayOffset();
            dst += out.arrayOffset();
            if (block == 1) {
                for (int k = 0; k < count; k++) {
                    b[dst + k] = a[src + k * step];
                }
            } else {
                for (int k = 0; k < count; k++) {
                    System.arraycopy(a, src + k * step, b, dst + k * block, block);
                }
            }
        } else if (block >= BULK) {
            for (int k = 0; k < count; k++) {
                out.put(dst + k * block, in, src + k * step, block);
            }
        } else {
            for (int k = 0; k < count; k++) {
                for (int e = 0; e < block; e++) {
                    out.put(dst + k * block + e, in.get(src + k * step + e));
                }
            }
        }
    }

    /** {@link #copy(FloatBuffer, int, FloatBuffer, int)} for FLOAT64. */
    private void copy(DoubleBuffer in, int src, DoubleBuffer out, int dst) {
        if (in.hasArray() && out.hasArray()) {
            double[] a = in.array();
            double[] b = out.array();
            src += in.arrayOffset();
            dst += out.arrayOffset();
            if (block == 1) {
                for (int k = 0; k < count; k++) {
                    b[dst + k] = a[src + k * step];
                }
            } else {
                for (int k = 0; k < count; k++) {
                    System.arraycopy(a, src + k * step, b, dst + k * block, block);
                }
            }
        } else if (block >= BULK) {
            for (int k = 0; k < count; k++) {
                out.put(dst + k * block, in, src + k * step, block);
            }
        } else {
            for (int k = 0; k < count; k++) {
                for (int e = 0; e < block; e++) {
                    out.put(dst + k * block + e, in.get(src + k * step + e));
                }
            }
        }
    }
}
