package dev.glia.kernels.java;

import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;

/**
 * {@link FloatWindows} for FLOAT64 buffers, line for line: the same loops over {@code double[]}, the same
 * staging of direct buffers. Change both together.
 */
final class DoubleWindows {
    private DoubleWindows() {}

    /**
     * im2col of units {@code [from, to)}, unit {@code c·N + n} being plane {@code (n, c)}: each plane's patches
     * into its columns' segments. In this order the writes run along the channel's {@code KH·KW} rows of the
     * columns, a few sequential streams, rather than jumping between all {@code C·KH·KW} rows (measured 1.5 to 2
     * times faster on conv2's [800, 8192] columns).
     */
    static void im2col(WindowGeometry g, DoubleBuffer images, DoubleBuffer columns, int from, int to, Scratch s) {
        int plane = g.plane();
        int seg = g.outPlane();
        int positions = g.n * seg;
        boolean heapIn = images.hasArray();
        boolean heapOut = columns.hasArray();
        double[] src = heapIn ? images.array() : s.doubles(0, plane);
        double[] dst = heapOut ? columns.array() : s.doubles(1, seg);
        int inBase = heapIn ? images.arrayOffset() : 0;
        int outBase = heapOut ? columns.arrayOffset() : 0;
        for (int u = from; u < to; u++) {
            int c = u / g.n; // channel-major: the samples of a channel in turn, so its KH·KW rows stream
            int sample = u % g.n;
            int p = sample * g.channels + c;
            int srcOff = inBase + p * plane;
            if (!heapIn) {
                images.get(p * plane, src, 0, plane);
                srcOff = 0;
            }
            for (int i = 0; i < g.kh; i++) {
                for (int j = 0; j < g.kw; j++) {
                    int at = ((c * g.kh + i) * g.kw + j) * positions + sample * seg;
                    int dstOff = heapOut ? outBase + at : 0;
                    patch(g, i, j, src, srcOff, dst, dstOff);
                    if (!heapOut) {
                        columns.put(at, dst, 0, seg);
                    }
                }
            }
        }
    }

    /** Writes tap {@code (i, j)} of every window over one plane: {@code OH·OW} values, 0 in the padding. */
    private static void patch(WindowGeometry g, int i, int j, double[] src, int srcOff, double[] dst, int dstOff) {
        int ow = g.ow;
        int y0 = g.firstRow(i);
        int y1 = g.endRow(i);
        int x0 = g.firstColumn(j);
        int x1 = g.endColumn(j);
        int rowOffset = g.rowOffset(i);
        int columnOffset = g.columnOffset(j);
        int sh = g.sh;
        int sw = g.sw;
        int w = g.w;
        // the common case (stride 1, the whole row inside the image) as a plain run of copies: the fills and
        // tests around them, though empty, cost a third of conv2's im2col (8-element rows)
        if (sw == 1 && x0 == 0 && x1 == ow) {
            if (y0 > 0) {
                Arrays.fill(dst, dstOff, dstOff + y0 * ow, 0d);
            }
            int step = sh * w;
            for (int y = y0, from = srcOff + (y0 * sh + rowOffset) * w + columnOffset; y < y1; y++, from += step) {
                System.arraycopy(src, from, dst, dstOff + y * ow, ow);
            }
            if (y1 < g.oh) {
                Arrays.fill(dst, dstOff + y1 * ow, dstOff + g.oh * ow, 0d);
            }
            return;
        }
        Arrays.fill(dst, dstOff, dstOff + y0 * ow, 0d);
        for (int y = y0; y < y1; y++) {
            int d = dstOff + y * ow;
            int from = srcOff + (y * sh + rowOffset) * w + columnOffset;
            if (x0 > 0) {
                Arrays.fill(dst, d, d + x0, 0d);
            }
            if (sw == 1) {
                if (x1 > x0) { // with no column inside, from + x0 may lie before the plane's first element
                    System.arraycopy(src, from + x0, dst, d + x0, x1 - x0);
                }
            } else {
                for (int x = x0; x < x1; x++) {
                    dst[d + x] = src[from + x * sw];
                }
            }
            if (x1 < ow) {
                Arrays.fill(dst, d + x1, d + ow, 0d);
            }
        }
        Arrays.fill(dst, dstOff + y1 * ow, dstOff + g.oh * ow, 0d);
    }

