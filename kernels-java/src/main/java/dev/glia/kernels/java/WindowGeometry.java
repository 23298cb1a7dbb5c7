package dev.glia.kernels.java;

import dev.glia.api.Shape;
import dev.glia.api.Window2D;

/**
 * The sizes of one window call, unpacked into fields once per call: the images {@code [N, C, H, W]}, the
 * window and its output {@code OH × OW}, and for each kernel tap the range of output rows and columns whose
 * tap lands inside the input (the rest read padding). Mutable and reused, so a call allocates nothing.
 */
final class WindowGeometry {
    int n;
    int channels;
    int h;
    int w;
    int oh;
    int ow;
    int kh;
    int kw;
    int sh;
    int sw;
    int padTop;
    int padLeft;
    int dh;
    int dw;
    /** Per kernel row {@code i}: the first output row inside the input, and one past the last. */
    private int[] rowFrom = new int[0];

    private int[] rowTo = new int[0];
    /** Per kernel column {@code j}: the first output column inside the input, and one past the last. */
    private int[] columnFrom = new int[0];

    private int[] columnTo = new int[0];

    /** Sets the fields for images of {@code shape} ({@code [N, C, H, W]}) under {@code window}. */
    void set(Shape shape, Window2D window) {
        n = shape.dim(0);
        channels = shape.dim(1);
        h = shape.dim(2);
        w = shape.dim(3);
        oh = window.outputHeight(h);
        ow = window.outputWidth(w);
        kh = window.kernelHeight();
        kw = window.kernelWidth();
        sh = window.strideHeight();
        sw = window.strideWidth();
        padTop = window.padTop();
        padLeft = window.padLeft();
        dh = window.dilationHeight();
        dw = window.dilationWidth();
        if (rowFrom.length < kh) {
            rowFrom = new int[kh];
            rowTo = new int[kh];
        }
        if (columnFrom.length < kw) {
            columnFrom = new int[kw];
            columnTo = new int[kw];
        }
        for (int i = 0; i < kh; i++) { // the divisions once per call, not once per plane and tap
            rowFrom[i] = first(rowOffset(i), sh, oh);
            rowTo[i] = Math.max(rowFrom[i], end(rowOffset(i), sh, h, oh));
        }
        for (int j = 0; j < kw; j++) {
            columnFrom[j] = first(columnOffset(j), sw, ow);
            columnTo[j] = Math.max(columnFrom[j], end(columnOffset(j), sw, w, ow));
        }
    }

    /** Whether the window is 2×2 with stride 2 and every window lies whole inside the plane (no padding reached). */
    boolean wholeTwoByTwo() {
        boolean twoByTwo = kh == 2 && kw == 2 && sh == 2 && sw == 2;
        return twoByTwo && padTop == 0 && padLeft == 0 && 2 * oh <= h && 2 * ow <= w;
    }

    /** {@code N·C}: the planes of the images. */
    int planes() {
        return n * channels;
    }

    /** {@code H·W}. */
    int plane() {
        return h * w;
    }

    /** {@code OH·OW}. */
    int outPlane() {
        return oh * ow;
    }

    /** The input row of output row 0 for kernel row {@code i} (may be negative: padding). */
    int rowOffset(int i) {
        return i * dh - padTop;
    }

    /** The input column of output column 0 for kernel column {@code j} (may be negative: padding). */
    int columnOffset(int j) {
        return j * dw - padLeft;
    }

    /** The first output row whose kernel row {@code i} lies inside the input. */
    int firstRow(int i) {
        return rowFrom[i];
    }

    /** One past the last output row whose kernel row {@code i} lies inside the input (at least {@link #firstRow}). */
    int endRow(int i) {
        return rowTo[i];
    }

    /** The first output column whose kernel column {@code j} lies inside the input. */
    int firstColumn(int j) {
        return columnFrom[j];
    }

    /** One past the last output column whose kernel column {@code j} lies inside; at least {@link #firstColumn}. */
    int endColumn(int j) {
        return columnTo[j];
    }

    /** The least {@code x} in {@code [0, outputs]} with {@code x·stride + offset >= 0}. */
    private static int first(int offset, int stride, int outputs) {
        return offset >= 0 ? 0 : Math.min(outputs, (-offset + stride - 1) / stride);
    }

    /** One past the largest {@code x < outputs} with {@code x·stride + offset < size}, or 0. */
    private static int end(int offset, int stride, int size, int outputs) {
        int last = size - 1 - offset;
        return last < 0 ? 0 : Math.min(outputs, last / stride + 1);
    }
}
