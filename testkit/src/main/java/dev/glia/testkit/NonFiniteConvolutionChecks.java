package dev.glia.testkit;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.Window2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * NaN and infinities through {@link Backend#conv2d} and {@link Backend#conv2dBackward}: they must reach exactly the
 * outputs and gradients whose sums hold them, as in the reference, no more and no fewer. A backend that computes
 * the sums another way (the ND4J backend's Winograd tiles mix a whole tile of inputs into every output of the tile)
 * must not spread a NaN to neighbours the window does not cover, nor turn an infinity into NaN. Planted: a NaN, a
 * +∞ and a −∞ in the input and a NaN in the output gradient, or the output gradient's NaN alone (after a forward
 * pass of finite values); FLOAT32, on geometries of both routes.
 */
final class NonFiniteConvolutionChecks {
    private static final ConvolutionChecks.Case[] CASES = {
        new ConvolutionChecks.Case(Shape.of(4, 32, 12, 12), Window2D.of(5, 5), 9, false),
        new ConvolutionChecks.Case(Shape.of(5, 6, 10, 9), Window2D.of(4, 4).withPadding(1, 2, 0, 1), 5, false),
        new ConvolutionChecks.Case(Shape.of(4, 8, 9, 10), Window2D.of(3, 3).withPadding(1, 1, 1, 1), 5, false),
        new ConvolutionChecks.Case(Shape.of(2, 3, 7, 9), Window2D.of(3, 3), 4, false)
    };

    private NonFiniteConvolutionChecks() {}

    static Stream<DynamicTest> all(Harness h, double tol, long seed) {
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < CASES.length; i++) {
            ConvolutionChecks.Case c = CASES[i];
            long s = seed + 10L * i;
            tests.add(DynamicTest.dynamicTest(
                    "NaN and ±∞ through conv2d and conv2dBackward of " + c, () -> check(h, tol, c, s, true)));
            tests.add(DynamicTest.dynamicTest(
                    "a NaN in the output gradient only, through conv2dBackward of " + c,
                    () -> check(h, tol, c, s + 1, false)));
        }
        return tests.stream();
    }

    /** With {@code inInput}, NaN and ±∞ in the input too; otherwise only the output gradient's NaN. */
    private static void check(Harness h, double tol, ConvolutionChecks.Case c, long seed, boolean inInput) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = draw(random, c.input().size());
        double[] w = draw(random, c.filters() * c.rows());
        double[] g = draw(random, c.output().size());
        Shape in = c.input();
        int plane = in.dim(2) * in.dim(3);
        if (inInput) {
            x[(1 * in.dim(1) + in.dim(1) - 1) * plane + (in.dim(2) / 2) * in.dim(3) + in.dim(3) / 2] = Double.NaN;
            x[0] = Double.POSITIVE_INFINITY;
            x[(3 % in.dim(0)) * in.dim(1) * plane + plane - 1] = Double.NEGATIVE_INFINITY;
        }
        g[g.length / 2 + 3] = Double.NaN;
        for (int part = inInput ? 0 : 1; part < 3; part++) {
            int p = part;
            double[][] got = h.both(b -> run(b, c, x, w, g, p));
            Shape shape = p == 0 ? c.output() : p == 1 ? Shape.matrix(c.filters(), c.rows()) : c.input();
            String name =
                    p == 0 ? "conv2d's output" : p == 1 ? "conv2dBackward's weight gradient" : "its input gradient";
            // the finite values are checked closely elsewhere; here a bound on the sums of absolute terms will do
            double[] scale = new double[got[0].length];
            Arrays.fill(scale, 1000);
            Approx.assertClose(
                    name + " of " + c + (inInput ? " with NaN and ±∞" : " with a NaN in the output gradient") + " on "
                            + h.name(),
                    shape,
                    got[0],
                    got[1],
                    scale,
                    tol);
        }
    }

    /** conv2d, then conv2dBackward from {@code g}; the output (0), the weight gradient (1) or the input gradient (2). */
    private static double[] run(Backend b, ConvolutionChecks.Case c, double[] x, double[] w, double[] g, int which) {
        DType f = DType.FLOAT32;
        Shape weights = Shape.matrix(c.filters(), c.rows());
        try (Tensor input = Harness.upload(b, x, c.input(), f);
                Tensor weight = Harness.upload(b, w, weights, f);
                Tensor gradient = Harness.upload(b, g, c.output(), f);
                Tensor columns = b.allocate(Shape.matrix(c.rows(), c.positions()), f);
                Tensor product = b.allocate(Shape.matrix(c.filters(), c.positions()), f);
                Tensor output = b.allocate(c.output(), f);
                Tensor weightGradient = b.allocate(weights, f);
                Tensor gradInput = b.allocate(c.input(), f)) {
            b.conv2d(input, weight, null, c.window(), columns, product, output);
            if (which == 0) {
                return output.toDoubleArray();
            }
            b.conv2dBackward(input, weight, gradient, c.window(), columns, product, weightGradient, null, gradInput);
            return which == 1 ? weightGradient.toDoubleArray() : gradInput.toDoubleArray();
        }
    }

    private static double[] draw(SplittableRandom random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextDouble(-1, 1);
        }
        return v;
    }
}
