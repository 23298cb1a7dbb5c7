package dev.glia.api.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.expr.Expr.Binary;
import dev.glia.api.expr.Expr.Unary;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The simplifier's canonical forms, the formatter's layout, and that neither changes a value. */
class SimplifierTest {
    private static final Expr X = Expr.input(0);
    private static final Expr Y = Expr.input(1);
    private static final Expr Z = Expr.input(2);

    private static String simple(Expr e) {
        return e.simplify().format("x", "y", "z");
    }

    @Test
    void collectsConstantCoefficientsInFront() {
        assertEquals(X.mul(6).simplify(), X.mul(2).mul(3).simplify());
        assertEquals("6 * x", simple(X.mul(2).mul(3)));
        assertEquals("2 * x", simple(Expr.constant(0.5).mul(X.mul(4))));
        assertEquals("6 * x * y", simple(X.mul(2).mul(Y.mul(3))));
        assertEquals("0.01 * x", simple(X.mul(0.01)));
        assertEquals("x", simple(X.mul(0.5).mul(2)));
        assertEquals("0", simple(X.mul(3).mul(0)));
    }

    @Test
    void pullsSignsOutOfProductsAndQuotients() {
        assertEquals(X.mul(Y), X.neg().mul(Y.neg()).simplify());
        assertEquals("-x * y", simple(X.neg().mul(Y)));
        assertEquals("-3 * x", simple(X.mul(-1).mul(3)));
        assertEquals(X.div(Y), X.neg().div(Y.neg()).simplify());
        assertEquals("-x / y", simple(X.div(Y.neg())));
        assertEquals("0.5 * x", simple(X.mul(2).div(4)));
        assertEquals("x / 6", simple(X.div(6)));
        assertEquals("-0.5 * x", simple(X.neg().div(2)));
        assertEquals("2 / x", simple(Expr.constant(2).div(X)));
        assertEquals("y - x", simple(X.sub(Y).neg()));
    }

    @Test
    void turnsNegativeTermsIntoSubtractionsAndCombinesLikeTerms() {
        assertEquals(X.sub(Y), X.add(Y.neg()).simplify());
        assertEquals(X.add(Y), X.sub(Y.neg()).simplify());
        assertEquals(Y.sub(X), X.neg().add(Y).simplify());
        assertEquals("x - 2 * y", simple(X.add(Y.mul(-2))));
        assertEquals("x - 1", simple(X.add(-1)));
        assertEquals("2 * x", simple(X.add(X)));
        assertEquals("3 * x^2", simple(X.mul(X).mul(2).add(X.mul(X))));
        assertEquals("0", simple(X.exp().sub(X.exp())));
        assertEquals("-exp(x)", simple(X.exp().sub(X.exp().mul(2))));
    }

    @Test
    void writesAProductWithAReciprocalAsAQuotient() {
        assertEquals(X.div(Y), X.mul(Y.recip()).simplify());
        assertEquals(X.div(Y), Y.recip().mul(X).simplify());
        assertEquals("-x / y", simple(X.neg().mul(Y.recip())));
    }

    @Test
    void formatsPowersReciprocalsAndAssociativeOperators() {
        assertEquals("1 / (x + 1)", X.add(1).recip().format("x"));
        assertEquals("y * 1 / x", Y.mul(X.recip()).format("x", "y"));
        assertEquals("x^2", X.mul(X).format("x"));
        assertEquals("x^3", X.mul(X).mul(X).format("x"));
        assertEquals("x^3", X.mul(X.mul(X)).format("x"));
        assertEquals("(x + 1)^2", X.add(1).mul(X.add(1)).format("x"));
        assertEquals("exp(x)^2", X.exp().mul(X.exp()).format("x"));
        assertEquals("x^y", X.pow(Y).format("x", "y"));
        assertEquals("x^(y + 1)", X.pow(Y.add(1)).format("x", "y"));
        assertEquals("(-2)^x", Expr.constant(-2).pow(X).format("x"));
        assertEquals("-x^2", X.mul(X).neg().format("x"));
        assertEquals("(-x)^2", X.neg().mul(X.neg()).format("x"));
        assertEquals("x * y / z", X.mul(Y.div(Z)).format("x", "y", "z"));
        assertEquals("x / (y * z)", X.div(Y.mul(Z)).format("x", "y", "z"));
        assertEquals("x + y - z", X.add(Y.sub(Z)).format("x", "y", "z"));
        assertEquals("x - (y + z)", X.sub(Y.add(Z)).format("x", "y", "z"));
        assertEquals("x / y / z", X.div(Y).div(Z).format("x", "y", "z"));
        assertEquals("x * y * z", X.mul(Y.mul(Z)).format("x", "y", "z"));
        assertEquals("2 * x", Expr.constant(2).mul(X).format("x"));
        assertEquals("2 * 2", Expr.constant(2).mul(Expr.constant(2)).format());
    }

