package dev.glia.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import dev.glia.testkit.ElementwiseCase.Layout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * Conformance checks of {@link Backend#elementwise(List, List, Tensor...)}: several expressions in one pass,
 * with shared subexpressions, broadcast inputs and outputs that are inputs (each element must evaluate every
 * expression before writing any output), over awkward shapes, against the reference; and its refusals.
 */
final class MultiOutputChecks {
    /** Output shapes: one element, one row, odd and prime sides, over 128, rank 1 and rank 3. */
    static final Shape[] SHAPES = {
        Shape.of(1), Shape.matrix(1, 131), Shape.matrix(3, 17), Shape.matrix(129, 3), Shape.of(2, 3, 5), Shape.of(257)
    };

    private static final Expr X = Expr.input(0);
    private static final Expr Y = Expr.input(1);
    private static final Expr Z = Expr.input(2);
    private static final Expr W = Expr.input(3);

    /**
     * One case: the expressions, the layout and domain of each input, and for each output the input it
     * also is ({@code -1}: a tensor of its own, prefilled with NaN so that an element left unwritten shows).
     * {@code layouts} is null for a case whose input shapes are given with each run ({@link #alongAxes}).
     */
    @SuppressWarnings("ArrayRecordComponent") // a case is never compared or hashed
    private record Case(String name, List<Expr> exprs, Layout[] layouts, Domain[] domains, int[] outputIsInput) {}

    private MultiOutputChecks() {}

    /** One dynamic test per case, each over every shape of {@link #SHAPES}. */
    static Stream<DynamicTest> all(Harness h, DType dtype, double tol, long seed) {
        List<Case> cases = cases();
        List<DynamicTest> tests = new ArrayList<>();
        for (int c = 0; c < cases.size(); c++) {
            Case k = cases.get(c);
            long caseSeed = seed + 1000L * c;
            tests.add(DynamicTest.dynamicTest(dtype + " " + k.name(), () -> {
                for (int s = 0; s < SHAPES.length; s++) {
                    check(h, dtype, tol, k, SHAPES[s], caseSeed + s);
                }
            }));
        }
        return tests.stream();
    }

    private static List<Case> cases() {
        Layout[] full2 = {Layout.FULL, Layout.FULL};
        Domain[] any2 = {Domain.ANY, Domain.ANY};
        Expr shared = X.mul(Y).add(1);
        Expr sameTwice = X.sub(Y).abs();
        return List.of(
                new Case(
                        "three outputs sharing x*y+1",
                        List.of(shared, shared.mul(shared), shared.sub(X).exp()),
                        full2,
                        any2,
                        new int[] {-1, -1, -1}),
                new Case("one output", List.of(X.add(Y).tanh()), full2, any2, new int[] {-1}),
                new Case(
                        "a constant, a copy of an input, one expression twice",
                        List.of(Expr.constant(2.5), Y, sameTwice, sameTwice),
                        full2,
                        any2,
                        new int[] {-1, -1, -1, -1}),
                new Case(
                        "row, column and scalar inputs",
                        List.of(X.add(Y), X.mul(Z).sub(W), Expr.where(X.gt(Y), Z, W), Z.mul(W)),
                        new Layout[] {Layout.FULL, Layout.ROW, Layout.COLUMN, Layout.SCALAR},
                        new Domain[] {Domain.ANY, Domain.ANY, Domain.ANY, Domain.ANY},
                        new int[] {-1, -1, -1, -1}),
                new Case(
                        "1-d row and 1x1 scalar inputs",
                        List.of(X.div(Y), Y.sub(Z)),
                        new Layout[] {Layout.FULL, Layout.ROW_1D, Layout.SCALAR_2D},
                        new Domain[] {Domain.ANY, Domain.NONZERO, Domain.ANY},
                        new int[] {-1, -1}),
                new Case(
                        "in place, swapping: x, y = x + y, x - y", List.of(X.add(Y), X.sub(Y)), full2, any2, new int[] {
                            0, 1
                        }),
                new Case("in place, crossed: y, x = x * 2, y - x", List.of(X.mul(2), Y.sub(X)), full2, any2, new int[] {
                    1, 0
                }),
                new Case(
                        "in place next to a new output, with a row input",
                        List.of(X.add(Y), X.mul(Y)),
                        new Layout[] {Layout.FULL, Layout.ROW},
                        any2,
                        new int[] {0, -1}),
                adamStep());
    }

    /**
     * An Adam step as {@code core}'s Adam writes it, in place: inputs p, g, m, v, lr_t, c2; outputs m, v, p;
     * the new moments feed the parameter update inside the same pass.
     */
    private static Case adamStep() {
        Expr p = Expr.input(0);
        Expr g = Expr.input(1);
        Expr m = Expr.input(2).mul(0.9).add(g.mul(0.1));
        Expr mFlushed = m.sub(m.max(-1e-30).min(1e-30));
        Expr v = Expr.input(3).mul(0.999).add(g.mul(g).mul(0.001));
        Expr vFlushed = v.sub(v.max(-1e-30).min(1e-30));
        Expr update = p.sub(Expr.input(4)
                .mul(mFlushed)
                .div(vFlushed.mul(Expr.input(5)).sqrt().add(1e-8)));
        return new Case(
                "adam step in place (m, v, p)",
                List.of(mFlushed, vFlushed, update),
                new Layout[] {Layout.FULL, Layout.FULL, Layout.FULL, Layout.FULL, Layout.SCALAR, Layout.SCALAR},
                new Domain[] {Domain.ANY, Domain.ANY, Domain.ANY, Domain.POSITIVE, Domain.POSITIVE, Domain.POSITIVE},
                new int[] {2, 3, 0});
    }

    /**
     * Inputs broadcast along axes ({@code [1, C, 1, 1]} onto {@code [N, C, H, W]} and the like): BatchNorm's
     * forward pass as two outputs (x-hat and y) from per-channel mean, inverse deviation, scale and shift; the
     * same mixed with a row input, an input over every axis but the first and a scalar; and in place (x-hat
     * written over x). Rank 3 to 5, and one output of over 2^16 elements (split over threads where a backend
     * splits).
     */
    static Stream<DynamicTest> alongAxes(Harness h, DType dtype, double tol, long seed) {
        Expr xhat = X.sub(Y).mul(Z);
        Case batchNorm = new Case(
                "BatchNorm forward (x-hat, y) from per-axis inputs",
                List.of(xhat, xhat.mul(W).add(Expr.input(4))),
                null,
                new Domain[] {Domain.ANY, Domain.ANY, Domain.POSITIVE, Domain.ANY, Domain.ANY},
                new int[] {-1, -1});
        Case inPlace = new Case(
                "x, y = x-hat, y in place over x", batchNorm.exprs(), null, batchNorm.domains(), new int[] {0, -1});
        Shape[] outs = {Shape.of(2, 3, 5, 7), Shape.of(1, 17, 1, 3, 2), Shape.of(4, 64, 23, 23), Shape.of(3, 131, 2)};
        List<DynamicTest> tests = new ArrayList<>();
        for (int s = 0; s < outs.length; s++) {
            Shape out = outs[s];
            Shape channel = AxisChecks.keep(out, 2);
            Shape last = AxisChecks.keep(out, 1 << (out.rank() - 1));
            Shape inner = AxisChecks.keep(out, ~1);
            long base = seed + 10L * s;
            tests.add(DynamicTest.dynamicTest(dtype + " " + batchNorm.name() + " onto " + out, () -> {
                check(h, dtype, tol, batchNorm, out, new Shape[] {out, channel, channel, channel, channel}, base);
                check(h, dtype, tol, batchNorm, out, new Shape[] {out, channel, inner, last, Shape.of(1)}, base + 1);
            }));
            tests.add(DynamicTest.dynamicTest(
                    dtype + " " + inPlace.name() + " onto " + out,
                    () -> check(
                            h,
                            dtype,
                            tol,
                            inPlace,
                            out,
                            new Shape[] {out, channel, channel, last, channel},
                            base + 2)));
        }
        return tests.stream();
    }

    /** Runs {@code k} on both backends for the output shape {@code out} and compares every output. */
    private static void check(Harness h, DType dtype, double tol, Case k, Shape out, long seed) {
        Shape[] shapes = new Shape[k.layouts().length];
        for (int i = 0; i < shapes.length; i++) {
            shapes[i] = k.layouts()[i].shapeFor(out);
        }
        check(h, dtype, tol, k, out, shapes, seed);
    }

    /** Runs {@code k} with inputs of {@code shapes} on both backends and compares every output. */
    private static void check(Harness h, DType dtype, double tol, Case k, Shape out, Shape[] shapes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int inputs = shapes.length;
        double[][] data = new double[inputs][];
        for (int i = 0; i < inputs; i++) {
            data[i] = Harness.round(dtype, k.domains()[i].draw(random, shapes[i].size()));
        }
        int outputs = k.exprs().size();
        double[][] both = h.both(backend -> run(backend, dtype, k, out, shapes, data));
        for (int j = 0; j < outputs; j++) {
            int from = j * out.size();
            double[] expected = Arrays.copyOfRange(both[0], from, from + out.size());
            double[] actual = Arrays.copyOfRange(both[1], from, from + out.size());
            Approx.assertClose(
                    "elementwise with " + outputs + " outputs (" + k.name() + "), output " + j + " = "
                            + k.exprs().get(j) + ", " + dtype + " out=" + out + " inputs=" + Arrays.toString(shapes)
                            + " (seed " + seed + ") on " + h.name(),
                    out,
                    expected,
                    actual,
                    tol);
        }
    }

    /** The outputs of one run, one after the other; closes every tensor it made. */
    private static double[] run(Backend b, DType dtype, Case k, Shape out, Shape[] shapes, double[][] data) {
        List<Tensor> made = new ArrayList<>();
        try {
            Tensor[] in = new Tensor[shapes.length];
            for (int i = 0; i < in.length; i++) {
                in[i] = Harness.upload(b, data[i], shapes[i], dtype);
                made.add(in[i]);
            }
            List<Tensor> outs = new ArrayList<>();
            for (int target : k.outputIsInput()) {
                Tensor o = target >= 0 ? in[target] : Harness.upload(b, Harness.nans(out.size()), out, dtype);
                if (target < 0) {
                    made.add(o);
                }
                outs.add(o);
            }
            b.elementwise(k.exprs(), outs, in);
            double[] all = new double[outs.size() * out.size()];
            for (int j = 0; j < outs.size(); j++) {
                System.arraycopy(outs.get(j).toDoubleArray(), 0, all, j * out.size(), out.size());
            }
            return all;
        } finally {
            made.forEach(Tensor::close);
        }
    }

    /**
     * Wrong counts, outputs of different shapes, one tensor (or two views of one memory) as two outputs, a
     * non-broadcasting input, mixed dtypes, INT32 tensors, and closed or foreign tensors all fail with a message
     * saying what is wrong.
     */
    static void refusals(Backend backend, Backend other) {
        Shape s = Shape.matrix(3, 5);
        List<Expr> two = List.of(X.add(Y), X.sub(Y));
        try (Tensor a = backend.allocate(s, DType.FLOAT32);
                Tensor b = backend.allocate(s, DType.FLOAT32);
                Tensor wide = backend.allocate(Shape.matrix(3, 6), DType.FLOAT32);
                Tensor bad = backend.allocate(Shape.matrix(2, 5), DType.FLOAT32);
                Tensor foreign = other.allocate(s, DType.FLOAT32)) {
            rejects(
                    IllegalArgumentException.class,
                    "2 expressions but 1 outputs",
                    () -> backend.elementwise(two, List.of(a), a, b));
            rejects(
                    IllegalArgumentException.class,
                    "no expression was given",
                    () -> backend.elementwise(List.of(), List.of(), a));
            rejects(
                    IllegalArgumentException.class,
                    "output 1 has shape [3, 6] but output 0 has [3, 5]",
                    () -> backend.elementwise(two, List.of(a, wide), a, b));
            rejects(
                    IllegalArgumentException.class,
                    "outputs 0 and 1 are the same tensor",
                    () -> backend.elementwise(two, List.of(a, a), a, b));
            rejects(
                    IllegalArgumentException.class,
                    "read 2 inputs but 1 were given",
                    () -> backend.elementwise(two, List.of(a, b), a));
            rejects(
                    IllegalArgumentException.class,
                    "does not broadcast onto the output",
                    () -> backend.elementwise(two, List.of(a, b), a, bad));
            rejects(
                    IllegalArgumentException.class,
                    "belongs to",
                    () -> backend.elementwise(two, List.of(a, foreign), a, b));
            rejects(
                    IllegalArgumentException.class,
                    "belongs to",
                    () -> backend.elementwise(two, List.of(a, b), a, foreign));
            if (backend.supports(DType.FLOAT64)) {
                try (Tensor d = backend.allocate(s, DType.FLOAT64)) {
                    rejects(
                            IllegalArgumentException.class,
                            "all tensors must share one dtype",
                            () -> backend.elementwise(two, List.of(a, d), a, b));
                    rejects(
                            IllegalArgumentException.class,
                            "all tensors must share one dtype",
                            () -> backend.elementwise(two, List.of(a, b), a, d));
                }
            }
            try (Tensor view = backend.reshape(a, s)) {
                rejects(
                        IllegalArgumentException.class,
                        "outputs 0 and 1 are views of the same memory",
                        () -> backend.elementwise(two, List.of(a, view), a, b));
            }
            try (Tensor i = backend.allocate(s, DType.INT32);
                    Tensor j = backend.allocate(s, DType.INT32)) {
                rejects(
                        IllegalArgumentException.class,
                        "takes FLOAT32 or FLOAT64 tensors",
                        () -> backend.elementwise(two, List.of(i, j), i, j));
                rejects(
                        IllegalArgumentException.class,
                        "all tensors must share one dtype",
                        () -> backend.elementwise(two, List.of(a, b), a, i));
            }
            Tensor closed = backend.allocate(s, DType.FLOAT32);
            closed.close();
            rejects(IllegalStateException.class, "", () -> backend.elementwise(two, List.of(a, closed), a, b));
            rejects(IllegalStateException.class, "", () -> backend.elementwise(two, List.of(a, b), closed, b));
        }
    }

    private static void rejects(Class<? extends Throwable> type, String words, Executable call) {
        Throwable e = assertThrows(type, call);
        assertTrue(
                String.valueOf(e.getMessage()).contains(words), () -> "expected '" + words + "' in: " + e.getMessage());
    }
}