    /**
     * col2im of units {@code [from, to)} (as in {@link #im2col}): each plane the sum of its columns' segments,
     * taps in row-major order.
     */
    static void col2im(WindowGeometry g, DoubleBuffer columns, DoubleBuffer images, int from, int to, Scratch s) {
        int plane = g.plane();
        int seg = g.outPlane();
        int positions = g.n * seg;
        boolean heapCols = columns.hasArray();
        boolean heapImages = images.hasArray();
        double[] img = heapImages ? images.array() : s.doubles(0, plane);
        double[] col = heapCols ? columns.array() : s.doubles(1, seg);
        int imgBase = heapImages ? images.arrayOffset() : 0;
        int colBase = heapCols ? columns.arrayOffset() : 0;
        for (int u = from; u < to; u++) {
            int c = u / g.n; // channel-major: the samples of a channel in turn, so its KH·KW rows stream
            int sample = u % g.n;
            int p = sample * g.channels + c;
            int imgOff = heapImages ? imgBase + p * plane : 0;
            Arrays.fill(img, imgOff, imgOff + plane, 0d);
            for (int i = 0; i < g.kh; i++) {
                for (int j = 0; j < g.kw; j++) {
                    int at = ((c * g.kh + i) * g.kw + j) * positions + sample * seg;
                    int colOff = colBase + at;
                    if (!heapCols) {
                        columns.get(at, col, 0, seg);
                        colOff = 0;
                    }
                    accumulate(g, i, j, col, colOff, img, imgOff);
                }
            }
            if (!heapImages) {
                images.put(p * plane, img, 0, plane);
            }
        }
    }

    /** Adds tap {@code (i, j)}'s segment of {@code OH·OW} values onto the plane elements it was read from. */
    private static void accumulate(WindowGeometry g, int i, int j, double[] col, int colOff, double[] img, int imgOff) {
        int ow = g.ow;
        int y1 = g.endRow(i);
        int x0 = g.firstColumn(j);
        int x1 = g.endColumn(j);
        int rowOffset = g.rowOffset(i);
        int columnOffset = g.columnOffset(j);
        int sh = g.sh;
        int sw = g.sw;
        int w = g.w;
        for (int y = g.firstRow(i); y < y1; y++) {
            int d = imgOff + (y * sh + rowOffset) * w + columnOffset;
            int from = colOff + y * ow;
            if (sw == 1) {
                for (int x = x0; x < x1; x++) {
                    img[d + x] += col[from + x];
                }
            } else {
                for (int x = x0; x < x1; x++) {
                    img[d + x * sw] += col[from + x];
                }
            }
        }
    }

    /** Max pooling of planes {@code [from, to)}: the maxima and their positions in the plane. */
    static void maxPool(
            WindowGeometry g, DoubleBuffer input, DoubleBuffer output, IntBuffer argmax, int from, int to, Scratch s) {
        int plane = g.plane();
        int outPlane = g.outPlane();
        boolean heapIn = input.hasArray();
        boolean heapOut = output.hasArray();
        boolean heapArg = argmax.hasArray();
        double[] src = heapIn ? input.array() : s.doubles(0, plane);
        double[] dst = heapOut ? output.array() : s.doubles(1, outPlane);
        int[] arg = heapArg ? argmax.array() : s.ints(outPlane);
        boolean halving = g.wholeTwoByTwo();
        for (int p = from; p < to; p++) {
            int srcOff = heapIn ? input.arrayOffset() + p * plane : 0;
            int dstOff = heapOut ? output.arrayOffset() + p * outPlane : 0;
            int argOff = heapArg ? argmax.arrayOffset() + p * outPlane : 0;
            if (!heapIn) {
                input.get(p * plane, src, 0, plane);
            }
            if (halving) {
                maxPlane2x2(g, src, srcOff, dst, dstOff, arg, argOff);
            } else {
                maxPlane(g, src, srcOff, dst, dstOff, arg, argOff);
            }
            if (!heapOut) {
                output.put(p * outPlane, dst, 0, outPlane);
            }
            if (!heapArg) {
                argmax.put(p * outPlane, arg, 0, outPlane);
            }
        }
    }

