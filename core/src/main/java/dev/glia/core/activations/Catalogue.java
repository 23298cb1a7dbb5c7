package dev.glia.core.activations;

import dev.glia.api.Activation;
import dev.glia.api.expr.Expr;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/** The built-in activation families, each element-wise one defined once as an {@link Expr}. */
final class Catalogue {
    private static final Expr ZERO = Expr.constant(0);
    private static final Expr ONE = Expr.constant(1);
    /**
     * SELU's constants (Klambauer et al., 2017: 1.0507009873554804934193349852946 and
     * 1.6732632423543772848170429916717), as the nearest doubles.
     */
    static final double SELU_LAMBDA = 1.0507009873554805;

    static final double SELU_ALPHA = 1.6732632423543772;
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

    private Catalogue() {}

    private static ActivationFamily plain(String name, UnaryOperator<Expr> f, BinaryOperator<Expr> derivative) {
        return new ActivationFamily(name, Map.of(), p -> new ExprActivation(name, f, derivative));
    }

    private static Expr sigmoid(Expr x) {
        return x.neg().exp().add(1).recip();
    }

    /**
     * d/dx x·σ(βx) = σ(βx)·(1 + βx·(1 − σ(βx))). The symbolic derivative, x·e^(−x)/(e^(−x) + 1)², is
     * inf/inf = NaN in float32 once e^(−x) overflows (x below about −88); this form gives 0 there.
     */
    private static Expr swishDerivative(Expr x, double beta) {
        Expr s = sigmoid(x.mul(beta));
        return s.mul(ONE.add(x.mul(beta).mul(ONE.sub(s))));
    }

    /** log(1 + e^x) without overflow: max(x, 0) + log(1 + e^-|x|). */
    private static Expr softplus(Expr x) {
        return x.max(ZERO).add(x.abs().neg().exp().add(1).log());
    }

    static List<ActivationFamily> families() {
        ActivationFamily leakyRelu = new ActivationFamily("leaky_relu", Map.of("alpha", 0.01), p -> {
            double a = p.get("alpha");
            return new ExprActivation(id("leaky_relu", p), x -> Expr.where(x.gt(ZERO), x, x.mul(a)), null);
        });
        ActivationFamily elu = new ActivationFamily("elu", Map.of("alpha", 1.0), p -> {
            double a = p.get("alpha");
            return new ExprActivation(
                    id("elu", p), x -> Expr.where(x.gt(ZERO), x, x.exp().sub(1).mul(a)), null);
        });
        ActivationFamily swish = new ActivationFamily("swish", Map.of("beta", 1.0), p -> {
            double b = p.get("beta");
            return new ExprActivation(id("swish", p), x -> x.mul(sigmoid(x.mul(b))), (x, y) -> swishDerivative(x, b));
        });
        return List.of(
                plain("identity", x -> x, (x, y) -> ONE),
                new ActivationFamily(
                        "relu",
                        Map.of(),
                        p -> new ExprActivation("relu", x -> x.max(ZERO), (x, y) -> x.gt(ZERO), true)),
                leakyRelu,
                elu,
                plain(
                        "selu",
                        x -> Expr.where(x.gt(ZERO), x, x.exp().sub(1).mul(SELU_ALPHA))
                                .mul(SELU_LAMBDA),
                        null),
                plain("gelu", x -> x.mul(x.div(Math.sqrt(2)).erf().add(1)).mul(0.5), null),
                plain(
                        "gelu_tanh",
                        x -> x.mul(x.add(x.mul(x).mul(x).mul(0.044715))
                                        .mul(SQRT_2_OVER_PI)
                                        .tanh()
                                        .add(1))
                                .mul(0.5),
                        null),
                swish,
                plain("silu", x -> x.mul(sigmoid(x)), (x, y) -> swishDerivative(x, 1)),
                plain("mish", x -> x.mul(softplus(x).tanh()), null),
                plain("softplus", Catalogue::softplus, (x, y) -> sigmoid(x)),
                plain("softsign", x -> x.div(x.abs().add(1)), null),
                plain("sigmoid", Catalogue::sigmoid, (x, y) -> y.mul(ONE.sub(y))),
                plain("hard_sigmoid", x -> x.div(6).add(0.5).min(ONE).max(ZERO), null),
                plain("tanh", Expr::tanh, (x, y) -> ONE.sub(y.mul(y))),
                plain("hard_tanh", x -> x.min(ONE).max(Expr.constant(-1)), null),
                plain("cos", Expr::cos, null),
                plain("sin", Expr::sin, null),
                new ActivationFamily("softmax", Map.of(), p -> new Softmax()),
                new ActivationFamily("log_softmax", Map.of(), p -> new LogSoftmax()));
    }

    private static String id(String name, Map<String, Double> params) {
        return ActivationFamily.formatId(name, params);
    }

    /** Default instances of every family, in catalogue order. */
    static List<Activation> defaults() {
        return families().stream().map(ActivationFamily::withDefaults).toList();
    }
}
