package dev.glia.api.spi.lowering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.expr.BinaryOp;
import dev.glia.api.expr.Derivatives;
import dev.glia.api.expr.Expr;
import dev.glia.api.expr.UnaryOp;
import dev.glia.api.spi.Broadcast;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LoweringTest {
    private static final Expr X = Expr.input(0);
    private static final Expr Y = Expr.input(1);
    private static final Broadcast[] FULL3 = {Broadcast.FULL, Broadcast.FULL, Broadcast.FULL};

    private static Operand.Temp t(int index) {
        return new Operand.Temp(index);
    }

    @Test
    void reluWithARowBiasIsFourSteps() {
        Program p = Lowering.lower(X.add(Y).max(0), new Broadcast[] {Broadcast.FULL, Broadcast.ROW});
        assertEquals(
                List.of(
                        new Step.Read(0, Broadcast.FULL),
                        new Step.Read(1, Broadcast.ROW),
                        new Step.Binary(BinaryOp.ADD, t(0), t(1)),
                        new Step.Binary(BinaryOp.MAX, t(2), new Operand.Constant(0))),
                p.steps());
        assertEquals(t(3), p.result());
        assertTrue(p.needsRowAndColumn());
        assertArrayEquals(new boolean[] {true, true}, p.usedInputs());
    }

    @Test
    void sharedSubexpressionsAppearOnce() {
        // two distinct but equal sin(x) nodes, and a DAG whose unfolded tree has about 3^40 nodes
        Program square = Lowering.lower(X.sin().mul(X.sin()), FULL3);
        assertEquals(
                List.of(
                        new Step.Read(0, Broadcast.FULL),
                        new Step.Unary(UnaryOp.SIN, t(0)),
                        new Step.Binary(BinaryOp.MUL, t(1), t(1))),
                square.steps());
        Expr e = X;
        for (int i = 0; i < 40; i++) {
            e = e.mul(e).sub(e);
        }
        assertEquals(81, Lowering.lower(e, FULL3).size());
        Expr gelu = X.mul(0.5).mul(X.mul(Math.sqrt(0.5)).erf().add(1));
        Program d = Lowering.lower(Derivatives.derive(gelu, 0), FULL3);
        assertEquals(1, d.steps().stream().filter(s -> s instanceof Step.Read).count(), d.toString());
        assertEquals(d.size(), d.steps().stream().distinct().count(), d.toString());
    }

    @Test
    void unusedInputsAreNotListedAndNeedNoMode() {
        Program p = Lowering.lower(Expr.input(2).mul(X), new Broadcast[] {Broadcast.FULL, null, Broadcast.COLUMN});
        assertArrayEquals(new boolean[] {true, false, true}, p.usedInputs());
        assertTrue(p.reads(0) && !p.reads(1) && p.reads(2) && !p.reads(3) && !p.reads(-1));
        assertEquals(Broadcast.COLUMN, p.mode(2));
        assertEquals(null, p.mode(1));
        assertArrayEquals(new boolean[] {false, true}, Lowering.usedInputs(Y.exp()));
        Program constant = Lowering.lower(Expr.constant(3), new Broadcast[0]);
        assertEquals(0, constant.size());
        assertEquals(new Operand.Constant(3), constant.result());
        assertArrayEquals(new boolean[0], constant.usedInputs());
        IllegalArgumentException missing = assertThrows(
                IllegalArgumentException.class, () -> Lowering.lower(X.add(Y), new Broadcast[] {Broadcast.FULL}));
        assertTrue(missing.getMessage().contains("input 1"), missing.getMessage());
    }

    @Test
    void broadcastModesSetTheIndexAndHowOftenEachTemporaryChanges() {
        Program p = Lowering.lower(
                X.add(Y).exp().mul(Expr.input(2)), new Broadcast[] {Broadcast.SCALAR, Broadcast.COLUMN, Broadcast.ROW});
        assertEquals(new Step.Read(0, Broadcast.SCALAR), p.step(0));
        assertEquals("0", ((Step.Read) p.step(0)).mode().indexVariable());
        assertEquals("r", ((Step.Read) p.step(1)).mode().indexVariable());
        assertEquals(
                List.of(
                        Variation.ONCE,
                        Variation.PER_ROW,
                        Variation.PER_ROW,
                        Variation.PER_ROW,
                        Variation.PER_ELEMENT,
                        Variation.PER_ELEMENT),
                List.of(
                        p.variation(0),
                        p.variation(1),
                        p.variation(2),
                        p.variation(3),
                        p.variation(4),
                        p.variation(5)));
        assertEquals(Variation.ONCE, p.variation(new Operand.Constant(1)));
        assertFalse(Lowering.lower(X.add(Y), new Broadcast[] {Broadcast.FULL, Broadcast.SCALAR})
                .needsRowAndColumn());
    }

    @Test
    void anInputReadAlongAxesChangesPerElementAndNeedsNoRowOrColumn() {
        Program p = Lowering.lower(X.mul(Y), new Broadcast[] {Broadcast.SCALAR, Broadcast.AXIS});
        assertEquals(Variation.PER_ELEMENT, p.variation(1));
        assertTrue(p.readsAlongAxes());
        assertFalse(p.needsRowAndColumn());
        assertFalse(Lowering.lower(X.mul(Y), new Broadcast[] {Broadcast.FULL, Broadcast.ROW})
                .readsAlongAxes());
    }

    @Test
    void aConditionReadOnlyAsAConditionIsNotReadAsAValue() {
        Program onlyCondition = Lowering.lower(Expr.where(X.gt(Y), X, Y), FULL3);
        assertEquals(new Step.Select(t(2), t(0), t(1)), onlyCondition.step(3));
        assertFalse(onlyCondition.readAsValue(2));
        assertTrue(onlyCondition.readAsValue(0) && onlyCondition.readAsValue(3));
        Program both = Lowering.lower(Expr.where(X.gt(Y), X.gt(Y).add(Y), X), FULL3);
        assertTrue(both.readAsValue(2), both.toString());
    }

    /** The program, run by this test's own interpreter, equals {@link Expr#evaluate} on random formulas. */
    @Test
    void loweredProgramsComputeTheExpression() {
        Random random = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            Expr e = randomExpr(random, 5);
            Program p = Lowering.lower(e, FULL3);
            for (int sample = 0; sample < 5; sample++) {
                double[] in = {random.nextGaussian(), random.nextGaussian(), random.nextInt(3) - 1};
                double expected = e.evaluate(in);
                double actual = run(p, in);
                assertEquals(0, Double.compare(expected, actual), e + " at " + java.util.Arrays.toString(in));
            }
        }
    }

    private static Expr randomExpr(Random r, int depth) {
        int kind = depth == 0 ? r.nextInt(2) : r.nextInt(5);
        return switch (kind) {
            case 0 -> Expr.input(r.nextInt(3));
            case 1 -> Expr.constant(r.nextInt(5) - 2);
            case 2 -> randomExpr(r, depth - 1).apply(UnaryOp.values()[r.nextInt(UnaryOp.values().length)]);
            case 3 ->
                randomExpr(r, depth - 1)
                        .apply(BinaryOp.values()[r.nextInt(BinaryOp.values().length)], randomExpr(r, depth - 1));
            default -> Expr.where(randomExpr(r, depth - 1), randomExpr(r, depth - 1), randomExpr(r, depth - 1));
        };
    }

    private static double run(Program p, double[] inputs) {
        double[] t = new double[p.size()];
        for (int k = 0; k < p.size(); k++) {
            t[k] = p.step(k).accept(new Step.Visitor<Double>() {
                @Override
                public Double read(Step.Read read) {
                    return inputs[read.input()];
                }

                @Override
                public Double unary(Step.Unary unary) {
                    return unary.op().apply(value(unary.x()));
                }

                @Override
                public Double binary(Step.Binary binary) {
                    return binary.op().apply(value(binary.a()), value(binary.b()));
                }

                @Override
                public Double select(Step.Select select) {
                    return value(select.condition()) != 0 ? value(select.ifTrue()) : value(select.ifFalse());
                }

                private double value(Operand o) {
                    return o instanceof Operand.Temp temp ? t[temp.index()] : ((Operand.Constant) o).value();
                }
            });
        }
        Operand result = p.result();
        return result instanceof Operand.Temp temp ? t[temp.index()] : ((Operand.Constant) result).value();
    }
}
