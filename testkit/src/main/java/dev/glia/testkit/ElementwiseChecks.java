package dev.glia.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.BinaryOp;
import dev.glia.api.expr.Derivatives;
import dev.glia.api.expr.Expr;
import dev.glia.api.expr.UnaryOp;
import dev.glia.testkit.ElementwiseCase.Layout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/** Conformance checks of {@link Backend#elementwise}: every primitive, broadcasting and aliasing. */
final class ElementwiseChecks {
    private static final Expr X = Expr.input(0);
    private static final Expr Y = Expr.input(1);
    private static final Expr Z = Expr.input(2);

    /** Output shapes: non-square matrices, a rank-3 tensor (2 x 15 matrix view) and a rank-1 vector. */
    static final Shape[] OUT_SHAPES = {Shape.of(3, 17), Shape.of(129, 3), Shape.of(2, 3, 5), Shape.of(129)};

    /** (in0, in1) layouts for binary operations: each side broadcasting, and both at once. */
    private static final Layout[][] PAIRS = {
        {Layout.FULL, Layout.FULL}, {Layout.FULL, Layout.ROW}, {Layout.FULL, Layout.ROW_1D},
        {Layout.FULL, Layout.COLUMN}, {Layout.FULL, Layout.SCALAR}, {Layout.FULL, Layout.SCALAR_2D},
        {Layout.ROW, Layout.FULL}, {Layout.COLUMN, Layout.FULL}, {Layout.SCALAR, Layout.FULL},
        {Layout.ROW, Layout.COLUMN}, {Layout.COLUMN, Layout.ROW}
    };

    private ElementwiseChecks() {}

    /** Valid inputs for a one-argument primitive. */
    static Domain domain(UnaryOp op) {
        return switch (op) {
            case LOG, SQRT -> Domain.POSITIVE;
            case RECIP -> Domain.NONZERO;
            default -> Domain.ANY;
        };
    }

    /** Valid inputs for a two-argument primitive: positive bases, nonzero divisors, ties for comparisons. */
    static Domain[] domains(BinaryOp op) {
        if (op == BinaryOp.DIV) {
            return new Domain[] {Domain.ANY, Domain.NONZERO};
        } else if (op == BinaryOp.POW) {
            return new Domain[] {Domain.BASE, Domain.ANY};
        } else if (op.isComparison()) {
            return new Domain[] {Domain.DISCRETE, Domain.DISCRETE};
        }
        return new Domain[] {Domain.ANY, Domain.ANY};
    }

    /** One test per unary primitive, over every output shape. */
    static Stream<DynamicTest> unary(Harness h, DType dtype, double tol, long seed) {
        List<DynamicTest> tests = new ArrayList<>();
        UnaryOp[] ops = UnaryOp.values();
        for (int o = 0; o < ops.length; o++) {
            UnaryOp op = ops[o];
            Expr e = X.apply(op);
            tests.add(test(
                    dtype + " " + op.symbol(),
                    h,
                    dtype,
                    tol,
                    seed + o * 100L,
                    out -> ElementwiseCase.of(e, out, new Layout[] {Layout.FULL}, new Domain[] {domain(op)})));
        }
        return tests.stream();
    }

    /** One test per binary primitive and broadcast layout, over every output shape. */
    static Stream<DynamicTest> binary(Harness h, DType dtype, double tol, long seed) {
        List<DynamicTest> tests = new ArrayList<>();
        BinaryOp[] ops = BinaryOp.values();
        for (int o = 0; o < ops.length; o++) {
            BinaryOp op = ops[o];
            Expr e = X.apply(op, Y);
            for (int p = 0; p < PAIRS.length; p++) {
                Layout[] pair = PAIRS[p];
                String name = dtype + " " + op.symbol() + "(" + pair[0].label() + ", " + pair[1].label() + ")";
                tests.add(test(
                        name,
                        h,
                        dtype,
                        tol,
                        seed + o * 100L + p,
                        out -> ElementwiseCase.of(e, out, pair, domains(op))));
            }
        }
        return tests.stream();
    }

