package dev.glia.api.spi;

import dev.glia.api.Shape;
import dev.glia.api.Window2D;

/**
 * The convolution-window operations and {@code permute} as plain loops over {@code double[]} in row-major
 * order: the definition every backend is held to, and {@link AbstractBackend}'s host defaults. Each writes
 * its whole output; sums run in double in the order the loops give.
 */
final class HostWindows {
    private HostWindows() {}

    /** {@link dev.glia.api.Backend#im2col} of {@code in} {@code [N, C, H, W]} into {@code cols}. */
    static void im2col(double[] in, Shape images, Window2D w, double[] cols) {
        unfold(in, images, w, cols, false);
    }

    /** {@link dev.glia.api.Backend#col2im}: {@code images} becomes the sum of the columns that read each element. */
    static void col2im(double[] cols, Shape images, Window2D w, double[] in) {
        java.util.Arrays.fill(in, 0);
        unfold(in, images, w, cols, true);
    }

    /** Copies each patch element into the columns or, {@code back}, adds each column element into the images. */
    private static void unfold(double[] in, Shape images, Window2D w, double[] cols, boolean back) {
        int n = images.dim(0);
        int channels = images.dim(1);
        int h = images.dim(2);
        int wd = images.dim(3);
        int oh = w.outputHeight(h);
        int ow = w.outputWidth(wd);
        int positions = n * oh * ow;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < w.kernelHeight(); i++) {
                for (int j = 0; j < w.kernelWidth(); j++) {
                    int row = (c * w.kernelHeight() + i) * w.kernelWidth() + j;
                    for (int s = 0; s < n; s++) {
                        for (int y = 0; y < oh; y++) {
                            int ih = y * w.strideHeight() - w.padTop() + i * w.dilationHeight();
                            for (int x = 0; x < ow; x++) {
                                int iw = x * w.strideWidth() - w.padLeft() + j * w.dilationWidth();
                                int col = row * positions + (s * oh + y) * ow + x;
                                boolean inside = ih >= 0 && ih < h && iw >= 0 && iw < wd;
                                int at = ((s * channels + c) * h + ih) * wd + iw;
                                if (back) {
                                    if (inside) {
                                        in[at] += cols[col];
                                    }
                                } else {
                                    cols[col] = inside ? in[at] : 0;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** {@link dev.glia.api.Backend#maxPool2d}: the maxima into {@code out}, their positions into {@code argmax}. */
    static void maxPool(double[] in, Shape images, Window2D w, double[] out, int[] argmax) {
        int h = images.dim(2);
        int wd = images.dim(3);
        int oh = w.outputHeight(h);
        int ow = w.outputWidth(wd);
        int planes = images.dim(0) * images.dim(1);
        for (int p = 0; p < planes; p++) {
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    double best = 0;
                    int bestAt = -1;
                    for (int i = 0; i < w.kernelHeight(); i++) {
                        int ih = y * w.strideHeight() - w.padTop() + i;
                        for (int j = 0; j < w.kernelWidth(); j++) {
                            int iw = x * w.strideWidth() - w.padLeft() + j;
                            if (ih < 0 || ih >= h || iw < 0 || iw >= wd) {
                                continue;
                            }
                            double v = in[(p * h + ih) * wd + iw];
                            boolean wins = bestAt < 0 || (Double.isNaN(v) ? !Double.isNaN(best) : v > best);
                            if (wins) {
                                best = v;
                                bestAt = ih * wd + iw;
                            }
                        }
                    }
                    int o = (p * oh + y) * ow + x;
                    out[o] = best;
                    argmax[o] = bestAt;
                }
            }
        }
    }

    /** {@link dev.glia.api.Backend#maxPool2dBackward}: each output gradient added at its argmax. */
    static void maxPoolBackward(double[] gradOut, int[] argmax, Shape images, double[] gradIn) {
        java.util.Arrays.fill(gradIn, 0);
        int plane = images.dim(2) * images.dim(3);
        int outPlane = gradOut.length / (images.dim(0) * images.dim(1));
        for (int o = 0; o < gradOut.length; o++) {
            gradIn[(o / outPlane) * plane + argmax[o]] += gradOut[o];
        }
    }

    /** {@link dev.glia.api.Backend#avgPool2d} or, {@code back}, its gradient. */
    static void avgPool(double[] in, Shape images, Window2D w, double[] out, boolean back) {
        int h = images.dim(2);
        int wd = images.dim(3);
        int oh = w.outputHeight(h);
        int ow = w.outputWidth(wd);
        int planes = images.dim(0) * images.dim(1);
        double scale = 1.0 / w.taps();
        if (back) {
            java.util.Arrays.fill(in, 0);
        }
        for (int p = 0; p < planes; p++) {
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    int o = (p * oh + y) * ow + x;
                    double sum = 0;
                    for (int i = 0; i < w.kernelHeight(); i++) {
                        int ih = y * w.strideHeight() - w.padTop() + i;
                        for (int j = 0; j < w.kernelWidth(); j++) {
                            int iw = x * w.strideWidth() - w.padLeft() + j;
                            if (ih < 0 || ih >= h || iw < 0 || iw >= wd) {
                                continue;
                            }
                            int at = (p * h + ih) * wd + iw;
                            if (back) {
                                in[at] += out[o] * scale;
                            } else {
                                sum += in[at];
                            }
                        }
                    }
                    if (!back) {
                        out[o] = sum * scale;
                    }
                }
            }
        }
    }

    /** {@link dev.glia.api.Backend#permute} of {@code in} (of shape {@code shape}) into {@code out}. */
    static void permute(double[] in, Shape shape, int[] axes, double[] out) {
        int rank = shape.rank();
        int[] strides = new int[rank];
        int stride = 1;
        for (int a = rank - 1; a >= 0; a--) {
            strides[a] = stride;
            stride *= shape.dim(a);
        }
        int[] dims = new int[rank];
        int[] step = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = shape.dim(axes[i]);
            step[i] = strides[axes[i]];
        }
        int[] at = new int[rank];
        int from = 0;
        for (int o = 0; o < out.length; o++) {
            out[o] = in[from];
            for (int i = rank - 1; i >= 0; i--) {
                at[i]++;
                from += step[i];
                if (at[i] < dims[i]) {
                    break;
                }
                from -= step[i] * dims[i];
                at[i] = 0;
            }
        }
    }
}
