package dev.glia.examples.activations;

import dev.glia.api.Activation;
import dev.glia.api.ElementwiseActivation;
import dev.glia.api.expr.Derivatives;
import dev.glia.api.expr.Expr;
import dev.glia.core.activations.Activations;

/**
 * What {@code glia activations} says about one activation: where it comes from and, for an
 * element-wise one, its formula and its simplified symbolic derivative.
 *
 * @param id               the id, as model files store it
 * @param origin           {@code built in}, or the jar (or class directory) of a plugin
 * @param elementwise      whether it is an {@link ElementwiseActivation}
 * @param formula          {@code f(x)} (for a row-wise activation, its own description)
 * @param derivative       {@code f'(x)} derived symbolically and simplified; null for a row-wise activation
 * @param kernelDerivative the derivative the backward kernel uses, in {@code x} and {@code y = f(x)}, when the
 *                         activation gives its own (sigmoid: {@code y * (1 - y)}); null when it is the derived one
 */
public record ActivationDescription(
        String id, String origin, boolean elementwise, String formula, String derivative, String kernelDerivative) {

    /** Describes {@code activation}. */
    public static ActivationDescription of(Activation activation) {
        String origin = Activations.origin(activation);
        if (!(activation instanceof ElementwiseActivation e)) {
            return new ActivationDescription(activation.id(), origin, false, activation.toString(), null, null);
        }
        Expr x = Expr.input(0);
        Expr derived = Derivatives.derive(e.apply(x), 0);
        Expr used = e.derivative(x, Expr.input(1)).simplify();
        String kernel = used.equals(derived) ? null : used.format("x", "y");
        return new ActivationDescription(
                activation.id(), origin, true, e.forwardExpr().format("x"), derived.format("x"), kernel);
    }

    /** {@code element-wise} or {@code row-wise}. */
    public String kind() {
        return elementwise ? "element-wise" : "row-wise";
    }
}
