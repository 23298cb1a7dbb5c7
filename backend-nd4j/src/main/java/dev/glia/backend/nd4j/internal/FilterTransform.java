package dev.glia.backend.nd4j.internal;

import dev.glia.kernels.java.Winograd;
import java.nio.FloatBuffer;

/**
 * The filters' side of {@link WinogradCalls}, once per call on the calling thread: the weights {@code [K, C·r·r]}
 * become {@code r²} rows of {@code K·C} values (one per tap), which {@link Winograd#filter} turns into
 * {@code α²} rows, each the {@code [K, C]} operand of one point's product; backward runs the adjoint on the
 * parts' summed gradients and adds the result to the weight gradient. Scratch kept between calls.
 */
final class FilterTransform {
    private static final int POINTS = WinogradGeometry.MAX_POINTS;

    private float[] stage = new float[0];
    private float[][] taps = new float[0][];
    private float[][] points = new float[0][];
    private float[][] tmp = new float[0][];

    private void reserve(int size, int kernel) {
        int weights = size * kernel * kernel;
        if (stage.length < weights) {
            stage = new float[weights];
        }
        if (points.length == 0 || points[0].length < size) {
            taps = new float[POINTS][size];
            points = new float[POINTS][size];
            tmp = new float[POINTS][size];
        }
    }

    /** {@code U = G g Gᵀ} of every filter and channel into {@code u}, {@code [α²][K·C]}. */
    void forward(Winograd w, WinogradGeometry g, FloatBuffer weight, FloatBuffer u) {
        int size = g.filters() * g.channels();
        int taps2 = g.kernel() * g.kernel();
        reserve(size, g.kernel());
        weight.get(0, stage, 0, size * taps2);
        WinogradTiles.toPixels(stage, size, taps2, taps);
        w.filter(taps, points, tmp, 0, size);
        for (int p = 0; p < g.points(); p++) {
            u.put(p * size, points[p], 0, size);
        }
    }

    /**
     * Adds {@code Gᵀ (Σ_parts dU) G} to {@code weightGradient} ({@code [K, C·r·r]}); the parts' sums are added in
     * part order.
     */
    void addGradient(Winograd w, WinogradGeometry g, NativeFloats[] partSums, int parts, Nd4jTensor weightGradient) {
        int size = g.filters() * g.channels();
        int taps2 = g.kernel() * g.kernel();
        reserve(size, g.kernel());
        float[] row = stage;
        for (int p = 0; p < g.points(); p++) {
            float[] sum = points[p];
            partSums[0].floats(0).get(p * size, sum, 0, size);
            for (int part = 1; part < parts; part++) {
                partSums[part].floats(0).get(p * size, row, 0, size);
                for (int i = 0; i < size; i++) {
                    sum[i] += row[i];
                }
            }
        }
        w.filterAdjoint(points, taps, tmp, 0, size);
        FloatBuffer out = weightGradient.floats;
        out.get(0, stage, 0, size * taps2);
        for (int tap = 0; tap < taps2; tap++) {
            float[] t = taps[tap];
            for (int i = 0; i < size; i++) {
                stage[i * taps2 + tap] += t[i];
            }
        }
        out.put(0, stage, 0, size * taps2);
    }
}
