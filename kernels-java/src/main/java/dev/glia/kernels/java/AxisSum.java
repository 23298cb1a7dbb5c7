package dev.glia.kernels.java;

import dev.glia.api.Shape;
import java.util.Arrays;

/**
 * Sums a tensor over any set of its axes ({@link dev.glia.api.Backend#sumToShape}) on the CPU, in double.
 *
 * <p>The input is first seen as at most {@link Shape#MAX_RANK} groups of adjacent axes that are all kept or
 * all summed (axes of size 1 dropped), e.g. {@code [N, C, H, W] → [1, C, 1, 1]} as {@code N} summed, {@code C}
 * kept, {@code H·W} summed. The elements are then read once in row-major order, a run of the innermost group at
 * a time: a summed run adds up into one sum, a kept run adds element by element onto a run of the output. So
 * a per-channel sum is a plain loop over each channel's contiguous {@code H·W} block, and a bias gradient
 * ({@code [N, F] → [1, F]}) a vector addition per row.
 *
 * <p>The input may arrive in pieces ({@link #add(float[], int, int, int)}), so that a backend can stage
 * native memory through a small heap array. Use: {@link #start}, {@link #add} over every element in any
 * order of pieces, then {@link #sums()}. Scratch is kept between calls; not thread-safe.
 */
public final class AxisSum {
    /** The sizes of the groups, outermost first, and whether each is kept. */
    private final int[] sizes = new int[Shape.MAX_RANK];

    private final boolean[] kept = new boolean[Shape.MAX_RANK];
    /** The output stride of each kept group (0 for a summed one). */
    private final int[] outStrides = new int[Shape.MAX_RANK];

    private final int[] at = new int[Shape.MAX_RANK];
    private int groups;
    private int outputs;
    private double[] acc = new double[0];

    /** An empty summer; its accumulator grows to the largest output seen. */
    public AxisSum() {}

    /**
     * Starts the sum of a tensor of shape {@code in} into {@code out}: the same rank, each dimension of
     * {@code out} {@code in}'s or 1 (checked by the caller).
     */
    public void start(Shape in, Shape out) {
        groups = 0;
        for (int a = 0; a < in.rank(); a++) {
            int d = in.dim(a);
            if (d == 1) {
                continue;
            }
            boolean keep = out.dim(a) != 1;
            if (groups > 0 && kept[groups - 1] == keep) {
                sizes[groups - 1] *= d;
            } else {
                sizes[groups] = d;
                kept[groups] = keep;
                groups++;
            }
        }
        if (groups == 0) { // a single element
            sizes[0] = 1;
            kept[0] = true;
            groups = 1;
        }
        int stride = 1;
        for (int g = groups - 1; g >= 0; g--) {
            outStrides[g] = kept[g] ? stride : 0;
            stride *= kept[g] ? sizes[g] : 1;
        }
        outputs = out.size();
        if (acc.length < outputs) {
            acc = new double[outputs];
        }
        Arrays.fill(acc, 0, outputs, 0.0);
    }

    /** Adds input elements {@code position … position + len - 1}, held in {@code x[from … from + len - 1]}. */
    public void add(float[] x, int from, int len, int position) {
        int last = groups - 1;
        int inner = sizes[last];
        int base = seek(position);
        for (int p = from, end = from + len; p < end; ) {
            int run = Math.min(inner - at[last], end - p);
            if (kept[last]) {
                int o = base + at[last];
                for (int t = 0; t < run; t++) {
                    acc[o + t] += x[p + t];
                }
            } else {
                acc[base] += Sums.of(x, p, run);
            }
            p += run;
            at[last] += run;
            if (at[last] == inner) {
                base = carry();
            }
        }
    }

    /** The FLOAT64 form of {@link #add(float[], int, int, int)}. */
    public void add(double[] x, int from, int len, int position) {
        int last = groups - 1;
        int inner = sizes[last];
        int base = seek(position);
        for (int p = from, end = from + len; p < end; ) {
            int run = Math.min(inner - at[last], end - p);
            if (kept[last]) {
                int o = base + at[last];
                for (int t = 0; t < run; t++) {
                    acc[o + t] += x[p + t];
                }
            } else {
                acc[base] += Sums.of(x, p, run);
            }
            p += run;
            at[last] += run;
            if (at[last] == inner) {
                base = carry();
            }
        }
    }

    /** The sums so far, in the first {@code out.size()} entries; the array is this summer's own. */
    public double[] sums() {
        return acc;
    }

    /** {@link #start}, one {@link #add} of all of {@code in}, and the sums rounded into {@code out}. */
    public void sum(float[] in, Shape inShape, float[] out, Shape outShape) {
        start(inShape, outShape);
        add(in, 0, inShape.size(), 0);
        for (int o = 0; o < outputs; o++) {
            out[o] = (float) acc[o];
        }
    }

    /** The FLOAT64 form of {@link #sum(float[], Shape, float[], Shape)}. */
    public void sum(double[] in, Shape inShape, double[] out, Shape outShape) {
        start(inShape, outShape);
        add(in, 0, inShape.size(), 0);
        System.arraycopy(acc, 0, out, 0, outputs);
    }

    /** Sets the group indices to input element {@code position}; returns the output offset of the outer groups. */
    private int seek(int position) {
        int rest = position;
        for (int g = groups - 1; g >= 0; g--) {
            at[g] = rest % sizes[g];
            rest /= sizes[g];
        }
        return outer();
    }

    /** Moves past a finished innermost run to the next; returns the new output offset of the outer groups. */
    private int carry() {
        at[groups - 1] = 0;
        for (int g = groups - 2; g >= 0; g--) {
            if (++at[g] < sizes[g]) {
                break;
            }
            at[g] = 0;
        }
        return outer();
    }

    private int outer() {
        int o = 0;
        for (int g = 0; g < groups - 1; g++) {
            o += at[g] * outStrides[g];
        }
        return o;
    }
}
