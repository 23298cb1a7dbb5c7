package dev.glia.kernels.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.DType;
import dev.glia.api.expr.BinaryOp;
import dev.glia.api.expr.Expr;
import dev.glia.api.expr.UnaryOp;
import dev.glia.api.spi.Broadcast;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KernelGeneratorTest {
    private static final Expr X = Expr.input(0);
    private static final Expr Y = Expr.input(1);

    private static Expr relu() {
        return X.add(Y).max(0);
    }

    @Test
    void generatedCodeForReluWithARowBias() {
        String source = KernelGenerator.generate("Sample", relu(), new Broadcast[] {Broadcast.FULL, Broadcast.ROW});
        assertTrue(source.contains("final float t0 = in0[i];"), source);
        assertTrue(source.contains("final float t1 = in1[c];"), source);
        assertTrue(source.contains("Math.max(t2, 0.0f)"), source);
        assertTrue(source.contains("for (int c = 0; c < columns; c++)"), source);
        String flat = KernelGenerator.generate("Flat", relu(), new Broadcast[] {Broadcast.FULL, Broadcast.SCALAR});
        assertTrue(flat.contains("for (int i = 0; i < n; i++)"), flat);
        // the scalar is read once, before the loop
        assertTrue(flat.indexOf("in1[0]") < flat.indexOf("for ("), flat);
    }

    @Test
    void doubleKernelsComputeInDouble() {
        Expr e = X.exp().add(Expr.constant(0.1)).max(Y).erf();
        String source =
                KernelGenerator.generate("D", e, new Broadcast[] {Broadcast.FULL, Broadcast.COLUMN}, DType.FLOAT64);
        assertTrue(source.contains("implements " + DoubleKernel.class.getName()), source);
        assertTrue(source.contains("final double t0 = in0[i];"), source);
        assertTrue(source.contains("Math.exp(t0)") && !source.contains("(float)"), source);
        assertTrue(source.contains("0.1 ") || source.contains("0.1;") || source.contains("0.1)"), source);
        assertFalse(source.contains("0.1f"), source);
    }

    /**
     * A flat FLOAT32 kernel with exp and tanh stages them over blocks; with a row input the same arithmetic runs one
     * element at a time. Adding a row of zeros changes no value, so the two must agree bit for bit, edges included,
     * over a size that ends inside a block; and an input may still be the output.
     */
    @Test
    void stagedSingleOutputKernelsGiveTheElementAtATimeBits() {
        Expr gate = Expr.constant(1)
                .div(Expr.constant(1).add(X.add(Y).neg().exp()))
                .mul(X.add(Y).tanh());
        String flat = KernelGenerator.generate("Staged", gate, new Broadcast[] {Broadcast.FULL, Broadcast.FULL});
        assertTrue(flat.contains(FloatMath.class.getName() + ".exp(x"), flat);
        assertFalse(flat.contains("private void fused("), flat);
        KernelCache cache = new KernelCache("test");
        int rows = 3;
        int columns = 700;
        float[] x = new float[rows * columns];
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-30, 30);
        }
        float[] edges = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 100f, -100f, 1e-30f};
        System.arraycopy(edges, 0, x, 1020, edges.length); // across the first block's end
        float[] staged = new float[x.length];
        cache.floatKernel(gate, new Broadcast[] {Broadcast.FULL, Broadcast.FULL})
                .apply(staged, new float[][] {x, new float[x.length]}, rows, columns);
        float[] oneByOne = new float[x.length];
        cache.floatKernel(gate, new Broadcast[] {Broadcast.FULL, Broadcast.ROW})
                .apply(oneByOne, new float[][] {x, new float[columns]}, rows, columns);
        assertArrayEquals(oneByOne, staged);
        float[] inPlace = x.clone();
        cache.floatKernel(gate, new Broadcast[] {Broadcast.FULL, Broadcast.FULL})
                .apply(inPlace, new float[][] {inPlace, new float[x.length]}, rows, columns);
        assertArrayEquals(staged, inPlace);
    }

    @Test
    void readsReportsTheInputsUsed() {
        KernelCache cache = new KernelCache("test");
        FloatKernel k = cache.floatKernel(
                Expr.input(2).mul(X), new Broadcast[] {Broadcast.FULL, Broadcast.ROW, Broadcast.FULL});
        assertTrue(k.reads(0));
        assertFalse(k.reads(1));
        assertTrue(k.reads(2));
        assertFalse(k.reads(3));
        assertFalse(k.reads(-1));
    }

    @Test
    void compileFailureShowsTheSourceAndTheMessage() {
        String source = "public final class Broken implements " + FloatKernel.class.getName() + " {\n"
                + "    public boolean reads(int i) { return true; }\n"
                + "    public void apply(float[] out, float[][] inputs, int rows, int columns) {\n"
                + "        out[0] = undefinedVariable;\n"
                + "    }\n}\n";
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> KernelCompiler.compile("Broken", source, FloatKernel.class, "a test"));
        assertTrue(e.getMessage().contains("out[0] = undefinedVariable;"), e.getMessage());
        assertTrue(e.getMessage().contains("a test"), e.getMessage());
        assertTrue(e.getMessage().contains("   4  "), e.getMessage()); // numbered lines
        assertTrue(e.getCause() != null && e.getMessage().contains(e.getCause().getMessage()), e.getMessage());
    }

    /** x = x * x - x, {@code levels} times: the unfolded tree has about 3^levels nodes, the DAG 3 per level. */
    static Expr nested(int levels) {
        Expr e = Expr.input(0);
        for (int i = 0; i < levels; i++) {
            e = e.mul(e).sub(e);
        }
        return e;
    }

    @Test
    void generatedCodeIsLinearInDistinctNodes() {
        String source = KernelGenerator.generate("Big", nested(40), new Broadcast[] {Broadcast.FULL});
        assertTrue(source.length() < 8_000, source);
        assertTrue(source.contains("final float t80 = "), source);
        assertFalse(source.contains("final float t81 = "), source);
    }

    @Test
    void everyPrimitiveMatchesTheSpecificationInBothPrecisions() {
        Random random = new Random(42);
        int n = 257;
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextGaussian() * 2;
            b[i] = i % 7 == 0 ? a[i] : random.nextDouble() * 3 + 0.1;
        }
        KernelCache cache = new KernelCache("test");
        Broadcast[] full = {Broadcast.FULL, Broadcast.FULL};
        for (int op = 0; op < UnaryOp.values().length + BinaryOp.values().length + 1; op++) {
            Expr e;
            if (op < UnaryOp.values().length) {
                UnaryOp u = UnaryOp.values()[op];
                e = u == UnaryOp.LOG || u == UnaryOp.SQRT ? Y.apply(u) : X.apply(u);
            } else if (op < UnaryOp.values().length + BinaryOp.values().length) {
                BinaryOp bop = BinaryOp.values()[op - UnaryOp.values().length];
                e = bop == BinaryOp.POW ? Y.apply(bop, X) : X.apply(bop, Y);
            } else {
                e = Expr.where(X.gt(Expr.constant(0)), X.mul(Y), Y.neg());
            }
            double[] d = new double[n];
            cache.doubleKernel(e, full).apply(d, new double[][] {a, b}, 1, n);
            float[] f = new float[n];
            float[] fa = new float[n];
            float[] fb = new float[n];
            for (int i = 0; i < n; i++) {
                fa[i] = (float) a[i];
                fb[i] = (float) b[i];
            }
            cache.floatKernel(e, full).apply(f, new float[][] {fa, fb}, 1, n);
            for (int i = 0; i < n; i++) {
                double expected = e.evaluate(a[i], b[i]);
                double expectedF = e.evaluate(fa[i], fb[i]);
                if (Double.isNaN(expected)) {
                    assertTrue(Double.isNaN(d[i]), e + " at " + i);
                    continue;
                }
                assertEquals(expected, d[i], 1e-12 * Math.max(1, Math.abs(expected)), e + " at " + i);
                assertEquals(expectedF, f[i], 1e-5 * Math.max(1, Math.abs(expectedF)), e + " at " + i);
            }
        }
    }

    /** Awkward values: signed zeros, infinities, NaN, the smallest subnormal, the largest float, near ties. */
    private static final double[] SPECIAL = {
        0.0,
        -0.0,
        1.0,
        -1.0,
        Math.nextUp(1.0f),
        2.5,
        -2.5,
        Float.MIN_VALUE,
        -Float.MIN_VALUE,
        Float.MAX_VALUE,
        -Float.MAX_VALUE,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        Double.NaN
    };

    @Test
    void comparisonsAndWhereAreExactlyJavasOperatorsOnSpecialValues() {
        int n = SPECIAL.length * SPECIAL.length;
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = SPECIAL[i / SPECIAL.length];
            b[i] = SPECIAL[i % SPECIAL.length];
        }
        float[] fa = new float[n];
        float[] fb = new float[n];
        for (int i = 0; i < n; i++) {
            fa[i] = (float) a[i];
            fb[i] = (float) b[i];
        }
        KernelCache cache = new KernelCache("test");
        Broadcast[] full = {Broadcast.FULL, Broadcast.FULL};
        java.util.List<Expr> cases = new java.util.ArrayList<>();
        for (BinaryOp op : BinaryOp.values()) {
            if (op.isComparison()) {
                cases.add(X.apply(op, Y)); // the value 1 or 0
                cases.add(Expr.where(X.apply(op, Y), X, Y)); // a select on the comparison's mask
                cases.add(Expr.where(X.apply(op, Y), Y.neg(), Expr.constant(-0.0)));
            }
        }
        cases.add(Expr.where(X, Y, Y.neg())); // any value as a condition: != 0
        cases.add(Expr.where(X.gt(Y), X.gt(Y).add(Y), X.lt(Y))); // a mask shared by value and condition
        for (Expr e : cases) {
            double[] d = new double[n];
            cache.doubleKernel(e, full).apply(d, new double[][] {a, b}, 1, n);
            float[] f = new float[n];
            cache.floatKernel(e, full).apply(f, new float[][] {fa, fb}, 1, n);
            for (int i = 0; i < n; i++) {
                String where = e + " at (" + a[i] + ", " + b[i] + ")";
                double expected = e.evaluate(a[i], b[i]);
                assertEquals(0, Double.compare(expected, d[i]), where + ": expected " + expected + ", got " + d[i]);
                float expectedF = (float) e.evaluate(fa[i], fb[i]);
                assertEquals(
                        0, Float.compare(expectedF, f[i]), where + " (float): expected " + expectedF + ", got " + f[i]);
            }
        }
    }

    @Test
    void comparisonsAreMasksNotBranches() {
        String source = KernelGenerator.generate(
                "Mask",
                Expr.where(X.gt(Expr.constant(0)), Y, Expr.constant(0)),
                new Broadcast[] {Broadcast.FULL, Broadcast.FULL});
        assertTrue(source.contains("final int m"), source);
        assertTrue(source.contains(" > 0.0f ? -1 : 0;"), source);
        assertTrue(source.contains("Float.intBitsToFloat("), source);
        assertFalse(source.contains("? 1.0f : 0.0f"), source);
    }

    /**
     * The statement computing the primitive at the root of {@code e} over two row inputs: the last declaration of
     * the loop, or for a comparison the int mask declared before its value. (With row inputs every primitive is
     * spelled element by element; flat float kernels stage exp and tanh over blocks instead.)
     */
    private static String lastStatement(Expr e, DType dtype) {
        String source = KernelGenerator.generate("P", e, new Broadcast[] {Broadcast.ROW, Broadcast.ROW}, dtype);
        String loop = source.substring(source.indexOf("for ("), source.indexOf("out[i] ="));
        String[] lines = loop.strip().split("\n");
        boolean comparison = e instanceof Expr.Binary b && b.op().isComparison();
        return lines[lines.length - (comparison ? 2 : 1)].strip();
    }

    @Test
    void everyPrimitiveHasItsOwnSpellingInBothPrecisions() {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (UnaryOp op : UnaryOp.values()) {
                String line = lastStatement(X.apply(op), dtype);
                assertTrue(line.contains("t0") && !line.contains("null") && seen.add(line), op + ": " + line);
            }
            for (BinaryOp op : BinaryOp.values()) {
                String line = lastStatement(X.apply(op, Y), dtype);
                assertTrue(
                        line.contains("t0") && line.contains("t1") && !line.contains("null") && seen.add(line),
                        op + ": " + line);
                // comparisons are int masks; max and min are Math's (NaN-propagating), never a branch
                assertEquals(op.isComparison(), line.startsWith("final int m"), op + ": " + line);
            }
        }
        assertEquals("final float t2 = Math.max(t0, t1);", lastStatement(X.max(Y), DType.FLOAT32));
        assertEquals("final double t2 = Math.pow(t0, t1);", lastStatement(X.pow(Y), DType.FLOAT64));
        assertEquals("final float t2 = (float) Math.pow(t0, t1);", lastStatement(X.pow(Y), DType.FLOAT32));
        assertEquals("final int m2 = t0 <= t1 ? -1 : 0;", lastStatement(X.le(Y), DType.FLOAT32));
    }

    @Test
    void aComparisonValueIsReadOffItsMaskAndAConditionOnlyDeclaresTheMask() {
        String value = KernelGenerator.generate("V", X.lt(Y), new Broadcast[] {Broadcast.FULL, Broadcast.FULL});
        assertTrue(value.contains("final int m2 = t0 < t1 ? -1 : 0;"), value);
        assertTrue(value.contains("final float t2 = Float.intBitsToFloat(m2 & 0x3F800000);"), value);
        String select = KernelGenerator.generate(
                "S", Expr.where(X.lt(Y), X, Y), new Broadcast[] {Broadcast.FULL, Broadcast.FULL}, DType.FLOAT64);
        assertFalse(select.contains("final double t2 ="), select);
        assertTrue(
                select.contains("final double t3 = Double.longBitsToDouble((Double.doubleToRawLongBits(t0) & m2)"
                        + " | (Double.doubleToRawLongBits(t1) & ~m2));"),
                select);
        String nonZero = KernelGenerator.generate(
                "N", Expr.where(X, Y, Expr.constant(0)), new Broadcast[] {Broadcast.FULL, Broadcast.FULL});
        assertTrue(nonZero.contains("final int m0 = t0 != 0.0f ? -1 : 0;"), nonZero);
    }
}
