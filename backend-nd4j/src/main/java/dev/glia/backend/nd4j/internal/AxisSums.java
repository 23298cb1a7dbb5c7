package dev.glia.backend.nd4j.internal;

import dev.glia.api.DType;
import dev.glia.kernels.java.AxisSum;

/**
 * {@code sumToShape} over native buffers: the input is staged through a heap array of {@link #CHUNK} elements
 * into an {@link AxisSum} (sums in double, rounded once), and the sums are written back in one bulk copy.
 * Scratch is kept between calls; not thread-safe.
 */
final class AxisSums {
    /** Elements staged per piece. */
    static final int CHUNK = 2048;

    private final AxisSum sum = new AxisSum();
    private final float[] floats = new float[CHUNK];
    private final double[] doubles = new double[CHUNK];
    private float[] floatOut = new float[0];

    /** Sums {@code in} into {@code out} (checked by AbstractBackend). */
    void sum(Nd4jTensor in, Nd4jTensor out) {
        sum.start(in.shape(), out.shape());
        int n = in.shape().size();
        for (int start = 0; start < n; start += CHUNK) {
            int len = Math.min(CHUNK, n - start);
            if (in.dtype() == DType.FLOAT32) {
                in.floats.get(start, floats, 0, len);
                sum.add(floats, 0, len, start);
            } else {
                in.doubles.get(start, doubles, 0, len);
                sum.add(doubles, 0, len, start);
            }
        }
        int m = out.shape().size();
        double[] sums = sum.sums();
        if (out.dtype() == DType.FLOAT32) {
            if (floatOut.length < m) {
                floatOut = new float[m];
            }
            for (int i = 0; i < m; i++) {
                floatOut[i] = (float) sums[i];
            }
            out.floats.put(0, floatOut, 0, m);
        } else {
            out.doubles.put(0, sums, 0, m);
        }
    }
}
