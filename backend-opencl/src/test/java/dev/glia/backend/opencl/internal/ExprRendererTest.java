package dev.glia.backend.opencl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.DType;
import dev.glia.api.expr.BinaryOp;
import dev.glia.api.expr.Derivatives;
import dev.glia.api.expr.Expr;
import dev.glia.api.expr.UnaryOp;
import dev.glia.api.spi.Broadcast;
import org.junit.jupiter.api.Test;

/** The OpenCL C that expressions render to; needs no device. */
class ExprRendererTest {
    private static final Expr X = Expr.input(0);
    private static final Expr Y = Expr.input(1);
    private static final Broadcast[] FULL2 = {Broadcast.FULL, Broadcast.FULL};

    private static String body(String source) {
        return source.substring(source.indexOf("__kernel void elementwise"));
    }

    @Test
    void maxAndMinPropagateNaNInsteadOfFmax() {
        String s = body(ExprRenderer.render(X.max(Y).add(X.min(Y)), FULL2, DType.FLOAT32));
        assertTrue(s.contains("glia_max(t0, t1)") && s.contains("glia_min(t0, t1)"), s);
        assertFalse(s.contains("fmax") || s.contains("fmin"), s);
        String header = KernelSources.resource("common.h");
        assertTrue(header.contains("if (isnan(a) || isnan(b)) {\n        return a + b;"), header);
    }

    @Test
    void comparisonsYieldOneOrZeroAndWhereTestsNonZero() {
        String s = body(ExprRenderer.render(Expr.where(X.lt(Y), X.eq(Y), X.ge(Y)), FULL2, DType.FLOAT32));
        assertTrue(s.contains("(t0 < t1 ? (real) 1 : (real) 0)"), s);
        assertTrue(s.contains("(t0 == t1 ? (real) 1 : (real) 0)"), s);
        assertTrue(s.contains("!= (real) 0 ?"), s);
    }

    @Test
    void primitivesMapToBuiltinsOrHeaderFunctions() {
        String s = body(ExprRenderer.render(
                X.erf().add(X.tanh()).add(X.recip()).add(X.abs()).add(X.pow(Y)), FULL2, DType.FLOAT64));
        for (String part : new String[] {"erf(t0)", "tanh(t0)", "((real) 1 / t0)", "fabs(t0)", "glia_pow(t0, t8)"}) {
            assertTrue(s.contains(part), part + " in " + s);
        }
    }

    @Test
    void literalsKeepTheirExactValue() {
        assertEquals("0.1f", ExprRenderer.literal(0.1, DType.FLOAT32));
        assertEquals("0.1", ExprRenderer.literal(0.1, DType.FLOAT64));
        assertEquals("(-2.5f)", ExprRenderer.literal(-2.5, DType.FLOAT32));
        assertEquals("1.0E-8f", ExprRenderer.literal(1e-8, DType.FLOAT32));
        assertEquals("(NAN)", ExprRenderer.literal(Double.NaN, DType.FLOAT32));
        assertEquals("((double) -INFINITY)", ExprRenderer.literal(Double.NEGATIVE_INFINITY, DType.FLOAT64));
        assertEquals(Math.sqrt(0.5), Double.parseDouble(ExprRenderer.literal(Math.sqrt(0.5), DType.FLOAT64)));
    }

    @Test
    void onlyReadInputsBecomeParametersAndIndicesOnlyWhenBroadcasting() {
        String s = body(ExprRenderer.render(Y.exp(), FULL2, DType.FLOAT32));
        assertTrue(s.contains("__global real* out, const __global real* in1)"), s);
        assertFalse(s.contains("in0") || s.contains("const int r ="), s);
        String row =
                body(ExprRenderer.render(X.add(Y), new Broadcast[] {Broadcast.FULL, Broadcast.ROW}, DType.FLOAT32));
        assertTrue(row.contains("const int c = i - r * cols;") && row.contains("in1[c]"), row);
        String col = body(
                ExprRenderer.render(X.add(Y), new Broadcast[] {Broadcast.SCALAR, Broadcast.COLUMN}, DType.FLOAT32));
        assertTrue(col.contains("in0[0]") && col.contains("in1[r]"), col);
        String axis =
                body(ExprRenderer.render(X.add(Y), new Broadcast[] {Broadcast.FULL, Broadcast.AXIS}, DType.FLOAT32));
        assertTrue(
                axis.contains("const __global real* in1, const int s1, const int n1)")
                        && axis.contains("in1[(i / s1) % n1]")
                        && !axis.contains("const int r ="),
                axis);
    }

