package dev.glia.kernels.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Shape;
import dev.glia.api.expr.Expr;
import dev.glia.api.spi.Broadcast;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Inputs broadcast along axes ({@link Broadcast#AXIS}) in generated kernels and in the staged runner, and
 * {@link AxisSum}, against plain loops written from the definitions.
 */
class AxisKernelsTest {
    private static final Expr X = Expr.input(0);
    private static final Expr Y = Expr.input(1);
    private static final Shape[] SHAPES = {
        Shape.of(2, 3, 5, 7),
        Shape.of(1, 17, 1, 3, 2),
        Shape.of(3, 131, 2),
        Shape.of(2, 3, 4, 5, 2),
        Shape.of(7),
        Shape.of(4, 300, 3),
        Shape.of(2, 1100)
    };

    private final SplittableRandom random = new SplittableRandom(12);

    private float[] floats(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextDouble(-2, 2);
        }
        return v;
    }

    /** {@code shape} with only the axes from {@code first} to {@code last} kept. */
    private static Shape axes(Shape shape, int first, int last) {
        int[] d = shape.dims();
        for (int a = 0; a < d.length; a++) {
            if (a < first || a > last) {
                d[a] = 1;
            }
        }
        return Shape.of(d);
    }

    @Test
    void generatedKernelsReadAxisInputsAtTheirStrideAndCount() {
        KernelCache cache = new KernelCache("test");
        Expr e = X.mul(Y).add(Y); // in1 read once per element, at its own counter
        for (Shape out : SHAPES) {
            for (int first = 0; first < out.rank(); first++) {
                for (int last = first; last < out.rank(); last++) {
                    Shape in = axes(out, first, last);
                    int stride = Broadcast.axisStride(in, out);
                    float[] x = floats(out.size());
                    float[] y = floats(in.size());
                    float[] got = new float[out.size()];
                    // a ROW input too, so that the nested loop runs as well as the flat one
                    for (Expr expr : new Expr[] {e, e.add(Expr.input(2))}) {
                        FloatKernel k = cache.floatKernel(
                                expr, new Broadcast[] {Broadcast.FULL, Broadcast.AXIS, Broadcast.ROW});
                        float[] row = floats(out.columns());
                        k.apply(
                                got,
                                new float[][] {x, y, row},
                                out.rows(),
                                out.columns(),
                                new int[] {0, stride, 0},
                                new int[] {0, y.length, 0});
                        for (int i = 0; i < got.length; i++) {
                            float v = y[(i / stride) % y.length];
                            float want = expr == e ? x[i] * v + v : x[i] * v + v + row[i % out.columns()];
                            assertEquals(want, got[i], "element " + i + " of " + in + " onto " + out + " in " + expr);
                        }
                    }
                }
            }
        }
        assertEquals(2, cache.compilations(), "one kernel per expression and modes serves every shape");
    }

    @Test
    void aKernelThatReadsAlongAxesNeedsItsStrides() {
        FloatKernel k = new KernelCache("test").floatKernel(X.add(Y), new Broadcast[] {Broadcast.FULL, Broadcast.AXIS});
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> k.apply(new float[4], new float[][] {new float[4], new float[2]}, 2, 2));
        assertTrue(e.getMessage().contains("strides and counts"), e.getMessage());
        String source = KernelGenerator.generate("K", X.add(Y), new Broadcast[] {Broadcast.FULL, Broadcast.AXIS});
        assertTrue(
                source.contains("in1[a1]") && !source.contains("/ s1"),
                "counters, no division per element:\n" + source);
    }

    @Test
    void theCacheKeepsAxisAndFullKernelsApart() {
        KernelCache cache = new KernelCache("test");
        FloatKernel axis = cache.floatKernel(X.add(Y), new Broadcast[] {Broadcast.FULL, Broadcast.AXIS});
        assertNotSame(axis, cache.floatKernel(X.add(Y), new Broadcast[] {Broadcast.FULL, Broadcast.FULL}));
        assertSame(axis, cache.floatKernel(X.add(Y), new Broadcast[] {Broadcast.FULL, Broadcast.AXIS}));
        DoubleKernel d = cache.doubleKernel(X.add(Y), new Broadcast[] {Broadcast.FULL, Broadcast.AXIS});
        double[] out = new double[6];
        d.apply(out, new double[][] {{1, 2, 3, 4, 5, 6}, {10, 20}}, 2, 3, new int[] {0, 3}, new int[] {0, 2});
        assertArrayEquals(new double[] {11, 12, 13, 24, 25, 26}, out);
        assertEquals(3, cache.compilations());
    }

    @Test
    void theRunnerGathersAxisInputsIntoFullKernels() {
        KernelCache cache = new KernelCache("test");
        Expr e = X.mul(Y).sub(Expr.input(2));
        OffHeapRunner runner = new OffHeapRunner();
        Shape[] outs = {Shape.of(2, 3, 5, 7), Shape.of(4, 300, 3), Shape.of(2, 1100), Shape.of(3, 2049)};
        for (Shape out : outs) {
            for (int first = 0; first < out.rank(); first++) {
                for (int last = first; last < out.rank(); last++) {
                    Shape in = axes(out, first, last);
                    float[] x = floats(out.size());
                    float[] y = floats(in.size());
                    float[] c = floats(out.rows());
                    int[] strides = {0, Broadcast.axisStride(in, out), 0};
                    int[] counts = {0, y.length, 0};
                    for (Broadcast third : new Broadcast[] {Broadcast.SCALAR, Broadcast.COLUMN}) {
                        float[] want = new float[out.size()];
                        cache.floatKernel(e, new Broadcast[] {Broadcast.FULL, Broadcast.AXIS, third})
                                .apply(want, new float[][] {x, y, c}, out.rows(), out.columns(), strides, counts);
                        FloatKernel full =
                                cache.floatKernel(e, new Broadcast[] {Broadcast.FULL, Broadcast.FULL, third});
                        FloatBuffer got = direct(new float[out.size()]);
                        Broadcast[] modes = {Broadcast.FULL, Broadcast.AXIS, third};
                        FloatBuffer[] inputs = {direct(x), direct(y), direct(c)};
                        int half = out.rows() / 2;
                        runner.run(full, modes, got, inputs, out.rows(), out.columns(), 0, half, strides, counts);
                        runner.run(
                                full, modes, got, inputs, out.rows(), out.columns(), half, out.rows(), strides, counts);
                        float[] back = new float[out.size()];
                        got.get(0, back);
                        assertArrayEquals(want, back, in + " onto " + out + " with a " + third + " input");
                    }
                }
            }
        }
    }

    private static FloatBuffer direct(float[] values) {
        FloatBuffer b = ByteBuffer.allocateDirect(values.length * 4)
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        b.put(0, values);
        return b;
    }

    @Test
    void axisSumMatchesAPlainLoopOverEverySubsetOfAxesAndInPieces() {
        AxisSum sum = new AxisSum();
        for (Shape in : SHAPES) {
            double[] x = new double[in.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextDouble(-2, 2);
            }
            for (int kept = 0; kept < 1 << in.rank(); kept++) {
                int[] d = in.dims();
                for (int a = 0; a < d.length; a++) {
                    d[a] = (kept & (1 << a)) == 0 ? 1 : d[a];
                }
                Shape out = Shape.of(d);
                double[] want = plainSum(x, in, out);
                double[] whole = new double[out.size()];
                sum.sum(x, in, whole, out);
                assertArrayEquals(want, whole, 1e-12, in + " into " + out);
                sum.start(in, out);
                for (int p = 0; p < x.length; p += 7) { // pieces of 7 that end anywhere in a run
                    sum.add(x, p, Math.min(7, x.length - p), p);
                }
                for (int o = 0; o < want.length; o++) {
                    assertEquals(want[o], sum.sums()[o], 1e-12, in + " into " + out + " in pieces, element " + o);
                }
            }
        }
        float[] f = {1, 2, 3, 4, 5, 6};
        float[] channels = new float[3];
        sum.sum(f, Shape.of(2, 3, 1), channels, Shape.of(1, 3, 1));
        assertArrayEquals(new float[] {5, 7, 9}, channels);
    }

    /** The definition: output element of each input element, by coordinates. */
    private static double[] plainSum(double[] x, Shape in, Shape out) {
        double[] s = new double[out.size()];
        for (int p = 0; p < x.length; p++) {
            int rest = p;
            int o = 0;
            int scale = 1;
            for (int a = in.rank() - 1; a >= 0; a--) {
                int coordinate = rest % in.dim(a);
                rest /= in.dim(a);
                o += (out.dim(a) == 1 ? 0 : coordinate) * scale;
                scale *= out.dim(a);
            }
            s[o] += x[p];
        }
        return s;
    }
}
