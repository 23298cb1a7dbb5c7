package dev.glia.backend.nd4j.internal;

import dev.glia.kernels.java.Sums;
import dev.glia.kernels.java.Winograd;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * One worker's tile transforms for {@link WinogradCalls}, on a group of consecutive samples at a time. A group's
 * tensor block ({@code [samples·C, H·W]} as stored) is turned into <em>pixel rows</em>, one {@code float[]} per
 * pixel holding that pixel of every sample and channel ({@code samples·C} values), so that each step of a tile
 * transform is one long vectorised loop over a row ({@link Winograd}); a transformed tile point is then a row
 * too, which is exactly a {@code [samples, C]} block of the per-point product's operand. The scratch is kept
 * between calls and grows to the largest group; it belongs to one thread.
 */
final class WinogradTiles {
    /** Floats of a row worked at once: bounds what one tile transform touches for groups with many channels. */
    private static final int CHUNK = 4096;

    private float[] stage = new float[0];
    private float[][] pixels = new float[0][];
    private float[][] points = new float[0][];
    private float[][] spare = new float[0][];
    private float[][] tmp = new float[0][];
    /** A row of zeros, read for padding and for gradients past the output's edge; never written. */
    private float[] zeros = new float[0];

    private final float[][] refs = new float[WinogradGeometry.MAX_POINTS][];

    /** The transforms' input and output tile rows: up to 64 arrays of at least {@code len}. */
    private void reserve(int pixelCount, int len, int stageLength) {
        if (stage.length < stageLength) {
            stage = new float[stageLength];
        }
        pixels = rows(pixels, pixelCount, len);
        points = rows(points, WinogradGeometry.MAX_POINTS, len);
        spare = rows(spare, WinogradGeometry.MAX_POINTS, len);
        tmp = rows(tmp, WinogradGeometry.MAX_POINTS, len);
        if (zeros.length < len) {
            zeros = new float[len];
        }
    }

    private static float[][] rows(float[][] rows, int count, int len) {
        if (rows.length >= count && (count == 0 || rows[0].length >= len)) {
            return rows;
        }
        int n = Math.max(count, rows.length);
        int l = Math.max(len, rows.length == 0 ? 0 : rows[0].length);
        return new float[n][l];
    }

    /**
     * Transforms the input tiles of samples {@code [first, first + count)} into {@code v} from {@code offset}:
     * point {@code p} of tile {@code t} is the row {@code [count, C]} at {@code offset + (p·T + t)·count·C}.
     */
    void inputTiles(
            WinogradGeometry g, Winograd w, FloatBuffer input, int first, int count, FloatBuffer v, long offset) {
        int len = count * g.channels();
        int pixelCount = g.pixels();
        reserve(pixelCount, len, len * pixelCount);
        input.get(first * g.channels() * pixelCount, stage, 0, len * pixelCount);
        toPixels(stage, len, pixelCount, pixels);
        int tiles = g.tiles();
        for (int ty = 0; ty < g.tilesHigh(); ty++) {
            for (int tx = 0; tx < g.tilesWide(); tx++) {
                int t = ty * g.tilesWide() + tx;
                windowRows(g, ty, tx, pixels, zeros);
                for (int from = 0; from < len; from += CHUNK) {
                    w.inputTile(refs, points, tmp, from, Math.min(len, from + CHUNK));
                }
                for (int p = 0; p < g.points(); p++) {
                    v.put((int) (offset + (long) (p * tiles + t) * len), points[p], 0, len);
                }
            }
        }
    }

    /**
     * The output of samples {@code [first, first + count)} from their per-point products {@code m} (point p of
     * tile t the row {@code [count, K]} at {@code (p·T + t)·count·K}), plus {@code bias} (null for none).
     */
    void outputTiles(
            WinogradGeometry g, Winograd w, FloatBuffer m, float[] bias, FloatBuffer output, int first, int count) {
        int filters = g.filters();
        int len = count * filters;
        int positions = g.positions();
        reserve(positions, len, len * positions);
        int tiles = g.tiles();
        for (int ty = 0; ty < g.tilesHigh(); ty++) {
            for (int tx = 0; tx < g.tilesWide(); tx++) {
                int t = ty * g.tilesWide() + tx;
                for (int p = 0; p < g.points(); p++) {
                    m.get((p * tiles + t) * len, points[p], 0, len);
                }
                // the tile's outputs go straight into their pixel rows; those past the edge into a spare row
                outputRows(g, ty, tx, spare[0]);
                for (int from = 0; from < len; from += CHUNK) {
                    w.outputTile(points, refs, tmp, from, Math.min(len, from + CHUNK));
                }
            }
        }
        fromPixels(pixels, positions, len, stage);
        if (bias != null) {
            for (int row = 0; row < len; row++) {
                float b = bias[row % filters];
                int base = row * positions;
                for (int i = 0; i < positions; i++) {
                    stage[base + i] += b;
                }
            }
        }
        output.put(first * filters * positions, stage, 0, len * positions);
    }

