package dev.glia.testkit;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.Window2D;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Conformance checks of the fused convolution pair {@link Backend#conv2d} and {@link Backend#conv2dBackward}
 * against the reference, over awkward geometries: odd kernels, strides above 1, uneven padding, dilation, one
 * channel, batch 1, with and without bias, short columns (at most 64 rows, which the ND4J backend works sample by
 * sample) and long ones, stride 1 with kernels of 3 to 7 (which it works by Winograd's transforms from batches of 4). Forward: the
 * output within rounding. Backward: the weight and bias gradients <em>added</em> to what the tensors held, the
 * input gradient overwriting a NaN prefill; also with neither the bias gradient nor the input gradient asked for,
 * and after the columns were refilled by {@code im2col} following a forward pass of other data (a layer's
 * second backward pass).
 */
final class ConvolutionChecks {
    /** A case: input, window, filters, whether there is a bias (also {@link NonFiniteConvolutionChecks}'). */
    record Case(Shape input, Window2D window, int filters, boolean bias) {
        @Override
        public String toString() {
            return input + " under a " + window + ", " + filters + " filters" + (bias ? ", bias" : ", no bias");
        }

        int rows() {
            return input.dim(1) * window.taps();
        }

        Shape output() {
            Shape o = window.outputShape(input);
            return Shape.of(input.dim(0), filters, o.dim(2), o.dim(3));
        }

        int positions() {
            Shape o = output();
            return o.dim(0) * o.dim(2) * o.dim(3);
        }
    }

    private static final Case[] CASES = {
        new Case(Shape.of(2, 3, 7, 9), Window2D.of(3, 3), 4, true),
        new Case(Shape.of(1, 1, 5, 5), Window2D.of(5, 5), 3, false),
        new Case(Shape.of(3, 2, 8, 11), Window2D.of(3, 5).withStride(2, 3).withPadding(1, 2, 0, 1), 5, true),
        new Case(
                Shape.of(2, 4, 9, 10), Window2D.of(3, 3).withPadding(2, 2, 2, 2).withDilation(2, 2), 2, true),
        new Case(Shape.of(1, 1, 28, 28), Window2D.of(5, 5), 32, true),
        new Case(Shape.of(3, 1, 12, 13), Window2D.of(5, 3).withStride(2, 2), 7, true),
        new Case(Shape.of(5, 2, 7, 7), Window2D.of(3, 3).withPadding(1, 1, 1, 1), 3, false),
        new Case(Shape.of(2, 8, 6, 6), Window2D.of(3, 3).withPadding(1, 1, 1, 1), 6, true),
        new Case(Shape.of(4, 32, 12, 12), Window2D.of(5, 5), 9, true),
        // long columns with stride 1 and batches of 4 or more, where ND4J uses Winograd's tiles: padding, tiles
        // past the edge, even and large kernels, 3×3 on 6-point tiles, more samples than one group of 32 per thread
        new Case(Shape.of(4, 4, 13, 11), Window2D.of(5, 5).withPadding(2, 2, 2, 2), 6, true),
        new Case(Shape.of(5, 6, 10, 9), Window2D.of(4, 4).withPadding(1, 2, 0, 1), 5, false),
        new Case(Shape.of(4, 3, 16, 16), Window2D.of(7, 7).withPadding(3, 3, 3, 3), 4, true),
        new Case(Shape.of(5, 16, 9, 14), Window2D.of(6, 6), 3, true),
        new Case(Shape.of(70, 5, 6, 6), Window2D.of(4, 4), 3, true),
        new Case(Shape.of(1, 32, 12, 12), Window2D.of(5, 5), 4, true),
        new Case(Shape.of(4, 8, 9, 10), Window2D.of(3, 3).withPadding(1, 1, 1, 1), 5, true),
        new Case(Shape.of(6, 12, 8, 8), Window2D.of(3, 3), 7, false),
        // padding past half the kernel: windows wholly in the padding (their outputs exactly the bias), and a
        // tap column that lies in the padding for every output of a one-pixel-wide image
        new Case(Shape.of(4, 3, 8, 8), Window2D.of(5, 5).withPadding(5, 0, 5, 5), 2, false),
        new Case(Shape.of(5, 4, 7, 6), Window2D.of(4, 4).withPadding(3, 3, 3, 3), 6, true),
        new Case(Shape.of(6, 1, 2, 1), Window2D.of(5, 5).withPadding(2, 2, 2, 2), 5, false),
        // one filter: an input pixel at the edge gets the input gradient of a single product
        new Case(Shape.of(11, 16, 5, 12), Window2D.of(4, 4), 1, false),
        new Case(Shape.of(4, 12, 7, 10), Window2D.of(5, 5), 1, false),
        new Case(Shape.of(10, 5, 14, 10), Window2D.of(6, 6), 1, false),
        // 16 filters and more, where ND4J takes the input gradient by tiles too
        new Case(Shape.of(4, 6, 10, 10), Window2D.of(5, 5).withPadding(2, 2, 2, 2), 16, true),
        new Case(Shape.of(5, 8, 9, 11), Window2D.of(3, 3).withPadding(1, 1, 0, 1), 20, false),
        // an image little larger than the kernel, padded: some taps meet the input at few positions or none
        new Case(Shape.of(5, 4, 5, 6), Window2D.of(6, 6).withPadding(0, 3, 2, 2), 15, false)
    };

    /**
     * Cases for {@link #outliers}: stride 1, batches of 4 or more (where ND4J would use Winograd's tiles), the first
     * sample a thousand times larger than the others, each of which holds one value as large.
     */
    private static final Case[] OUTLIER_CASES = {
        new Case(Shape.of(4, 16, 12, 12), Window2D.of(3, 3).withPadding(1, 1, 1, 1), 8, true),
        new Case(Shape.of(4, 16, 12, 12), Window2D.of(5, 5).withPadding(2, 2, 2, 2), 8, false)
    };
    /** How far {@link #outliers}' planted values exceed the others' largest magnitude (3). */
    private static final double OUTLIER = 1000;

    private ConvolutionChecks() {}

    /** Forward and backward of every case. */
    static Stream<DynamicTest> fused(Harness h, DType dtype, double tol, long seed) {
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < CASES.length; i++) {
            Case c = CASES[i];
            long s = seed + 10L * i;
            tests.add(DynamicTest.dynamicTest(dtype + " conv2d of " + c, () -> checkForward(h, dtype, tol, c, s, 0)));
            tests.add(DynamicTest.dynamicTest(dtype + " conv2dBackward of " + c, () -> {
                for (Mode mode : Mode.values()) {
                    checkBackward(h, dtype, tol, c, s, mode, 0);
                }
            }));
        }
        return tests.stream();
    }

    /**
     * Forward and backward (FLOAT32) of {@code count} geometries drawn from {@code seed}: kernels of 1 to 7 (square
     * two times in three), stride 1 three times in four, dilation 2 one time in six, each side's padding anywhere
     * from 0 to the kernel's side one time in three, batches of 1 to 8, up to 8 channels and filters, images up to
     * 12 pixels past the smallest the window allows. Where a fixed case list tests what its author thought of, these
     * reach the corners nobody listed (a random run of 150 geometries found a crash and two inaccuracies the list
     * had missed).
     */
    static Stream<DynamicTest> randomGeometries(Harness h, double tol, long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<DynamicTest> tests = new ArrayList<>();
        while (tests.size() < 2 * count) {
            Case c = randomCase(random);
            long s = random.nextLong();
            DType f = DType.FLOAT32;
            tests.add(DynamicTest.dynamicTest("conv2d of " + c, () -> checkForward(h, f, tol, c, s, 0)));
            tests.add(DynamicTest.dynamicTest("conv2dBackward of " + c, () -> {
                for (Mode mode : Mode.values()) {
                    checkBackward(h, f, tol, c, s, mode, 0);
                }
            }));
        }
        return tests.stream();
    }

    private static Case randomCase(SplittableRandom r) {
        int kh = 1 + r.nextInt(7);
        int kw = r.nextInt(3) > 0 ? kh : 1 + r.nextInt(7);
        int stride = r.nextInt(4) == 0 ? 2 + r.nextInt(2) : 1;
        int dilation = r.nextInt(6) == 0 ? 2 : 1;
        int[] pad = new int[4];
        for (int i = 0; i < 4; i++) {
            pad[i] = r.nextInt(3) == 0 ? r.nextInt((i < 2 ? kh : kw) + 1) : 0;
        }
        Window2D w = Window2D.of(kh, kw)
                .withStride(stride, r.nextBoolean() ? stride : 1)
                .withDilation(dilation, dilation)
                .withPadding(pad[0], pad[1], pad[2], pad[3]);
        int spanH = dilation * (kh - 1) + 1;
        int spanW = dilation * (kw - 1) + 1;
        int h = Math.max(1, spanH - pad[0] - pad[1]) + r.nextInt(13);
        int wd = Math.max(1, spanW - pad[2] - pad[3]) + r.nextInt(13);
        return new Case(Shape.of(1 + r.nextInt(8), 1 + r.nextInt(8), h, wd), w, 1 + r.nextInt(8), r.nextBoolean());
    }

    /**
     * Forward and backward (FLOAT32) of inputs with an outlier per sample: every output must keep its own
     * rounding, however large the values elsewhere in the input. A backend whose sums mix neighbouring inputs
     * (Winograd's tiles) would spread the outlier's rounding error to the outputs around it.
     */
    static Stream<DynamicTest> outliers(Harness h, double tol, long seed) {
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < OUTLIER_CASES.length; i++) {
            Case c = OUTLIER_CASES[i];
            long s = seed + 10L * i;
            DType f = DType.FLOAT32;
            String what = " of " + c + " with an input value " + (int) OUTLIER + " times the others' largest";
            tests.add(DynamicTest.dynamicTest("conv2d" + what, () -> checkForward(h, f, tol, c, s, OUTLIER)));
            tests.add(DynamicTest.dynamicTest(
                    "conv2dBackward" + what, () -> checkBackward(h, f, tol, c, s, Mode.ALL, OUTLIER)));
        }
        return tests.stream();
    }

    private static double[] draw(DType dtype, long seed, int n) {
        return Harness.round(dtype, Domain.ANY.draw(new SplittableRandom(seed), n));
    }

    /**
     * Draws the input of {@code c}; unless {@code outlier} is 0, then multiplies the first sample by it and sets one
     * value of every other sample to that times 3 (the draw's largest magnitude), so that no outlier stands out
     * from the batch as a whole, only from its own sample.
     */
    private static double[] input(DType dtype, long seed, Case c, double outlier) {
        double[] x = draw(dtype, seed, c.input().size());
        if (outlier != 0) {
            Shape in = c.input();
            int sample = in.size() / in.dim(0);
            for (int i = 0; i < sample; i++) {
                x[i] *= outlier;
            }
            for (int n = 1; n < in.dim(0); n++) {
                x[n * sample + (in.dim(1) / 2) * in.dim(2) * in.dim(3) + (in.dim(2) / 2) * in.dim(3) + in.dim(3) / 2] =
                        3 * outlier;
            }
        }
        return x;
    }

    private static void checkForward(Harness h, DType dtype, double tol, Case c, long seed, double outlier) {
        double[] x = input(dtype, seed, c, outlier);
        double[] w = draw(dtype, seed + 1, c.filters() * c.rows());
        double[] bias = c.bias() ? draw(dtype, seed + 2, c.filters()) : null;
        double[][] out = h.both(b -> forward(b, dtype, c, x, w, bias));
        double[] scale = forward(h.reference, DType.FLOAT64, c, Harness.abs(x), Harness.abs(w), abs(bias));
        Approx.assertClose("conv2d of " + c + " " + dtype + " on " + h.name(), c.output(), out[0], out[1], scale, tol);
    }

    /** The output. */
    private static double[] forward(Backend b, DType dtype, Case c, double[] x, double[] w, double[] bias) {
        try (Tensor input = Harness.upload(b, x, c.input(), dtype);
                Tensor weight = Harness.upload(b, w, Shape.matrix(c.filters(), c.rows()), dtype);
                Tensor biasT = bias == null ? null : Harness.upload(b, bias, Shape.of(c.filters()), dtype);
                Tensor columns = b.allocate(Shape.matrix(c.rows(), c.positions()), dtype);
                Tensor product = b.allocate(Shape.matrix(c.filters(), c.positions()), dtype);
                Tensor output = b.allocate(c.output(), dtype)) {
            b.write(output, Harness.nans(c.output().size()));
            b.write(columns, Harness.nans(columns.shape().size()));
            b.conv2d(input, weight, biasT, c.window(), columns, product, output);
            return output.toDoubleArray();
        }
    }

    /** How conv2dBackward is called. */
    private enum Mode {
        /** Every gradient, right after the forward pass. */
        ALL(""),
        /** The weight gradient only. */
        WEIGHT_ONLY(" (weight gradient only)"),
        /** Every gradient, the columns refilled by im2col after a forward pass of other data. */
        REFILLED(" (columns refilled by im2col after a forward pass of other data)");

        final String words;

        Mode(String words) {
            this.words = words;
        }
    }

    private static void checkBackward(
            Harness h, DType dtype, double tol, Case c, long seed, Mode mode, double outlier) {
        boolean all = mode != Mode.WEIGHT_ONLY;
        double[] x = input(dtype, seed + 3, c, outlier);
        double[] w = draw(dtype, seed + 4, c.filters() * c.rows());
        double[] g = draw(dtype, seed + 5, c.output().size());
        double[] w0 = draw(dtype, seed + 6, c.filters() * c.rows());
        double[] b0 = draw(dtype, seed + 7, c.filters());
        String what = mode.words + " of " + c + " " + dtype + " on " + h.name();
        Shape weights = Shape.matrix(c.filters(), c.rows());
        // each result is compared with the reference's; the scale is the same computation on absolute values
        for (int part = 0; part < (all ? 3 : 1); part++) {
            int p = part;
            double[][] got = h.both(b -> backward(b, dtype, c, x, w, g, w0, b0, mode, p));
            double[] scale = backward(
                    h.reference,
                    DType.FLOAT64,
                    c,
                    Harness.abs(x),
                    Harness.abs(w),
                    Harness.abs(g),
                    Harness.abs(w0),
                    Harness.abs(b0),
                    mode,
                    p);
            Shape shape = p == 0 ? weights : p == 1 ? Shape.of(c.filters()) : c.input();
            String name = p == 0 ? "weight gradient" : p == 1 ? "bias gradient" : "input gradient";
            Approx.assertClose("conv2dBackward's " + name + what, shape, got[0], got[1], scale, tol);
        }
    }

    /** Runs conv2d then conv2dBackward; returns the weight (0), bias (1) or input (2) gradient. */
    private static double[] backward(
            Backend b,
            DType dtype,
            Case c,
            double[] x,
            double[] w,
            double[] g,
            double[] w0,
            double[] b0,
            Mode mode,
            int which) {
        boolean all = mode != Mode.WEIGHT_ONLY;
        Shape weights = Shape.matrix(c.filters(), c.rows());
        try (Tensor input = Harness.upload(b, x, c.input(), dtype);
                Tensor weight = Harness.upload(b, w, weights, dtype);
                Tensor gradient = Harness.upload(b, g, c.output(), dtype);
                Tensor columns = b.allocate(Shape.matrix(c.rows(), c.positions()), dtype);
                Tensor product = b.allocate(Shape.matrix(c.filters(), c.positions()), dtype);
                Tensor output = b.allocate(c.output(), dtype);
                Tensor weightGradient = Harness.upload(b, w0, weights, dtype);
                Tensor biasGradient = Harness.upload(b, b0, Shape.of(c.filters()), dtype);
                Tensor gradInput = b.allocate(c.input(), dtype)) {
            b.write(gradInput, Harness.nans(c.input().size()));
            if (mode == Mode.REFILLED) {
                double[] other = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    other[i] = x[x.length - 1 - i];
                }
                try (Tensor otherInput = Harness.upload(b, other, c.input(), dtype)) {
                    b.conv2d(otherInput, weight, null, c.window(), columns, product, output);
                }
                b.im2col(input, c.window(), columns);
            } else {
                b.conv2d(input, weight, null, c.window(), columns, product, output);
            }
            b.conv2dBackward(
                    input,
                    weight,
                    gradient,
                    c.window(),
                    columns,
                    product,
                    weightGradient,
                    all ? biasGradient : null,
                    all ? gradInput : null);
            Tensor result = which == 0 ? weightGradient : which == 1 ? biasGradient : gradInput;
            return result.toDoubleArray();
        }
    }

    private static double[] abs(double[] v) {
        return v == null ? null : Harness.abs(v);
    }

    /** Wrong shapes and aliasing are refused with a message that names the operation and the argument. */
    static void refusals(Backend b) {
        Window2D window = Window2D.of(3, 3);
        DType f = DType.FLOAT32;
        try (Tensor input = b.allocate(Shape.of(2, 2, 5, 5), f);
                Tensor weight = b.allocate(Shape.matrix(4, 18), f);
                Tensor wrongWeight = b.allocate(Shape.matrix(4, 17), f);
                Tensor bias = b.allocate(Shape.of(4), f);
                Tensor wrongBias = b.allocate(Shape.of(5), f);
                Tensor columns = b.allocate(Shape.matrix(18, 18), f);
                Tensor product = b.allocate(Shape.matrix(4, 18), f);
                Tensor output = b.allocate(Shape.of(2, 4, 3, 3), f);
                Tensor wrongOutput = b.allocate(Shape.of(2, 4, 3, 4), f);
                Tensor gradInput = b.allocate(Shape.of(2, 2, 5, 5), f)) {
            refused("weight", () -> b.conv2d(input, wrongWeight, bias, window, columns, product, output));
            refused("bias", () -> b.conv2d(input, weight, wrongBias, window, columns, product, output));
            refused("output", () -> b.conv2d(input, weight, bias, window, columns, product, wrongOutput));
            refused("product", () -> b.conv2d(input, weight, bias, window, columns, output, output));
            refused(
                    "gradOutput",
                    () -> b.conv2dBackward(
                            input, weight, wrongOutput, window, columns, product, weight, bias, gradInput));
            refused(
                    "share memory",
                    () -> b.conv2dBackward(input, weight, output, window, columns, product, weight, bias, null));
            refused(
                    "gradInput",
                    () -> b.conv2dBackward(input, weight, output, window, columns, product, product, bias, output));
        }
    }

    private static void refused(String word, Runnable call) {
        IllegalArgumentException e =
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, call::run);
        if (!e.getMessage().contains("conv2d") || !e.getMessage().contains(word)) {
            throw new AssertionError("expected a conv2d error naming '" + word + "', got: " + e.getMessage());
        }
    }
}
