package dev.glia.testkit;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One element-wise call, run on the backend and on the reference over the same random data.
 *
 * @param expr    the expression
 * @param out     the output shape
 * @param shapes  the shapes of the distinct input tensors
 * @param domains where each distinct tensor's values are drawn from
 * @param use     for each expression input, which distinct tensor it is (the same tensor may appear twice)
 * @param alias   the distinct tensor that is also the output, or -1 for a separate output
 */
@SuppressWarnings("ArrayRecordComponent") // a test case's description, never compared
record ElementwiseCase(Expr expr, Shape out, Shape[] shapes, Domain[] domains, int[] use, int alias) {

    /** How an input's shape relates to the output's. */
    enum Layout {
        FULL,
        ROW,
        ROW_1D,
        COLUMN,
        SCALAR,
        SCALAR_2D;

        /** The input shape with this layout for an output of shape {@code out}. */
        Shape shapeFor(Shape out) {
            return switch (this) {
                case FULL -> out;
                case ROW -> Shape.matrix(1, out.columns());
                case ROW_1D -> Shape.of(out.columns());
                case COLUMN -> Shape.matrix(out.rows(), 1);
                case SCALAR -> Shape.of(1);
                case SCALAR_2D -> Shape.matrix(1, 1);
            };
        }

        /** Lower-case name for test names. */
        String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** A case with one distinct tensor per expression input, laid out as given, and a separate output. */
    static ElementwiseCase of(Expr expr, Shape out, Layout[] layouts, Domain[] domains) {
        Shape[] shapes = new Shape[layouts.length];
        int[] use = new int[layouts.length];
        for (int i = 0; i < layouts.length; i++) {
            shapes[i] = layouts[i].shapeFor(out);
            use[i] = i;
        }
        return new ElementwiseCase(expr, out, shapes, domains, use, -1);
    }

    /** This case with the output being distinct tensor {@code index}, which must have the output's shape. */
    ElementwiseCase inPlace(int index) {
        return new ElementwiseCase(expr, out, shapes, domains, use, index);
    }

    /** Runs the case on both backends and compares, failing with the first mismatch. */
    void check(Harness h, DType dtype, double tol, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] data = new double[shapes.length][];
        for (int i = 0; i < shapes.length; i++) {
            data[i] = Harness.round(dtype, domains[i].draw(random, shapes[i].size()));
        }
        double[][] result = h.both(b -> run(b, dtype, data));
        Approx.assertClose(describe(dtype, seed) + " on " + h.name(), out, result[0], result[1], tol);
    }

    private double[] run(Backend b, DType dtype, double[][] data) {
        List<Tensor> open = new ArrayList<>();
        try {
            Tensor[] distinct = new Tensor[shapes.length];
            for (int i = 0; i < shapes.length; i++) {
                distinct[i] = Harness.upload(b, data[i], shapes[i], dtype);
                open.add(distinct[i]);
            }
            Tensor output;
            if (alias >= 0) {
                output = distinct[alias];
            } else {
                output = b.allocate(out, dtype);
                open.add(output);
                b.write(output, Harness.nans(out.size()));
            }
            Tensor[] inputs = new Tensor[use.length];
            for (int i = 0; i < use.length; i++) {
                inputs[i] = distinct[use[i]];
            }
            b.elementwise(expr, output, inputs);
            return output.toDoubleArray();
        } finally {
            for (Tensor t : open) {
                t.close();
            }
        }
    }

    /** The call in words: expression, shapes, aliasing, dtype and seed. */
    String describe(DType dtype, long seed) {
        StringBuilder sb =
                new StringBuilder("elementwise ").append(expr).append(" into ").append(out);
        for (int i = 0; i < use.length; i++) {
            sb.append(i == 0 ? " from " : ", ")
                    .append("in")
                    .append(i)
                    .append('=')
                    .append(shapes[use[i]]);
            if (use[i] != i) {
                sb.append(" (the same tensor as in").append(firstUse(use[i])).append(')');
            }
        }
        if (alias >= 0) {
            sb.append(", in place (out is in").append(firstUse(alias)).append(')');
        }
        return sb.append(' ')
                .append(dtype)
                .append(" (seed ")
                .append(seed)
                .append(')')
                .toString();
    }

    private int firstUse(int tensor) {
        for (int i = 0; i < use.length; i++) {
            if (use[i] == tensor) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return describe(DType.FLOAT32, 0);
    }
}