    /** Max pooling of one plane, read from {@code src} at {@code srcOff}, into {@code dst} and {@code arg}. */
    private static void maxPlane(
            WindowGeometry g, double[] src, int srcOff, double[] dst, int dstOff, int[] arg, int argOff) {
        for (int y = 0, o = 0; y < g.oh; y++) {
            int top = y * g.sh - g.padTop;
            int i0 = Math.max(0, -top);
            int rows = Math.min(g.kh, g.h - top) - i0;
            for (int x = 0; x < g.ow; x++, o++) {
                int left = x * g.sw - g.padLeft;
                int j0 = Math.max(0, -left);
                int columns = Math.min(g.kw, g.w - left) - j0;
                int first = (top + i0) * g.w + left + j0;
                int at = rows == 2 && columns == 2
                        ? argmax2x2(src, srcOff, first, g.w)
                        : argmax(src, srcOff, first, rows, columns, g.w);
                dst[dstOff + o] = src[srcOff + at];
                arg[argOff + o] = at;
            }
        }
    }

    /**
     * {@link #maxPlane} for the common 2×2 window with stride 2 whose windows all lie whole inside the plane: no
     * clipping to work out per window.
     */
    private static void maxPlane2x2(
            WindowGeometry g, double[] src, int srcOff, double[] dst, int dstOff, int[] arg, int argOff) {
        int w = g.w;
        int ow = g.ow;
        for (int y = 0, o = 0; y < g.oh; y++) {
            int row = 2 * y * w;
            for (int x = 0; x < ow; x++, o++) {
                int at = argmax2x2(src, srcOff, row + 2 * x, w);
                dst[dstOff + o] = src[srcOff + at];
                arg[argOff + o] = at;
            }
        }
    }

    /**
     * The position in the plane of the largest of {@code rows × columns} elements from {@code first} (rows
     * {@code w} apart): the first of ties in row-major order, the first NaN over any number. The data decide no
     * branch: the maximum by {@link Math#max} (which keeps a NaN, which then takes a plain search), then the
     * first element equal to it by integer arithmetic ({@link #select}, from the last). Comparisons that select
     * (float or int) were measured 2 to 3.5 times faster or slower by run, as C2 compiled them to conditional
     * moves or to branches that ReLU outputs make mispredict; this form costs the same every run.
     */
    private static int argmax(double[] src, int off, int first, int rows, int columns, int w) {
        double max = src[off + first];
        for (int i = 0; i < rows; i++) {
            for (int j = 0, at = off + first + i * w; j < columns; j++) {
                max = Math.max(max, src[at + j]);
            }
        }
        if (Double.isNaN(max)) {
            return firstNaN(src, off, first, rows, columns, w);
        }
        int best = first;
        for (int i = rows - 1; i >= 0; i--) {
            for (int j = columns - 1, at = first + i * w; j >= 0; j--) {
                best = select(src[off + at + j], max, at + j, best);
            }
        }
        return best;
    }

    /**
     * {@link #argmax} of a 2×2 window {@code a b / c d} (the common pooling window): the first maximum lies at
     * {@code notMax(a)·(1 + notMax(b)·(w − 1 + notMax(c)))} from {@code first}, integer arithmetic that decides no
     * branch. 1.5 times faster than three {@link #select}s (ReLU outputs, half of them tied at 0, separate JVMs).
     */
    private static int argmax2x2(double[] src, int off, int first, int w) {
        double a = src[off + first];
        double b = src[off + first + 1];
        double c = src[off + first + w];
        double d = src[off + first + w + 1];
        double max = Math.max(Math.max(a, b), Math.max(c, d));
        if (Double.isNaN(max)) {
            return firstNaN(src, off, first, 2, 2, w);
        }
        return first + notMax(a, max) * (1 + notMax(b, max) * (w - 1 + notMax(c, max)));
    }

    /** 1 when {@code v != max} (numbers; -0 equals 0), else 0: integer arithmetic only. */
    private static int notMax(double v, double max) {
        long differ = Double.doubleToRawLongBits(v + 0d) ^ Double.doubleToRawLongBits(max + 0d); // + 0: -0 into 0
        return (int) ((differ | -differ) >>> 63);
    }

    /** {@code at} when {@code v == max} (numbers; -0 equals 0), else {@code otherwise}: integer arithmetic only. */
    private static int select(double v, double max, int at, int otherwise) {
        long differ = Double.doubleToRawLongBits(v + 0d) ^ Double.doubleToRawLongBits(max + 0d); // + 0 makes -0 into 0
        long mask = (differ | -differ) >> 63; // all ones when v != max
        return (int) ((otherwise & mask) | (at & ~mask));
    }

