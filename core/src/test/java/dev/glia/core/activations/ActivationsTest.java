package dev.glia.core.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Activation;
import dev.glia.api.ElementwiseActivation;
import dev.glia.api.expr.Expr;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivationsTest {
    private final Activations all = Activations.catalogue();

    private static double f(Activation a, double x) {
        return ((ElementwiseActivation) a).forwardExpr().evaluate(x);
    }

    @Test
    void catalogueHasEveryActivationOfTheIssue() {
        List<String> names = List.of(
                "identity",
                "relu",
                "leaky_relu(alpha=0.01)",
                "elu(alpha=1)",
                "selu",
                "gelu",
                "gelu_tanh",
                "swish(beta=1)",
                "silu",
                "mish",
                "softplus",
                "softsign",
                "sigmoid",
                "hard_sigmoid",
                "tanh",
                "hard_tanh",
                "cos",
                "sin",
                "softmax",
                "log_softmax");
        assertEquals(names, Activations.builtIns().stream().map(Activation::id).toList());
        assertTrue(all.ids().containsAll(names));
    }

    @Test
    void formulasMatchHandComputedValues() {
        assertEquals(-0.02, f(all.get("leaky_relu"), -2), 1e-15);
        assertEquals(-0.4, f(all.get("leaky_relu(alpha=0.2)"), -2), 1e-15);
        assertEquals(Math.exp(-1) - 1, f(all.get("elu"), -1), 1e-15);
        assertEquals(1.0507009873554805 * 1.6732632423543772 * (Math.exp(-1) - 1), f(all.get("selu"), -1), 1e-12);
        assertEquals(0.8413447460685429, f(all.get("gelu"), 1), 1e-12); // x * Phi(x) at 1
        assertEquals(0.8411919906082768, f(all.get("gelu_tanh"), 1), 1e-12);
        assertEquals(1 / (1 + Math.exp(-1)), f(all.get("silu"), 1), 1e-15);
        assertEquals(2 / (1 + Math.exp(-4)), f(all.get("swish(beta=2)"), 2), 1e-15);
        assertEquals(Math.tanh(Math.log1p(Math.E)), f(all.get("mish"), 1), 1e-12);
        assertEquals(Math.log1p(Math.exp(3)), f(all.get("softplus"), 3), 1e-12);
        assertEquals(800.0, f(all.get("softplus"), 800), 1e-12, "no overflow");
        assertEquals(-0.75, f(all.get("softsign"), -3), 1e-15);
        assertEquals(1.0, f(all.get("hard_sigmoid"), 4), 0);
        assertEquals(0.5 + 1.0 / 6, f(all.get("hard_sigmoid"), 1), 1e-15);
        assertEquals(-1.0, f(all.get("hard_tanh"), -7), 0);
        assertEquals(Math.cos(0.3), f(all.get("cos"), 0.3), 0);
    }

    @Test
    void parametersAreValidatedAndPartOfTheId() {
        assertEquals(
                "leaky_relu(alpha=0.2)", all.get("leaky_relu( alpha = 0.2 )").id());
        IllegalArgumentException unknownParameter =
                assertThrows(IllegalArgumentException.class, () -> all.get("leaky_relu(beta=1)"));
        assertTrue(unknownParameter.getMessage().contains("[alpha]"), unknownParameter.getMessage());
        assertThrows(IllegalArgumentException.class, () -> all.get("elu(alpha=abc)"));
        assertThrows(IllegalArgumentException.class, () -> all.get("elu(alpha=1"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> all.get("snake(a=1)"));
        assertTrue(
                unknown.getMessage().contains("leaky_relu(alpha=0.01)")
                        && unknown.getMessage().contains("plugin's jar"),
                unknown.getMessage());
    }

    @Test
    void nonFiniteOrOutOfRangeParametersAreRefusedNamingTheParameterRangeAndValue() {
        for (String id : List.of(
                "leaky_relu(alpha=NaN)",
                "leaky_relu(alpha=nan)",
                "elu(alpha=Infinity)",
                "swish(beta=-Infinity)",
                "elu(alpha=1e400)",
                "leaky_relu(alpha=3.5e38)",
                "swish(beta=-1e39)",
                "leaky_relu(alpha=0x1p3)",
                "leaky_relu(alpha=0.2f)",
                "elu(alpha=1d)",
                "elu(alpha=)")) {
            String m = assertThrows(IllegalArgumentException.class, () -> all.get(id), id)
                    .getMessage();
            String key = id.contains("beta") ? "beta" : "alpha";
            assertTrue(m.startsWith("Parameter '" + key + "' of activation id '" + id + "' is "), m);
            assertTrue(m.contains("from -3.4028235E38 to 3.4028235E38"), "names the range: " + m);
            String value = id.substring(id.indexOf('=') + 1, id.length() - 1);
            assertTrue(m.contains(value), "names the value: " + m);
            assertFalse(m.contains("\n"), m);
        }
        String twice = assertThrows(IllegalArgumentException.class, () -> all.get("elu(alpha=1, alpha=2)"))
                .getMessage();
        assertEquals("Parameter 'alpha' is given twice in activation id 'elu(alpha=1, alpha=2)'", twice);
        // the edges of the range, negatives, zero and exponents are fine, and evaluate as written
        assertEquals(-3.4028235e38 * -2, f(all.get("leaky_relu(alpha=-3.4028235e38)"), -2), 1e25);
        assertEquals(-0.5, f(all.get("leaky_relu(alpha=+5e-1)"), -1), 0);
        assertEquals(1.5, f(all.get("swish(beta=0)"), 3), 0);
        assertEquals(-2 * (Math.exp(-1) - 1) * -1, -f(all.get("elu(alpha=-2.)"), -1), 1e-15);
        assertEquals(-0.25, f(all.get("leaky_relu(alpha=.25)"), -1), 0);
    }

    @Test
    void pluginsCannotShadowBuiltIns() {
        Activation fake = Activations.of("relu", x -> x);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Activations.of(List.of(fake)));
        assertTrue(e.getMessage().contains("'relu'"), e.getMessage());
        Activation snake = Activations.of("snake(a=1)", x -> x.add(x.sin().mul(x.sin())));
        Activations withSnake = Activations.of(List.of(snake));
        assertEquals(snake, withSnake.get("snake(a=1)"));
        assertEquals(List.of(snake), List.copyOf(withSnake.plugins()));
        assertEquals(Map.entry("snake", Map.of("a", 1.0)), ActivationFamily.parse("snake(a=1)"));
    }

    @Test
    void backwardStaysFiniteForLargeInputs() {
        // e.g. the symbolic swish derivative x e^-x / (e^-x + 1)^2 is inf/inf once e^-x overflows
        for (Activation a : Activations.builtIns()) {
            if (a instanceof ElementwiseActivation e) {
                for (double x : new double[] {-1000, -100, -20, 20, 100, 1000}) {
                    double y = e.forwardExpr().evaluate(x);
                    double dx = e.backwardExpr().evaluate(x, y, 1);
                    assertTrue(
                            Double.isFinite(y) && Double.isFinite(dx), a.id() + " at " + x + ": y " + y + ", dx " + dx);
                }
            }
        }
    }

    @Test
    void swishGivesItsDerivativeInAStableForm() {
        ElementwiseActivation swish = (ElementwiseActivation) all.get("swish(beta=2)");
        Expr symbolic = dev.glia.api.expr.Derivatives.derive(swish.apply(Expr.input(0)), 0);
        for (double x = -5; x <= 5; x += 0.25) {
            double y = swish.forwardExpr().evaluate(x);
            assertEquals(symbolic.evaluate(x), swish.backwardExpr().evaluate(x, y, 1), 1e-12, "at " + x);
        }
    }

    @Test
    void originSaysBuiltInOrNamesTheJarOfThePlugin() {
        for (Activation a : Activations.builtIns()) {
            assertTrue(Activations.isBuiltIn(a), a.id());
            assertEquals("built in", Activations.origin(a));
        }
        Activation square = Activations.of("square", x -> x.mul(x));
        assertFalse(Activations.isBuiltIn(square));
        String origin = Activations.origin(square);
        assertTrue(origin.endsWith("test-classes"), "a one-liner comes from the code that wrote it: " + origin);
    }

    @Test
    void duplicateIdsNameBothClassesAndWhereTheyCameFrom() {
        Activation one = Activations.of("twice", x -> x.mul(2));
        Activation other = new ElementwiseActivation() {
            @Override
            public String id() {
                return "twice";
            }

            @Override
            public Expr apply(Expr x) {
                return x.add(x);
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Activations.of(List.of(one, other)));
        assertTrue(
                e.getMessage().contains("'twice'")
                        && e.getMessage().contains(other.getClass().getName())
                        && e.getMessage().contains(ExprActivation.class.getName()),
                e.getMessage());
        assertTrue(e.getMessage().contains("(from ") && e.getMessage().contains("test-classes"), e.getMessage());
    }
}