    @Test
    void printedDerivativesOfTheClassicActivationsAreReadable() {
        Expr sigmoid = X.neg().exp().add(1).recip();
        assertEquals("exp(-x) / (exp(-x) + 1)^2", Derivatives.derive(sigmoid, 0).format("x"));
        assertEquals(
                "1 / (exp(-x) + 1) + x * exp(-x) / (exp(-x) + 1)^2",
                Derivatives.derive(X.mul(sigmoid), 0).format("x"));
        assertEquals("1 - tanh(x)^2", Derivatives.derive(X.tanh(), 0).format("x"));
        assertEquals("3 * x^2", Derivatives.derive(X.mul(X).mul(X), 0).format("x"));
        assertEquals(
                "1 + 2 * sin(x) * cos(x)",
                Derivatives.derive(X.add(X.sin().mul(X.sin())), 0).format("x"));
        assertEquals("0.01", Derivatives.derive(X.mul(0.01), 0).format("x"));
        assertEquals("-sin(x)", Derivatives.derive(X.cos(), 0).format("x"));
    }

    @Test
    void simplifyingNeverChangesAValue() {
        SplittableRandom random = new SplittableRandom(17);
        int compared = 0;
        for (int n = 0; n < 3000; n++) {
            Expr e = randomExpr(random, 4);
            Expr s = e.simplify();
            for (int k = 0; k < 5; k++) {
                double x = -3 + 6 * random.nextDouble();
                double y = -3 + 6 * random.nextDouble();
                double scale = largestIntermediate(e, x, y);
                if (!Double.isFinite(scale)) {
                    continue; // x*0 -> 0 and t - t -> 0 may differ where t overflows or is NaN
                }
                double expected = e.evaluate(x, y);
                double actual = s.evaluate(x, y);
                assertEquals(
                        expected,
                        actual,
                        1e-9 * Math.max(1, scale),
                        () -> e.format("x", "y") + " simplified to " + s.format("x", "y") + " at " + x + ", " + y);
                compared++;
            }
        }
        assertTrue(compared > 5000, "too few finite samples: " + compared);
    }

    private static final UnaryOp[] UNARY = {
        UnaryOp.NEG,
        UnaryOp.ABS,
        UnaryOp.EXP,
        UnaryOp.LOG,
        UnaryOp.SQRT,
        UnaryOp.RECIP,
        UnaryOp.SIN,
        UnaryOp.COS,
        UnaryOp.TANH,
        UnaryOp.ERF
    };
    private static final BinaryOp[] BINARY = {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.POW};
    private static final double[] CONSTANTS = {-2, -1, -0.5, 0, 0.5, 1, 2, 3};

    /** Continuous primitives only: a comparison could flip on the last bit of a reassociated product. */
    private static Expr randomExpr(SplittableRandom random, int depth) {
        int pick = depth == 0 ? random.nextInt(2) : random.nextInt(10);
        if (pick == 0) {
            return random.nextBoolean() ? X : Y;
        } else if (pick == 1) {
            return Expr.constant(CONSTANTS[random.nextInt(CONSTANTS.length)]);
        } else if (pick < 4) {
            return randomExpr(random, depth - 1).apply(UNARY[random.nextInt(UNARY.length)]);
        }
        Expr a = randomExpr(random, depth - 1);
        Expr b = random.nextInt(4) == 0 ? a : randomExpr(random, depth - 1); // like terms and squares
        BinaryOp op = BINARY[random.nextInt(BINARY.length - 1) + (random.nextInt(8) == 0 ? 1 : 0)];
        return a.apply(op, b);
    }

    /** The largest magnitude of any subexpression's value; infinite or NaN if one is not finite. */
    private static double largestIntermediate(Expr e, double x, double y) {
        double v = Math.abs(e.evaluate(x, y));
        if (e instanceof Unary u) {
            return Math.max(v, largestIntermediate(u.x(), x, y));
        } else if (e instanceof Binary b) {
            return Math.max(v, Math.max(largestIntermediate(b.a(), x, y), largestIntermediate(b.b(), x, y)));
        }
        return v;
    }
}
