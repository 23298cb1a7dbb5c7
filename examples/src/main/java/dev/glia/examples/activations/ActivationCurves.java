package dev.glia.examples.activations;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.ElementwiseActivation;
import dev.glia.api.ScratchWorkspace;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import java.util.Objects;

/**
 * Samples activations for drawing. An element-wise activation is evaluated with the float64
 * interpreter ({@link Expr#evaluate}): {@code f} from its forward kernel, {@code f'} from its backward
 * kernel with {@code dy = 1}, so the picture shows exactly what training uses. A row-wise activation such
 * as softmax has no single-variable graph; it is run on the backend over rows {@code [x, 0]}, and the
 * curve is its first output and that output's slope in {@code x} (the backward pass with
 * {@code dy = [1, 0]}). For softmax that is the sigmoid {@code 1 / (1 + e^-x)}; for log-softmax,
 * {@code -log(1 + e^-x)}.
 */
public final class ActivationCurves {
    /** The left end of the drawn range. */
    public static final double FROM = -4;
    /** The right end of the drawn range. */
    public static final double TO = 4;
    /** Points per curve. */
    public static final int POINTS = 321;

    private ActivationCurves() {}

    /** The sample points: {@link #POINTS} values from {@link #FROM} to {@link #TO}. */
    public static double[] grid() {
        double[] x = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            x[i] = FROM + (TO - FROM) * i / (POINTS - 1);
        }
        return x;
    }

    /**
     * Samples {@code activation}. {@code backend} is used only for an activation that is not
     * element-wise and may be null otherwise.
     */
    public static ActivationCurve sample(Activation activation, Backend backend) {
        Objects.requireNonNull(activation, "activation");
        double[] x = grid();
        if (activation instanceof ElementwiseActivation e) {
            Expr forward = e.forwardExpr();
            Expr backward = e.backwardExpr();
            double[] y = new double[x.length];
            double[] slope = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = forward.evaluate(x[i]);
                slope[i] = backward.evaluate(x[i], y[i], 1);
            }
            return new ActivationCurve(activation.id(), activation.id(), x, y, slope, true);
        }
        if (backend == null) {
            throw new IllegalArgumentException(
                    "'" + activation.id() + "' is not element-wise: drawing it needs a " + "backend");
        }
        return onBackend(activation, backend, x);
    }

    private static ActivationCurve onBackend(Activation activation, Backend backend, double[] x) {
        int n = x.length;
        Shape shape = Shape.of(n, 2);
        float[] rows = new float[2 * n];
        float[] firstOnly = new float[2 * n];
        for (int i = 0; i < n; i++) {
            rows[2 * i] = (float) x[i];
            firstOnly[2 * i] = 1;
        }
        try (ScratchWorkspace ws = new ScratchWorkspace(backend);
                Tensor in = backend.upload(rows, shape);
                Tensor out = backend.allocate(shape, DType.FLOAT32);
                Tensor dy = backend.upload(firstOnly, shape);
                Tensor dx = backend.allocate(shape, DType.FLOAT32)) {
            activation.forward(ws, in, out);
            activation.backward(ws, in, out, dy, dx);
            float[] yRows = out.toFloatArray();
            float[] dxRows = dx.toFloatArray();
            double[] y = new double[n];
            double[] slope = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = yRows[2 * i];
                slope[i] = dxRows[2 * i];
            }
            return new ActivationCurve(activation.id(), activation.id() + "([x, 0])[0]", x, y, slope, false);
        }
    }
}
