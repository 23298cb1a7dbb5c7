package dev.glia.core.optim;

import dev.glia.api.Backend;
import dev.glia.api.Optimizer;
import dev.glia.api.Parameter;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Clips every gradient by their global norm, then lets another optimiser step: with {@code norm} the square
 * root of the sum of every gradient element's square (all parameters together), each gradient is multiplied in
 * place by {@code maxNorm / max(norm, maxNorm)}, so a step's gradient is never longer than {@code maxNorm} and
 * one below it is unchanged (the factor is exactly 1). Everything stays on the backend: each parameter adds its
 * squares into one number with a {@code gemm} of its gradient, seen as one row, with itself ({@code β = 1}, no
 * scratch tensor), one element-wise pass turns the sum into the factor, and one more per parameter scales it.
 * Nothing is downloaded.
 */
final class GlobalNormClipping implements Optimizer {
    private static final Expr SCALE_BY = Expr.input(0).mul(Expr.input(1));

    private final Optimizer optimizer;
    private final double maxNorm;
    private final Expr factor;
    /** Each gradient seen as one row [1, n]. */
    private final IdentityHashMap<Tensor, Tensor> rows = new IdentityHashMap<>();
    /** The sum of squares and the factor, [1, 1] each, on the parameters' backend. */
    private Tensor squares;

    private Tensor scale;

    GlobalNormClipping(Optimizer optimizer, double maxNorm) {
        Optimizers.checkPositive("largest gradient norm", maxNorm);
        this.optimizer = optimizer;
        this.maxNorm = maxNorm;
        this.factor = Expr.constant(maxNorm).div(Expr.input(0).sqrt().max(maxNorm));
    }

    @Override
    public String id() {
        return "clipGlobalNorm(" + maxNorm + ", " + optimizer.id() + ")";
    }

    @Override
    public void step(List<Parameter> parameters) {
        if (!parameters.isEmpty()) {
            clip(parameters);
        }
        optimizer.step(parameters);
    }

    private void clip(List<Parameter> parameters) {
        Tensor first = parameters.get(0).gradient();
        Backend backend = first.backend();
        if (squares == null || squares.isClosed() || squares.backend() != backend || squares.dtype() != first.dtype()) {
            closeScratch();
            squares = backend.allocate(Shape.matrix(1, 1), first.dtype());
            scale = backend.allocate(Shape.matrix(1, 1), first.dtype());
        }
        boolean firstSum = true;
        for (Parameter p : parameters) {
            Tensor g = p.gradient();
            if (g.backend() != backend) {
                throw new IllegalArgumentException("Clipping by the global norm needs every parameter on one backend,"
                        + " but " + p.name() + " is on " + g.backend().name() + " and the first on " + backend.name());
            }
            Tensor row = row(backend, g);
            backend.gemm(false, true, 1, row, row, firstSum ? 0 : 1, squares);
            firstSum = false;
        }
        backend.elementwise(factor, scale, squares);
        for (Parameter p : parameters) {
            backend.elementwise(SCALE_BY, p.gradient(), p.gradient(), scale);
        }
    }

    private Tensor row(Backend backend, Tensor gradient) {
        Tensor row = rows.get(gradient);
        if (row == null || row.isClosed()) {
            row = backend.reshape(gradient, Shape.matrix(1, gradient.shape().size()));
            rows.put(gradient, row);
        }
        return row;
    }

    private void closeScratch() {
        if (squares != null) {
            squares.close();
            scale.close();
            squares = null;
            scale = null;
        }
    }

    /** Frees the scratch numbers and the wrapped optimiser. */
    @Override
    public void close() {
        closeScratch();
        rows.values().forEach(Tensor::close);
        rows.clear();
        optimizer.close();
    }
}