    /**
     * The transformed output gradient of samples {@code [first, first + count)} into {@code dm} (laid out as the
     * products of {@link #outputTiles}), adding each filter's sum of the gradient to {@code biasSums} unless
     * it is null.
     */
    void gradientTiles(
            WinogradGeometry g,
            Winograd w,
            FloatBuffer gradOutput,
            int first,
            int count,
            FloatBuffer dm,
            double[] biasSums) {
        int filters = g.filters();
        int len = count * filters;
        int positions = g.positions();
        reserve(positions, len, len * positions);
        gradOutput.get(first * filters * positions, stage, 0, len * positions);
        if (biasSums != null) {
            for (int row = 0; row < len; row++) {
                biasSums[row % filters] += Sums.of(stage, row * positions, positions);
            }
        }
        toPixels(stage, len, positions, pixels);
        int tiles = g.tiles();
        for (int ty = 0; ty < g.tilesHigh(); ty++) {
            for (int tx = 0; tx < g.tilesWide(); tx++) {
                int t = ty * g.tilesWide() + tx;
                outputRows(g, ty, tx, zeros);
                for (int from = 0; from < len; from += CHUNK) {
                    w.outputTileAdjoint(refs, points, tmp, from, Math.min(len, from + CHUNK));
                }
                for (int p = 0; p < g.points(); p++) {
                    dm.put((p * tiles + t) * len, points[p], 0, len);
                }
            }
        }
    }

    /**
     * The input gradient of samples {@code [first, first + count)} from the gradient of their transformed
     * input {@code dv} (laid out as {@link #inputTiles} writes it, from {@code offset}); overwrites their block of
     * {@code gradInput}. Tiles overlap by {@code r - 1} pixels, so their contributions add; padding is dropped.
     */
    void inputGradient(
            WinogradGeometry g, Winograd w, FloatBuffer dv, long offset, FloatBuffer gradInput, int first, int count) {
        int len = count * g.channels();
        int pixelCount = g.pixels();
        reserve(pixelCount, len, len * pixelCount);
        for (int i = 0; i < pixelCount; i++) {
            Arrays.fill(pixels[i], 0, len, 0f);
        }
        int tiles = g.tiles();
        for (int ty = 0; ty < g.tilesHigh(); ty++) {
            for (int tx = 0; tx < g.tilesWide(); tx++) {
                int t = ty * g.tilesWide() + tx;
                for (int p = 0; p < g.points(); p++) {
                    dv.get((int) (offset + (long) (p * tiles + t) * len), points[p], 0, len);
                }
                windowRows(g, ty, tx, pixels, null);
                for (int from = 0; from < len; from += CHUNK) {
                    int to = Math.min(len, from + CHUNK);
                    w.inputTileAdjoint(points, spare, tmp, from, to);
                    for (int p = 0; p < g.points(); p++) {
                        float[] target = refs[p];
                        if (target != null) {
                            add(spare[p], target, from, to);
                        }
                    }
                }
            }
        }
        fromPixels(pixels, pixelCount, len, stage);
        gradInput.put(first * g.channels() * pixelCount, stage, 0, len * pixelCount);
    }

    /** Points {@code refs} at the output pixel rows of tile {@code (ty, tx)}, {@code outside} past the edge. */
    private void outputRows(WinogradGeometry g, int ty, int tx, float[] outside) {
        int side = g.tile();
        for (int a = 0; a < side; a++) {
            for (int b = 0; b < side; b++) {
                int y = ty * side + a;
                int x = tx * side + b;
                refs[a * side + b] = y < g.outHeight() && x < g.outWidth() ? pixels[y * g.outWidth() + x] : outside;
            }
        }
    }

    /** Points {@code refs} at the pixel rows under tile {@code (ty, tx)}'s input window, {@code outside} where padding. */
    private void windowRows(WinogradGeometry g, int ty, int tx, float[][] rowsOfPixels, float[] outside) {
        int alpha = g.alpha();
        for (int i = 0; i < alpha; i++) {
            int y = ty * g.tile() - g.padTop() + i;
            for (int j = 0; j < alpha; j++) {
                int x = tx * g.tile() - g.padLeft() + j;
                boolean inside = y >= 0 && y < g.height() && x >= 0 && x < g.width();
                refs[i * alpha + j] = inside ? rowsOfPixels[y * g.width() + x] : outside;
            }
        }
    }

    private static void add(float[] src, float[] dst, int from, int to) {
        for (int i = from; i < to; i++) {
            dst[i] += src[i];
        }
    }

    /** {@code dst[c][r] = src[r·cols + c]}: rows of a block become pixel rows. */
    static void toPixels(float[] src, int rows, int cols, float[][] dst) {
        for (int r0 = 0; r0 < rows; r0 += 16) {
            int r1 = Math.min(rows, r0 + 16);
            for (int c = 0; c < cols; c++) {
                float[] d = dst[c];
                for (int r = r0; r < r1; r++) {
                    d[r] = src[r * cols + c];
                }
            }
        }
    }

    /** {@code dst[r·pixelCount + c] = src[c][r]} for r below {@code len}: pixel rows back to a block. */
    static void fromPixels(float[][] src, int pixelCount, int len, float[] dst) {
        for (int r0 = 0; r0 < len; r0 += 16) {
            int r1 = Math.min(len, r0 + 16);
            for (int c = 0; c < pixelCount; c++) {
                float[] s = src[c];
                for (int r = r0; r < r1; r++) {
                    dst[r * pixelCount + c] = s[r];
                }
            }
        }
    }
}