    /** The position of the first NaN in the window (there is one). */
    private static int firstNaN(double[] src, int off, int first, int rows, int columns, int w) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                if (Double.isNaN(src[off + first + i * w + j])) {
                    return first + i * w + j;
                }
            }
        }
        throw new IllegalStateException("no NaN in the window");
    }

    /** The max-pooling gradient of planes {@code [from, to)}: zeros, then each gradient added at its argmax. */
    static void maxPoolBackward(
            WindowGeometry g,
            DoubleBuffer gradOut,
            IntBuffer argmax,
            DoubleBuffer gradIn,
            int from,
            int to,
            Scratch s) {
        int plane = g.plane();
        int outPlane = g.outPlane();
        boolean heapGrad = gradOut.hasArray();
        boolean heapArg = argmax.hasArray();
        boolean heapIn = gradIn.hasArray();
        double[] grad = heapGrad ? gradOut.array() : s.doubles(1, outPlane);
        int[] arg = heapArg ? argmax.array() : s.ints(outPlane);
        double[] img = heapIn ? gradIn.array() : s.doubles(0, plane);
        for (int p = from; p < to; p++) {
            int gradOff = heapGrad ? gradOut.arrayOffset() + p * outPlane : 0;
            int argOff = heapArg ? argmax.arrayOffset() + p * outPlane : 0;
            int imgOff = heapIn ? gradIn.arrayOffset() + p * plane : 0;
            if (!heapGrad) {
                gradOut.get(p * outPlane, grad, 0, outPlane);
            }
            if (!heapArg) {
                argmax.get(p * outPlane, arg, 0, outPlane);
            }
            Arrays.fill(img, imgOff, imgOff + plane, 0d);
            for (int o = 0; o < outPlane; o++) {
                img[imgOff + arg[argOff + o]] += grad[gradOff + o];
            }
            if (!heapIn) {
                gradIn.put(p * plane, img, 0, plane);
            }
        }
    }

    /**
     * Average pooling of planes {@code [from, to)} or, {@code back}, its gradient: {@code images} is the input
     * (the gradient written, when {@code back}), {@code pooled} the output (the gradient read).
     */
    static void avgPool(
            WindowGeometry g, DoubleBuffer images, DoubleBuffer pooled, boolean back, int from, int to, Scratch s) {
        int plane = g.plane();
        int outPlane = g.outPlane();
        boolean heapImg = images.hasArray();
        boolean heapPool = pooled.hasArray();
        double[] img = heapImg ? images.array() : s.doubles(0, plane);
        double[] pool = heapPool ? pooled.array() : s.doubles(1, outPlane);
        double scale = 1.0 / (g.kh * g.kw);
        for (int p = from; p < to; p++) {
            int imgOff = heapImg ? images.arrayOffset() + p * plane : 0;
            int poolOff = heapPool ? pooled.arrayOffset() + p * outPlane : 0;
            if (back) {
                if (!heapPool) {
                    pooled.get(p * outPlane, pool, 0, outPlane);
                }
                Arrays.fill(img, imgOff, imgOff + plane, 0d);
            } else if (!heapImg) {
                images.get(p * plane, img, 0, plane);
            }
            for (int y = 0, o = poolOff; y < g.oh; y++) {
                int top = y * g.sh - g.padTop;
                int i0 = Math.max(0, -top);
                int i1 = Math.min(g.kh, g.h - top);
                for (int x = 0; x < g.ow; x++, o++) {
                    int left = x * g.sw - g.padLeft;
                    int j0 = Math.max(0, -left);
                    int j1 = Math.min(g.kw, g.w - left);
                    if (back) {
                        double share = (pool[o] * scale);
                        for (int i = i0; i < i1; i++) {
                            int row = imgOff + (top + i) * g.w + left;
                            for (int j = j0; j < j1; j++) {
                                img[row + j] += share;
                            }
                        }
                    } else {
                        double sum = 0;
                        for (int i = i0; i < i1; i++) {
                            int row = imgOff + (top + i) * g.w + left;
                            for (int j = j0; j < j1; j++) {
                                sum += img[row + j];
                            }
                        }
                        pool[o] = (sum * scale);
                    }
                }
            }
            if (back && !heapImg) {
                images.put(p * plane, img, 0, plane);
            } else if (!back && !heapPool) {
                pooled.put(p * outPlane, pool, 0, outPlane);
            }
        }
    }
}