    @Test
    void sharedSubexpressionsAreComputedOnce() {
        Expr gelu = X.mul(0.5).mul(X.mul(Math.sqrt(0.5)).erf().add(1));
        Expr d = Derivatives.derive(gelu, 0);
        String s = body(ExprRenderer.render(d, new Broadcast[] {Broadcast.FULL}, DType.FLOAT32));
        assertEquals(1, count(s, "in0[i]"), s);
        String square =
                body(ExprRenderer.render(X.sin().mul(X.sin()), new Broadcast[] {Broadcast.FULL}, DType.FLOAT32));
        assertEquals(1, count(square, "sin("), square);
    }

    @Test
    void contractionIsOffAndTheHeaderComesFirst() {
        String s = ExprRenderer.render(X.mul(Y).add(X), FULL2, DType.FLOAT64);
        assertTrue(s.startsWith(KernelSources.resource("common.h")));
        assertTrue(s.contains("#pragma OPENCL FP_CONTRACT OFF"));
        assertFalse(
                s.contains("/*INPUTS*/")
                        || s.contains("/*BODY*/")
                        || s.contains("/*OUTPUTS*/")
                        || s.contains("/*WRITES*/"),
                s);
    }

    // ----- multi-output element-wise

    @Test
    void severalOutputsShareTheirCommonSubexpressionAndAreWrittenAfterEveryValue() {
        Expr shared = X.mul(Y);
        String s =
                body(ExprRenderer.render(java.util.List.of(shared.add(1), shared.sub(X)), FULL2, DType.FLOAT32, true));
        assertEquals(1, count(s, "(t0 * t1)"), s);
        assertTrue(s.contains("__global real* out0, __global real* out1, const __global real* in0"), s);
        assertTrue(s.lastIndexOf("const real") < s.indexOf("out0[i] ="), s);
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** The last local of the body of {@code e} over two full inputs. */
    private static String lastLocal(Expr e) {
        String s = body(ExprRenderer.render(e, FULL2, DType.FLOAT32));
        String locals = s.substring(0, s.indexOf("out[i] ="));
        return locals.substring(locals.lastIndexOf("const real")).strip();
    }

    @Test
    void everyPrimitiveHasItsOwnSpelling() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (UnaryOp op : UnaryOp.values()) {
            String line = lastLocal(X.apply(op));
            assertTrue(line.contains("t0") && !line.contains("null") && seen.add(line), op + ": " + line);
        }
        for (BinaryOp op : BinaryOp.values()) {
            String line = lastLocal(X.apply(op, Y));
            assertTrue(
                    line.contains("t0") && line.contains("t1") && !line.contains("null") && seen.add(line),
                    op + ": " + line);
            assertEquals(op.isComparison(), line.endsWith("? (real) 1 : (real) 0);"), op + ": " + line);
        }
        assertEquals("const real t2 = glia_pow(t0, t1);", lastLocal(X.pow(Y)));
        assertEquals("const real t3 = (t2 != (real) 0 ? t0 : t1);", lastLocal(Expr.where(X.gt(Y), X, Y)));
    }

    @Test
    void inputParametersComeInIncreasingOrderWhateverTheOrderOfReads() {
        String s = body(ExprRenderer.render(Y.mul(X), FULL2, DType.FLOAT32));
        assertTrue(s.contains("const __global real* in0, const __global real* in1)"), s);
        assertTrue(s.contains("const real t0 = in1[i];"), s);
    }
}