    /** {@code where} with full and broadcast operands, and with a computed condition. */
    static Stream<DynamicTest> where(Harness h, DType dtype, double tol, long seed) {
        Domain[] cab = {Domain.DISCRETE, Domain.ANY, Domain.ANY};
        Domain[] ab = {Domain.ANY, Domain.ANY};
        return Stream.of(
                test(
                        dtype + " where(full, full, full)",
                        h,
                        dtype,
                        tol,
                        seed,
                        out -> ElementwiseCase.of(
                                Expr.where(X, Y, Z), out, new Layout[] {Layout.FULL, Layout.FULL, Layout.FULL}, cab)),
                test(
                        dtype + " where(column, row, scalar)",
                        h,
                        dtype,
                        tol,
                        seed + 1,
                        out -> ElementwiseCase.of(
                                Expr.where(X, Y, Z),
                                out,
                                new Layout[] {Layout.COLUMN, Layout.ROW, Layout.SCALAR},
                                cab)),
                test(
                        dtype + " where(in0 > in1, in0, 0.01 * in1) with a row",
                        h,
                        dtype,
                        tol,
                        seed + 2,
                        out -> ElementwiseCase.of(
                                Expr.where(X.gt(Y), X, Y.mul(0.01)), out, new Layout[] {Layout.FULL, Layout.ROW}, ab)),
                test(
                        dtype + " where(in0, 1, -1)",
                        h,
                        dtype,
                        tol,
                        seed + 3,
                        out -> ElementwiseCase.of(
                                Expr.where(X, Expr.constant(1), Expr.constant(-1)),
                                out,
                                new Layout[] {Layout.FULL},
                                new Domain[] {Domain.DISCRETE})));
    }

    /** Fused expressions as layers, activations and optimisers produce them. */
    static Stream<DynamicTest> composite(Harness h, DType dtype, double tol, long seed) {
        Expr gelu = X.mul(0.5).mul(X.mul(Math.sqrt(0.5)).erf().add(1));
        Layout[] one = {Layout.FULL};
        Layout[] two = {Layout.FULL, Layout.FULL};
        Domain[] any1 = {Domain.ANY};
        Domain[] any2 = {Domain.ANY, Domain.ANY};
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(test(
                dtype + " swish",
                h,
                dtype,
                tol,
                seed,
                out -> ElementwiseCase.of(X.mul(X.neg().exp().add(1).recip()), out, one, any1)));
        tests.add(test(dtype + " gelu", h, dtype, tol, seed + 1, out -> ElementwiseCase.of(gelu, out, one, any1)));
        tests.add(test(
                dtype + " gelu' (symbolic derivative)",
                h,
                dtype,
                tol,
                seed + 2,
                out -> ElementwiseCase.of(Derivatives.derive(gelu, 0), out, one, any1)));
        tests.add(test(
                dtype + " softplus",
                h,
                dtype,
                tol,
                seed + 3,
                out -> ElementwiseCase.of(X.exp().add(1).log(), out, one, any1)));
        for (int k = 0; k < PAIRS.length; k++) { // exp and tanh read from inputs broadcast every way (gathered)
            Layout[] pair = PAIRS[k];
            tests.add(test(
                    dtype + " exp(in0 - in1) + tanh(in0 + in1), " + pair[0] + " and " + pair[1],
                    h,
                    dtype,
                    tol,
                    seed + 100 + k,
                    out -> ElementwiseCase.of(X.sub(Y).exp().add(X.add(Y).tanh()), out, pair, any2)));
        }
        tests.add(test(
                dtype + " relu(in0 + bias row)",
                h,
                dtype,
                tol,
                seed + 4,
                out -> ElementwiseCase.of(X.add(Y).max(0), out, new Layout[] {Layout.FULL, Layout.ROW}, any2)));
        tests.add(test(
                dtype + " adam step",
                h,
                dtype,
                tol,
                seed + 5,
                out -> ElementwiseCase.of(
                        X.sub(Y.mul(0.001).div(Z.sqrt().add(1e-8))),
                        out,
                        new Layout[] {Layout.FULL, Layout.FULL, Layout.FULL},
                        new Domain[] {Domain.ANY, Domain.ANY, Domain.POSITIVE})));
        tests.add(test(
                dtype + " mixed primitives",
                h,
                dtype,
                tol,
                seed + 6,
                out -> ElementwiseCase.of(
                        X.abs()
                                .add(1)
                                .pow(Y)
                                .mul(X.sin())
                                .sub(Y.cos().div(X.mul(X).add(1)))
                                .add(X.min(Y).tanh())
                                .add(X.ge(Y).mul(Y)),
                        out,
                        two,
                        any2)));
        tests.add(test(
                dtype + " constant only",
                h,
                dtype,
                tol,
                seed + 7,
                out -> ElementwiseCase.of(Expr.constant(2.5), out, new Layout[0], new Domain[0])));
        tests.add(test(
                dtype + " reads in1 only",
                h,
                dtype,
                tol,
                seed + 8,
                out -> ElementwiseCase.of(Y.exp(), out, two, any2)));
        return tests.stream();
    }

