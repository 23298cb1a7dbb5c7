package dev.glia.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.Window2D;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The reference's window operations against definitions written independently of them: a convolution computed
 * by its textbook sum equals im2col, gemm and permute; and col2im, the pooling gradients are the adjoints of their
 * forward operations ({@code <A x, y> = <x, A' y>}, the dot-product test).
 */
class WindowDefinitionTest {
    private static final Window2D[] WINDOWS = {
        Window2D.of(3, 3),
        Window2D.of(3, 5).withStride(2, 3).withPadding(1, 2, 0, 1),
        Window2D.of(3, 3).withPadding(2, 2, 2, 2).withDilation(2, 2),
        Window2D.of(2, 3).withStride(3, 1).withDilation(1, 3).withPadding(0, 1, 3, 0)
    };

    @Test
    void im2colGemmAndPermuteComputeTheConvolutionSum() {
        SplittableRandom random = new SplittableRandom(13);
        int n = 2;
        int c = 3;
        int h = 9;
        int w = 10;
        int k = 4;
        try (Backend b = new ReferenceBackend()) {
            for (Window2D win : WINDOWS) {
                int oh = win.outputHeight(h);
                int ow = win.outputWidth(w);
                double[] x = random.doubles((long) n * c * h * w, -1, 1).toArray();
                double[] weights =
                        random.doubles((long) k * c * win.taps(), -1, 1).toArray();
                try (Tensor input = b.upload(x, Shape.of(n, c, h, w));
                        Tensor kernel = b.upload(weights, Shape.of(k, c * win.taps()));
                        Tensor cols = b.allocate(Shape.of(c * win.taps(), n * oh * ow), DType.FLOAT64);
                        Tensor product = b.allocate(Shape.of(k, n * oh * ow), DType.FLOAT64);
                        Tensor out = b.allocate(Shape.of(n, k, oh, ow), DType.FLOAT64)) {
                    b.im2col(input, win, cols);
                    b.gemm(false, false, 1, kernel, cols, 0, product);
                    b.permute(
                            b.reshape(product, Shape.of(k, n, oh * ow)),
                            new int[] {1, 0, 2},
                            b.reshape(out, Shape.of(n, k, oh * ow)));
                    double[] y = out.toDoubleArray();
                    for (int s = 0; s < n; s++) {
                        for (int f = 0; f < k; f++) {
                            for (int r = 0; r < oh; r++) {
                                for (int q = 0; q < ow; q++) {
                                    double sum = 0;
                                    for (int ch = 0; ch < c; ch++) {
                                        for (int i = 0; i < win.kernelHeight(); i++) {
                                            for (int j = 0; j < win.kernelWidth(); j++) {
                                                int ih = r * win.strideHeight()
                                                        - win.padTop()
                                                        + i * win.dilationHeight();
                                                int iw =
                                                        q * win.strideWidth() - win.padLeft() + j * win.dilationWidth();
                                                if (ih >= 0 && ih < h && iw >= 0 && iw < w) {
                                                    sum += weights[
                                                                    ((f * c + ch) * win.kernelHeight() + i)
                                                                                    * win.kernelWidth()
                                                                            + j]
                                                            * x[((s * c + ch) * h + ih) * w + iw];
                                                }
                                            }
                                        }
                                    }
                                    assertEquals(
                                            sum,
                                            y[((s * k + f) * oh + r) * ow + q],
                                            1e-12,
                                            win + " at " + s + "," + f + "," + r + "," + q);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void col2imIsTheAdjointOfIm2col() {
        SplittableRandom random = new SplittableRandom(17);
        Shape images = Shape.of(2, 3, 9, 10);
        try (Backend b = new ReferenceBackend()) {
            for (Window2D win : WINDOWS) {
                Shape cols = Shape.of(3 * win.taps(), 2 * win.outputHeight(9) * win.outputWidth(10));
                double[] x = random.doubles(images.size(), -1, 1).toArray();
                double[] y = random.doubles(cols.size(), -1, 1).toArray();
                try (Tensor tx = b.upload(x, images);
                        Tensor ty = b.upload(y, cols);
                        Tensor ax = b.allocate(cols, DType.FLOAT64);
                        Tensor aty = b.allocate(images, DType.FLOAT64)) {
                    b.im2col(tx, win, ax);
                    b.col2im(ty, win, aty);
                    assertEquals(dot(ax.toDoubleArray(), y), dot(x, aty.toDoubleArray()), 1e-10, win.toString());
                }
            }
        }
    }

    @Test
    void poolingGradientsAreAdjoints() {
        SplittableRandom random = new SplittableRandom(19);
        Shape images = Shape.of(2, 3, 9, 8);
        Window2D[] pools = {
            Window2D.of(2, 2).withStride(2, 2),
            Window2D.of(3, 3).withStride(2, 2).withPadding(1, 1, 1, 1),
            Window2D.of(3, 2),
            Window2D.of(4, 3).withStride(1, 3).withPadding(2, 1, 0, 1)
        };
        try (Backend b = new ReferenceBackend()) {
            for (Window2D win : pools) {
                Shape out = win.outputShape(images);
                double[] x = random.doubles(images.size(), -1, 1).toArray();
                double[] g = random.doubles(out.size(), -1, 1).toArray();
                try (Tensor tx = b.upload(x, images);
                        Tensor tg = b.upload(g, out);
                        Tensor y = b.allocate(out, DType.FLOAT64);
                        Tensor arg = b.allocate(out, DType.INT32);
                        Tensor dx = b.allocate(images, DType.FLOAT64)) {
                    b.avgPool2d(tx, win, y);
                    b.avgPool2dBackward(tg, win, dx);
                    assertEquals(dot(y.toDoubleArray(), g), dot(x, dx.toDoubleArray()), 1e-10, "average " + win);
                    b.maxPool2d(tx, win, y, arg);
                    b.maxPool2dBackward(tg, arg, win, dx);
                    assertEquals(dot(y.toDoubleArray(), g), dot(x, dx.toDoubleArray()), 1e-10, "max " + win);
                }
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
