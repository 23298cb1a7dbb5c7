package dev.glia.api.spi;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.Window2D;
import dev.glia.api.expr.Expr;
import java.util.Objects;

/**
 * The checks of {@link Backend#conv2d} and {@link Backend#conv2dBackward}, and their default for
 * {@link AbstractBackend}: the sequence of public operations (im2col, gemm, permute, element-wise, sum, col2im)
 * that a layer would otherwise call, so that every backend has the pair without code of its own.
 */
final class ConvolutionSteps {
    private static final Expr ADD = Expr.input(0).add(Expr.input(1));
    private static final int[] FILTERS_FIRST_TO_BATCH_FIRST = {1, 0, 2};
    private static final int[] TRANSPOSE = {1, 0};

    private ConvolutionSteps() {}

    /** Checks {@link Backend#conv2d}'s arguments; each failure names the argument, what was expected and found. */
    static void checkForward(
            Tensor input, Tensor weight, Tensor bias, Window2D window, Tensor columns, Tensor product, Tensor output) {
        String op = "conv2d";
        int filters = common(op, input, weight, window, columns, product);
        expect(op, "output", output, outputShape(input, window, filters), input);
        if (bias != null) {
            expect(op, "bias", bias, Shape.of(filters), input);
        }
        distinct(op, output, input, weight, columns, product);
        distinct(op, columns, input, weight, product);
        distinct(op, product, input, weight);
    }

    /** Checks {@link Backend#conv2dBackward}'s arguments. */
    static void checkBackward(
            Tensor input,
            Tensor weight,
            Tensor gradOutput,
            Window2D window,
            Tensor columns,
            Tensor product,
            Tensor weightGradient,
            Tensor biasGradient,
            Tensor gradInput) {
        String op = "conv2dBackward";
        int filters = common(op, input, weight, window, columns, product);
        expect(op, "gradOutput", gradOutput, outputShape(input, window, filters), input);
        expect(op, "weightGradient", weightGradient, weight.shape(), input);
        if (biasGradient != null) {
            expect(op, "biasGradient", biasGradient, Shape.of(filters), input);
            distinct(op, biasGradient, gradOutput, weightGradient, columns, product);
        }
        if (gradInput != null) {
            expect(op, "gradInput", gradInput, input.shape(), input);
            distinct(op, gradInput, input, weight, gradOutput, columns, product, weightGradient);
        }
        distinct(op, weightGradient, weight, gradOutput, columns, product);
        distinct(op, columns, input, weight, gradOutput, product);
        distinct(op, product, input, weight, gradOutput);
    }

    /** The default {@link Backend#conv2d}, arguments checked: im2col, gemm, permute, bias add. */
    static void forward(
            Backend b,
            Tensor input,
            Tensor weight,
            Tensor bias,
            Window2D window,
            Tensor columns,
            Tensor product,
            Tensor output) {
        Shape bySample = bySample(output);
        b.im2col(input, window, columns);
        b.gemm(false, false, 1, weight, columns, 0, product);
        try (Tensor filtersFirst = b.reshape(product, byFilter(bySample));
                Tensor batchFirst = b.reshape(output, bySample)) {
            b.permute(filtersFirst, FILTERS_FIRST_TO_BATCH_FIRST, batchFirst);
        }
        if (bias != null) {
            try (Tensor perChannel = b.reshape(bias, Shape.of(1, bias.shape().size(), 1, 1))) {
                b.elementwise(ADD, output, output, perChannel);
            }
        }
    }

