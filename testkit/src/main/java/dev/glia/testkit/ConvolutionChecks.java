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
 * sample) and long ones. Forward: the output within rounding and the columns left holding {@code im2col(input)}
 * exactly. Backward: the weight and bias gradients <em>added</em> to what the tensors held, the input gradient
 * overwriting a NaN prefill; also with neither the bias gradient nor the input gradient asked for.
 */
final class ConvolutionChecks {
    /** A case: input, window, filters, whether there is a bias. */
    private record Case(Shape input, Window2D window, int filters, boolean bias) {
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
        new Case(Shape.of(4, 32, 12, 12), Window2D.of(5, 5), 9, true)
    };

    private ConvolutionChecks() {}

    /** Forward and backward of every case. */
    static Stream<DynamicTest> fused(Harness h, DType dtype, double tol, long seed) {
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < CASES.length; i++) {
            Case c = CASES[i];
            long s = seed + 10L * i;
            tests.add(DynamicTest.dynamicTest(dtype + " conv2d of " + c, () -> checkForward(h, dtype, tol, c, s)));
            tests.add(DynamicTest.dynamicTest(dtype + " conv2dBackward of " + c, () -> {
                checkBackward(h, dtype, tol, c, s, true);
                checkBackward(h, dtype, tol, c, s, false);
            }));
        }
        return tests.stream();
    }

    private static double[] draw(DType dtype, long seed, int n) {
        return Harness.round(dtype, Domain.ANY.draw(new SplittableRandom(seed), n));
    }

    private static void checkForward(Harness h, DType dtype, double tol, Case c, long seed) {
        double[] x = draw(dtype, seed, c.input().size());
        double[] w = draw(dtype, seed + 1, c.filters() * c.rows());
        double[] bias = c.bias() ? draw(dtype, seed + 2, c.filters()) : null;
        double[][] out = h.both(b -> forward(b, dtype, c, x, w, bias, false));
        double[] scale = forward(h.reference, DType.FLOAT64, c, Harness.abs(x), Harness.abs(w), abs(bias), false);
        Approx.assertClose("conv2d of " + c + " " + dtype + " on " + h.name(), c.output(), out[0], out[1], scale, tol);
        double[][] columns = h.both(b -> forward(b, dtype, c, x, w, bias, true));
        Approx.assertExact(
                "the columns conv2d of " + c + " " + dtype + " left on " + h.name() + " (im2col of the input)",
                Shape.matrix(c.rows(), c.positions()),
                columns[0],
                columns[1]);
    }

    /** The output, or ({@code wantColumns}) the columns the call left. */
    private static double[] forward(
            Backend b, DType dtype, Case c, double[] x, double[] w, double[] bias, boolean wantColumns) {
        try (Tensor input = Harness.upload(b, x, c.input(), dtype);
                Tensor weight = Harness.upload(b, w, Shape.matrix(c.filters(), c.rows()), dtype);
                Tensor biasT = bias == null ? null : Harness.upload(b, bias, Shape.of(c.filters()), dtype);
                Tensor columns = b.allocate(Shape.matrix(c.rows(), c.positions()), dtype);
                Tensor product = b.allocate(Shape.matrix(c.filters(), c.positions()), dtype);
                Tensor output = b.allocate(c.output(), dtype)) {
            b.write(output, Harness.nans(c.output().size()));
            b.write(columns, Harness.nans(columns.shape().size()));
            b.conv2d(input, weight, biasT, c.window(), columns, product, output);
            return wantColumns ? columns.toDoubleArray() : output.toDoubleArray();
        }
    }

    private static void checkBackward(Harness h, DType dtype, double tol, Case c, long seed, boolean all) {
        double[] x = draw(dtype, seed + 3, c.input().size());
        double[] w = draw(dtype, seed + 4, c.filters() * c.rows());
        double[] g = draw(dtype, seed + 5, c.output().size());
        double[] w0 = draw(dtype, seed + 6, c.filters() * c.rows());
        double[] b0 = draw(dtype, seed + 7, c.filters());
        String what = (all ? "" : " (weight gradient only)") + " of " + c + " " + dtype + " on " + h.name();
        Shape weights = Shape.matrix(c.filters(), c.rows());
        // each result is compared with the reference's; the scale is the same computation on absolute values
        for (int part = 0; part < (all ? 3 : 1); part++) {
            int p = part;
            double[][] got = h.both(b -> backward(b, dtype, c, x, w, g, w0, b0, all, p));
            double[] scale = backward(
                    h.reference,
                    DType.FLOAT64,
                    c,
                    Harness.abs(x),
                    Harness.abs(w),
                    Harness.abs(g),
                    Harness.abs(w0),
                    Harness.abs(b0),
                    all,
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
            boolean all,
            int which) {
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
            b.conv2d(input, weight, null, c.window(), columns, product, output);
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
