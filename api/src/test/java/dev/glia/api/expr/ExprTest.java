package dev.glia.api.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExprTest {
    private static final Expr X = Expr.input(0);
    private static final Expr Y = Expr.input(1);

    @Test
    void interpreterFollowsEveryPrimitive() {
        assertEquals(-2.0, X.neg().evaluate(2));
        assertEquals(2.0, X.abs().evaluate(-2));
        assertEquals(Math.E, X.exp().evaluate(1), 1e-15);
        assertEquals(1.0, X.log().evaluate(Math.E), 1e-15);
        assertEquals(3.0, X.sqrt().evaluate(9));
        assertEquals(0.25, X.recip().evaluate(4));
        assertEquals(Math.sin(0.3), X.sin().evaluate(0.3));
        assertEquals(Math.cos(0.3), X.cos().evaluate(0.3));
        assertEquals(Math.tanh(0.3), X.tanh().evaluate(0.3));
        assertEquals(5.0, X.add(Y).evaluate(2, 3));
        assertEquals(-1.0, X.sub(Y).evaluate(2, 3));
        assertEquals(6.0, X.mul(Y).evaluate(2, 3));
        assertEquals(2.0 / 3, X.div(Y).evaluate(2, 3));
        assertEquals(3.0, X.max(Y).evaluate(2, 3));
        assertEquals(2.0, X.min(Y).evaluate(2, 3));
        assertEquals(8.0, X.pow(Y).evaluate(2, 3));
        assertEquals(1.0, X.lt(Y).evaluate(2, 3));
        assertEquals(0.0, X.gt(Y).evaluate(2, 3));
        assertEquals(1.0, X.le(Y).evaluate(3, 3));
        assertEquals(1.0, X.ge(Y).evaluate(3, 3));
        assertEquals(0.0, X.eq(Y).evaluate(2, 3));
        assertEquals(7.0, Expr.where(X.gt(Y), X, Expr.constant(7)).evaluate(2, 3));
        assertEquals(2.0, Expr.where(X.lt(Y), X, Expr.constant(7)).evaluate(2, 3));
        assertEquals(Double.NaN, X.max(Y).evaluate(Double.NaN, 0));
    }

    @Test
    void erfMatchesTabulatedValues() {
        // Abramowitz and Stegun, table 7.1 (and erf(3), erf(4) to 16 digits)
        assertEquals(0.0, SpecialFunctions.erf(0), 0);
        assertEquals(0.1124629160182849, SpecialFunctions.erf(0.1), 1e-15);
        assertEquals(0.5204998778130465, SpecialFunctions.erf(0.5), 1e-15);
        assertEquals(0.8427007929497149, SpecialFunctions.erf(1), 1e-15);
        assertEquals(0.9953222650189527, SpecialFunctions.erf(2), 1e-15);
        assertEquals(0.9999779095030014, SpecialFunctions.erf(3), 1e-15);
        assertEquals(0.9999999845827421, SpecialFunctions.erf(4), 1e-15);
        assertEquals(-0.8427007929497149, SpecialFunctions.erf(-1), 1e-15);
        assertEquals(1.0, SpecialFunctions.erf(10), 0);
    }

    @Test
    void tanhAgreesWithTheJdksToAFewUlps() {
        java.util.Random random = new java.util.Random(41);
        for (int i = 0; i < 200_000; i++) {
            double x = i % 2 == 0
                    ? random.nextGaussian() * 8
                    : Math.scalb(random.nextDouble() - 0.5, -random.nextInt(80)); // down to 1e-25
            double expected = Math.tanh(x);
            assertEquals(expected, SpecialFunctions.tanh(x), 4e-15 * Math.abs(expected), "tanh(" + x + ")");
        }
        // on both sides of the branch points, and the values that must come out exactly
        for (double x : new double[] {0.01, Math.nextDown(0.01), 20, Math.nextUp(20.0), 19.0, 0.5, 1, 3}) {
            assertEquals(Math.tanh(x), SpecialFunctions.tanh(x), 4e-15 * Math.tanh(x), "tanh(" + x + ")");
            assertEquals(-Math.tanh(x), SpecialFunctions.tanh(-x), 4e-15 * Math.tanh(x), "tanh(-" + x + ")");
        }
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(SpecialFunctions.tanh(-0.0)));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(SpecialFunctions.tanh(0.0)));
        assertEquals(1.0, SpecialFunctions.tanh(Double.POSITIVE_INFINITY), 0);
        assertEquals(-1.0, SpecialFunctions.tanh(Double.NEGATIVE_INFINITY), 0);
        assertEquals(-1.0, SpecialFunctions.tanh(-1e300), 0);
        assertEquals(Double.MIN_VALUE, SpecialFunctions.tanh(Double.MIN_VALUE), 0);
        assertTrue(Double.isNaN(SpecialFunctions.tanh(Double.NaN)));
    }

    @Test
    void simplifierFoldsConstantsAndDropsIdentities() {
        assertEquals(X, X.mul(1).simplify());
        assertEquals(X, X.add(0).simplify());
        assertEquals(X, Expr.constant(0).add(X).simplify());
        assertEquals(Expr.constant(0), X.mul(0).simplify());
        assertEquals(X, X.neg().neg().simplify());
        assertEquals(X.neg(), X.mul(-1).simplify());
        assertEquals(Expr.constant(5), Expr.constant(2).add(Expr.constant(3)).simplify());
        assertEquals(X, X.pow(1).simplify());
        assertEquals(X.exp(), Expr.where(Expr.constant(1), X.exp(), X).simplify());
        assertEquals(X.add(Y), X.mul(Expr.constant(2).sub(1)).add(Y.div(1)).simplify());
    }

    @Test
    void derivativesMatchCentralDifferences() {
        Expr[] formulas = {
            X.neg(),
            X.abs(),
            X.exp(),
            X.log(),
            X.sqrt(),
            X.recip(),
            X.sin(),
            X.cos(),
            X.tanh(),
            X.erf(),
            X.add(Y),
            X.sub(Y),
            X.mul(Y),
            X.div(Y),
            X.max(Y),
            X.min(Y),
            X.pow(Y),
            X.pow(3),
            Expr.constant(2).pow(X),
            Expr.where(X.gt(Y), X.mul(X), Y.sin()),
            X.mul(X.neg().exp().add(1).recip()), // swish
            X.mul(X.mul(0.7978845608).mul(X.mul(X).mul(0.044715).add(1)).tanh().add(1))
                    .mul(0.5), // gelu (tanh)
        };
        SplittableRandom random = new SplittableRandom(3);
        for (Expr f : formulas) {
            for (int trial = 0; trial < 20; trial++) {
                double x = 0.2 + 2 * random.nextDouble(); // positive, for log/sqrt/pow
                double y = 0.3 + 2 * random.nextDouble();
                if (Math.abs(x - y) < 1e-3) {
                    continue; // max/min/where kinks
                }
                for (int input = 0; input < 2; input++) {
                    Expr d = Derivatives.derive(f, input);
                    double h = 1e-6;
                    double[] plus = {x, y};
                    double[] minus = {x, y};
                    plus[input] += h;
                    minus[input] -= h;
                    double numeric = (f.evaluate(plus) - f.evaluate(minus)) / (2 * h);
                    double analytic = d.evaluate(x, y);
                    assertEquals(
                            numeric,
                            analytic,
                            1e-6 * Math.max(1, Math.abs(numeric)),
                            () -> "d/d" + "in" + " of " + f + " is " + d);
                }
            }
        }
    }

    @Test
    void derivativeOfReluIsAStepAndIsSimplified() {
        Expr d = Derivatives.derive(X.max(0), 0);
        assertEquals("where(x >= 0, 1, 0)", d.format("x"));
        assertEquals(0.0, Derivatives.derive(X.mul(3), 1).evaluate(1, 2));
    }

    @Test
    void formatsReadably() {
        assertEquals("x * (1 - x)", X.mul(Expr.constant(1).sub(X)).format("x"));
        assertEquals(
                "1 / (1 + exp(-x))",
                Expr.constant(1).div(Expr.constant(1).add(X.neg().exp())).format("x"));
        assertEquals("x - (y - 1)", X.sub(Y.sub(1)).format("x", "y"));
        assertEquals("in0 + in1", X.add(Y).toString());
    }

    @Test
    void structuralEqualityMakesExpressionsCacheKeys() {
        assertEquals(X.mul(X).exp(), Expr.input(0).mul(Expr.input(0)).exp());
        assertEquals(
                X.mul(X).exp().hashCode(),
                Expr.input(0).mul(Expr.input(0)).exp().hashCode());
        assertEquals(2, X.add(Y).inputCount());
        assertEquals(Y.add(Y), X.add(Y).substitute(0, Y));
    }

    @Test
    void missingInputFailsClearly() {
        var e = assertThrows(IllegalArgumentException.class, () -> Y.evaluate(1));
        assertEquals("The expression reads input 1 but only 1 values were given", e.getMessage());
    }
}