    /** The output aliasing an input, and one tensor passed as two inputs. */
    static Stream<DynamicTest> inPlace(Harness h, DType dtype, double tol, long seed) {
        Domain[] any2 = {Domain.ANY, Domain.ANY};
        return Stream.of(
                test(
                        dtype + " x = exp(x)",
                        h,
                        dtype,
                        tol,
                        seed,
                        out -> ElementwiseCase.of(X.exp(), out, new Layout[] {Layout.FULL}, new Domain[] {Domain.ANY})
                                .inPlace(0)),
                test(
                        dtype + " in0 = in0 + row",
                        h,
                        dtype,
                        tol,
                        seed + 1,
                        out -> ElementwiseCase.of(X.add(Y), out, new Layout[] {Layout.FULL, Layout.ROW}, any2)
                                .inPlace(0)),
                test(
                        dtype + " in1 = column - in1",
                        h,
                        dtype,
                        tol,
                        seed + 2,
                        out -> ElementwiseCase.of(X.sub(Y), out, new Layout[] {Layout.COLUMN, Layout.FULL}, any2)
                                .inPlace(1)),
                test(
                        dtype + " out = t * t (one tensor, two inputs)",
                        h,
                        dtype,
                        tol,
                        seed + 3,
                        out -> new ElementwiseCase(
                                X.mul(Y).sub(X),
                                out,
                                new Shape[] {out},
                                new Domain[] {Domain.ANY},
                                new int[] {0, 0},
                                -1)),
                test(
                        dtype + " t = t * t - t (in place, two inputs)",
                        h,
                        dtype,
                        tol,
                        seed + 4,
                        out -> new ElementwiseCase(
                                X.mul(Y).sub(X),
                                out,
                                new Shape[] {out},
                                new Domain[] {Domain.ANY},
                                new int[] {0, 0},
                                0)),
                test(
                        dtype + " adam step in place",
                        h,
                        dtype,
                        tol,
                        seed + 5,
                        out -> ElementwiseCase.of(
                                        X.sub(Y.mul(0.001).div(Z.sqrt().add(1e-8))),
                                        out,
                                        new Layout[] {Layout.FULL, Layout.ROW, Layout.FULL},
                                        new Domain[] {Domain.ANY, Domain.ANY, Domain.POSITIVE})
                                .inPlace(0)));
    }

    private static DynamicTest test(
            String name, Harness h, DType dtype, double tol, long seed, Function<Shape, ElementwiseCase> caseFor) {
        return DynamicTest.dynamicTest(name, () -> {
            for (int s = 0; s < OUT_SHAPES.length; s++) {
                caseFor.apply(OUT_SHAPES[s]).check(h, dtype, tol, seed * 31 + s);
            }
        });
    }

    /** NaN: max and min propagate it, comparisons with it are 0, and a NaN condition is true (non-zero). */
    static void nanSemantics(Harness h) {
        double nan = Double.NaN;
        double[] a = {nan, 1, nan, -2, 0};
        double[] b = {1, nan, nan, 3, nan};
        Shape s = Shape.of(5);
        Expr[] exprs = {
            X.max(Y),
            X.min(Y),
            X.lt(Y),
            X.le(Y),
            X.gt(Y),
            X.ge(Y),
            X.eq(Y),
            X.add(Y),
            Expr.where(X, Expr.constant(7), Expr.constant(-7))
        };
        for (Expr e : exprs) {
            ElementwiseCase c = new ElementwiseCase(e, s, new Shape[] {s, s}, null, new int[] {0, 1}, -1);
            double[][] r = h.both(backend -> {
                try (Tensor ta = backend.upload(Domain.toFloat(a), s);
                        Tensor tb = backend.upload(Domain.toFloat(b), s);
                        Tensor out = backend.allocate(s, DType.FLOAT32)) {
                    backend.elementwise(e, out, ta, tb);
                    return out.toDoubleArray();
                }
            });
            Approx.assertExact(
                    c.describe(DType.FLOAT32, 0) + " with in0=[NaN, 1, NaN, -2, 0], in1=[1, NaN, NaN, 3, NaN]" + " on "
                            + h.name(),
                    s,
                    r[0],
                    r[1]);
        }
    }

    /** Inputs that do not broadcast, and too few inputs, fail with IllegalArgumentException. */
    static void badBroadcast(Backend backend) {
        Shape[] bad = {Shape.of(2, 5), Shape.of(3, 4), Shape.of(5, 3), Shape.of(1, 4), Shape.of(4, 1), Shape.of(15)};
        try (Tensor out = backend.allocate(Shape.of(3, 5), DType.FLOAT32)) {
            for (Shape s : bad) {
                try (Tensor in = backend.allocate(s, DType.FLOAT32)) {
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> backend.elementwise(X.add(Y), out, out, in),
                            () -> "elementwise onto [3, 5] with an input of shape " + s + " must fail");
                }
            }
            assertThrows(
                    IllegalArgumentException.class,
                    () -> backend.elementwise(X.add(Y), out, out),
                    "an expression reading 2 inputs given 1 must fail");
        }
    }
}