    /**
     * The default {@link Backend#conv2dBackward}, arguments checked: the gradient permuted filters first, the
     * weight gradient as its transpose {@code columns · gradientᵀ} (with the long side as rows OpenBLAS and EJML
     * spend 15-30 % less CPU on it than on {@code gradient · columnsᵀ}), added transposed; the bias gradient a row
     * sum; the input gradient {@code col2im(weightᵀ · gradient)} through the columns.
     */
    static void backward(
            Backend b,
            Tensor weight,
            Tensor gradOutput,
            Window2D window,
            Tensor columns,
            Tensor product,
            Tensor weightGradient,
            Tensor biasGradient,
            Tensor gradInput) {
        Shape bySample = bySample(gradOutput);
        DType dtype = gradOutput.dtype();
        try (Tensor batchFirst = b.reshape(gradOutput, bySample);
                Tensor filtersFirst = b.reshape(product, byFilter(bySample))) {
            b.permute(batchFirst, FILTERS_FIRST_TO_BATCH_FIRST, filtersFirst);
        }
        Shape w = weightGradient.shape();
        try (Tensor transposed = b.allocate(Shape.matrix(w.dim(1), w.dim(0)), dtype);
                Tensor step = b.allocate(w, dtype)) {
            b.gemm(false, true, 1, columns, product, 0, transposed);
            b.permute(transposed, TRANSPOSE, step);
            b.elementwise(ADD, weightGradient, weightGradient, step);
        }
        if (biasGradient != null) {
            try (Tensor sums = b.allocate(biasGradient.shape(), dtype)) {
                b.sum(product, 1, sums);
                b.elementwise(ADD, biasGradient, biasGradient, sums);
            }
        }
        if (gradInput != null) {
            b.gemm(true, false, 1, weight, product, 0, columns);
            b.col2im(columns, window, gradInput);
        }
    }

    /** {@code [N, K, OH, OW]} as {@code [N, K, OH·OW]}. */
    private static Shape bySample(Tensor t) {
        Shape s = t.shape();
        return Shape.of(s.dim(0), s.dim(1), s.dim(2) * s.dim(3));
    }

    /** {@code [N, K, P]} as {@code [K, N, P]}. */
    private static Shape byFilter(Shape bySample) {
        return Shape.of(bySample.dim(1), bySample.dim(0), bySample.dim(2));
    }

    /** Checks input, weight, window, columns and product; returns the filters {@code K}. */
    private static int common(String op, Tensor input, Tensor weight, Window2D window, Tensor columns, Tensor product) {
        Objects.requireNonNull(input, op + ": input is null");
        Objects.requireNonNull(weight, op + ": weight is null");
        Objects.requireNonNull(columns, op + ": columns is null");
        Objects.requireNonNull(product, op + ": product is null");
        WindowChecks.columns(op, input, window, columns);
        Shape c = columns.shape();
        Shape w = weight.shape();
        if (w.rank() != 2 || w.dim(1) != c.dim(0)) {
            throw new IllegalArgumentException(op + ": input " + input.shape() + " under a " + window
                    + " needs a weight [K, C·KH·KW] = [K, " + c.dim(0) + "], got " + w
                    + "; pass the [K, C, KH, KW] weights reshaped to a matrix");
        }
        expect(op, "weight", weight, w, input);
        expect(op, "product", product, Shape.matrix(w.dim(0), c.dim(1)), input);
        return w.dim(0);
    }

    private static Shape outputShape(Tensor input, Window2D window, int filters) {
        Shape o = window.outputShape(input.shape());
        return Shape.of(input.shape().dim(0), filters, o.dim(2), o.dim(3));
    }

    /** {@code t} non-null, of {@code shape} and of {@code like}'s dtype. */
    private static void expect(String op, String name, Tensor t, Shape shape, Tensor like) {
        Objects.requireNonNull(t, op + ": " + name + " is null");
        if (!t.shape().equals(shape)) {
            throw new IllegalArgumentException(
                    op + ": " + name + " must be " + shape + " for input " + like.shape() + ", got " + t.shape());
        }
        if (t.dtype() != like.dtype()) {
            OpChecks.sameDType(op, like, t);
        }
    }

    private static void distinct(String op, Tensor t, Tensor... others) {
        for (Tensor o : others) {
            if (o != null && RegionChecks.sameMemory(t, o)) {
                throw new IllegalArgumentException(
                        op + ": tensors " + t.shape() + " and " + o.shape() + " share memory; pass distinct tensors");
            }
        }
    }
}
