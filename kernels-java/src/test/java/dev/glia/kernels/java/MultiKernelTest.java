package dev.glia.kernels.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.expr.Expr;
import dev.glia.api.spi.Broadcast;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Kernels with several outputs against the single-output kernels of the same expressions, run one by one
 * into fresh arrays: bit for bit, in both shapes of the generated code (one loop per output, and the fused
 * loop an aliasing that a loop-per-output would get wrong falls back to), and staged off heap.
 */
class MultiKernelTest {
    private static final Expr X = Expr.input(0);
    private static final Expr Y = Expr.input(1);
    private static final Expr Z = Expr.input(2);
    private static final Expr SHARED = X.mul(Y).add(Z);
    /** out0 = x*y + z, out1 = (x*y + z)^2 - y: the second reads the first's output. */
    private static final List<Expr> EXPRS = List.of(SHARED, SHARED.mul(SHARED).sub(Y));

    private static final Broadcast[] FLAT = {Broadcast.FULL, Broadcast.FULL, Broadcast.SCALAR};
    private static final Broadcast[] NESTED = {Broadcast.FULL, Broadcast.ROW, Broadcast.COLUMN};

    private final KernelCache cache = new KernelCache("test");
    private final SplittableRandom random = new SplittableRandom(5);

    @Test
    void separateOutputsMatchTheSingleKernels() {
        for (Broadcast[] modes : List.of(FLAT, NESTED)) {
            int rows = 7;
            int columns = 13;
            float[][] in = inputs(modes, rows, columns);
            float[][] outs = {new float[rows * columns], new float[rows * columns]};
            cache.multiFloatKernel(EXPRS, modes).apply(outs, in, rows, columns);
            for (int j = 0; j < 2; j++) {
                assertArrayEquals(single(EXPRS.get(j), modes, in, rows, columns), outs[j], "output " + j);
            }
        }
    }

    /**
     * A recurrent cell's gates: float exp and tanh are computed over blocks through FloatMath in the loop-per-output
     * form, one at a time in the single kernels, with the same bits; the size spans blocks and ends inside one.
     */
    @Test
    void stagedExponentialsMatchTheElementAtATimeOnesBitForBit() {
        Expr input = sigmoid(X);
        Expr forget = sigmoid(Y.sub(X.exp()));
        Expr cell = Z.tanh();
        Expr c = forget.mul(Y).add(input.mul(cell));
        List<Expr> exprs =
                List.of(input, forget, cell, c, c.tanh().mul(sigmoid(c.exp().neg())));
        Broadcast[] modes = {Broadcast.FULL, Broadcast.FULL, Broadcast.FULL};
        int rows = 5;
        int columns = 501; // 2,505 elements: two whole blocks of 1,024 and part of a third
        float[][] in = inputs(modes, rows, columns);
        in[0][3] = Float.NaN;
        in[1][4] = 200; // exp overflows: the element falls back to Math.exp
        in[2][5] = Float.NEGATIVE_INFINITY;
        in[0][6] = -0.0f;
        float[][] outs = new float[exprs.size()][rows * columns];
        cache.multiFloatKernel(exprs, modes).apply(outs, in, rows, columns);
        for (int j = 0; j < exprs.size(); j++) {
            assertArrayEquals(single(exprs.get(j), modes, in, rows, columns), outs[j], "output " + j);
        }
        assertEquals(1.0f, outs[2][5] * -1, "tanh(-inf)");
        assertTrue(Float.isNaN(outs[0][3]), "sigmoid(NaN)");
        String source = KernelGenerator.generateMulti("Cell", exprs, modes, dev.glia.api.DType.FLOAT32);
        assertTrue(source.contains(FloatMath.class.getName() + ".exp(x"), source);
        assertTrue(source.contains(FloatMath.class.getName() + ".tanh(x"), source);
    }

    /**
     * Within one block the staged loops run over the caller's arrays; past one ({@link BlockStaging}) over staged
     * copies. Either way, and with outputs that are inputs (read again by later loops), every output must have the
     * bits of the element-at-a-time kernels (the same expressions with the scalar input given as a row, which makes
     * the kernels nested, one element at a time), as must the one-output kernels.
     */
    @Test
    void stagedKernelsGiveTheElementAtATimeBitsAtEverySizeAndInPlace() {
        Expr w = Expr.input(3);
        Expr forget = sigmoid(Y.sub(w));
        Expr c = forget.mul(Y).add(sigmoid(X).mul(Z.tanh()));
        List<Expr> exprs = List.of(sigmoid(X), forget, Z.tanh(), c.tanh().mul(w));
        Broadcast[] staged = {Broadcast.FULL, Broadcast.FULL, Broadcast.FULL, Broadcast.SCALAR};
        Broadcast[] nested = {Broadcast.FULL, Broadcast.FULL, Broadcast.FULL, Broadcast.ROW};
        for (int[] size : new int[][] {{3, 7}, {1, 1024}, {1, 1025}, {5, 501}}) {
            int rows = size[0];
            int columns = size[1];
            int n = rows * columns;
            float[][] in = inputs(staged, rows, columns);
            in[3] = new float[] {0.75f};
            float[] row = new float[columns];
            java.util.Arrays.fill(row, 0.75f);
            float[][] rowIn = {in[0], in[1], in[2], row};
            float[][] expected = new float[exprs.size()][];
            for (int j = 0; j < exprs.size(); j++) {
                expected[j] = single(exprs.get(j), nested, rowIn, rows, columns);
                assertArrayEquals(expected[j], single(exprs.get(j), staged, in, rows, columns), n + " one output " + j);
            }
            float[][] outs = new float[exprs.size()][n];
            cache.multiFloatKernel(exprs, staged).apply(outs, in, rows, columns);
            float[][] inPlace = {in[0].clone(), in[1].clone(), in[2], in[3]};
            float[][] written = {inPlace[0], inPlace[1], new float[n], new float[n]};
            cache.multiFloatKernel(exprs, staged).apply(written, inPlace, rows, columns);
            for (int j = 0; j < exprs.size(); j++) {
                assertArrayEquals(expected[j], outs[j], n + " elements, output " + j);
                assertArrayEquals(expected[j], written[j], n + " elements, in place, output " + j);
            }
        }
    }

    private static Expr sigmoid(Expr x) {
        return Expr.constant(1).div(Expr.constant(1).add(x.neg().exp()));
    }

    @Test
    void outputsThatAreInputsSeeOnlyTheOldValuesInEitherForm() {
        int rows = 5;
        int columns = 9;
        float[][] in = inputs(FLAT, rows, columns);
        float[][] expected = {
            single(EXPRS.get(0), FLAT, in, rows, columns), single(EXPRS.get(1), FLAT, in, rows, columns)
        };
        // out0 is input 0 (read by no later loop but by output 1's own terms through out0): one loop per output
        float[][] first = {in[0].clone(), in[1].clone(), in[2]};
        float[] separate = new float[rows * columns];
        cache.multiFloatKernel(EXPRS, FLAT).apply(new float[][] {first[0], separate}, first, rows, columns);
        assertArrayEquals(expected[0], first[0]);
        assertArrayEquals(expected[1], separate);
        // out0 is input 1, which output 1's loop reads directly: the kernel must use its fused loop
        float[][] second = {in[0], in[1].clone(), in[2]};
        float[] out1 = new float[rows * columns];
        cache.multiFloatKernel(EXPRS, FLAT).apply(new float[][] {second[1], out1}, second, rows, columns);
        assertArrayEquals(expected[0], second[1]);
        assertArrayEquals(expected[1], out1);
        // both outputs are inputs, swapped
        float[][] third = {in[0].clone(), in[1].clone(), in[2]};
        cache.multiFloatKernel(EXPRS, FLAT).apply(new float[][] {third[1], third[0]}, third, rows, columns);
        assertArrayEquals(expected[0], third[1]);
        assertArrayEquals(expected[1], third[0]);
    }

    @Test
    void theLoopPerOutputFormFallsBackWhereAnEarlierOutputIsAnInputALaterLoopReads() {
        String source = KernelGenerator.generateMulti("K", EXPRS, FLAT, dev.glia.api.DType.FLOAT32);
        assertTrue(source.contains("private void fused("), source);
        assertTrue(source.contains("outs[0] == inputs[1]"), source);
        assertTrue(source.contains("final float t2 = out0[i];") || source.contains("= out0[i];"), source);
    }

    @Test
    void theOffHeapRunnerStagesSeveralOutputsOverLongRowsAndRowRanges() {
        int[][] shapes = {{1, 1}, {3, 17}, {5, 1025}, {2500, 3}, {3, 2049}};
        OffHeapMultiRunner runner = new OffHeapMultiRunner();
        for (Broadcast[] modes : List.of(FLAT, NESTED)) {
            for (int[] shape : shapes) {
                int rows = shape[0];
                int columns = shape[1];
                float[][] in = inputs(modes, rows, columns);
                FloatBuffer[] buffers = new FloatBuffer[in.length];
                for (int i = 0; i < in.length; i++) {
                    buffers[i] = direct(in[i]);
                }
                FloatBuffer[] outs = {direct(new float[rows * columns]), direct(new float[rows * columns])};
                MultiFloatKernel kernel = cache.multiFloatKernel(EXPRS, modes);
                int middle = rows / 2;
                runner.run(kernel, modes, outs, 2, buffers, rows, columns, 0, middle);
                runner.run(kernel, modes, outs, 2, buffers, rows, columns, middle, rows);
                for (int j = 0; j < 2; j++) {
                    float[] got = new float[rows * columns];
                    outs[j].get(0, got);
                    assertArrayEquals(
                            single(EXPRS.get(j), modes, in, rows, columns),
                            got,
                            "output " + j + " of " + rows + "x" + columns + " " + List.of(modes));
                }
            }
        }
    }

    @Test
    void theOffHeapRunnerGathersInputsAlongAxesForSeveralOutputs() {
        // [N, C, H, W] = [3, 5, 7, 11] (matrix 3 x 385) with a per-channel [1, 5, 1, 1] input: stride 77, count 5;
        // also blocks of whole rows (a row input) and of parts of long rows ([2, 1500] with a [1, 1500] row)
        int[][] cases = {{3, 385, 77, 5}, {4, 3, 1, 3}, {2, 1500, 1, 1500}, {70, 9, 9, 4}};
        Broadcast[] gathered = {Broadcast.FULL, Broadcast.AXIS, Broadcast.SCALAR};
        Broadcast[] asFull = {Broadcast.FULL, Broadcast.FULL, Broadcast.SCALAR};
        OffHeapMultiRunner multi = new OffHeapMultiRunner();
        OffHeapRunner single = new OffHeapRunner();
        for (int[] c : cases) {
            int rows = c[0];
            int columns = c[1];
            int[] strides = {0, c[2], 0};
            int[] counts = {0, c[3], 0};
            float[][] in = {random(rows * columns), random(c[3]), random(1)};
            FloatBuffer[] buffers = {direct(in[0]), direct(in[1]), direct(in[2])};
            FloatBuffer[] outs = {direct(new float[rows * columns]), direct(new float[rows * columns])};
            MultiFloatKernel kernel = cache.multiFloatKernel(EXPRS, asFull);
            int middle = rows / 2;
            multi.run(kernel, gathered, outs, 2, buffers, rows, columns, 0, middle, strides, counts);
            multi.run(kernel, gathered, outs, 2, buffers, rows, columns, middle, rows, strides, counts);
            for (int j = 0; j < 2; j++) {
                FloatBuffer expected = direct(new float[rows * columns]);
                single.run(
                        cache.floatKernel(EXPRS.get(j), asFull),
                        gathered,
                        expected,
                        buffers,
                        rows,
                        columns,
                        0,
                        rows,
                        strides,
                        counts);
                float[] want = new float[rows * columns];
                float[] got = new float[rows * columns];
                expected.get(0, want);
                outs[j].get(0, got);
                assertArrayEquals(want, got, "output " + j + " of " + rows + "x" + columns);
                for (int k = 0; k < rows * columns; k += 37) { // and by hand: x*y + z with y = in1[(k / s) % n]
                    float y = in[1][Broadcast.axisIndex(k, c[2], c[3])];
                    if (j == 0) {
                        assertEquals(in[0][k] * y + in[2][0], got[k], "element " + k);
                    }
                }
            }
        }
    }

    @Test
    void generatedKernelsWithSeveralOutputsRefuseAxisInputsNamingTheWayOut() {
        Broadcast[] axis = {Broadcast.FULL, Broadcast.AXIS, Broadcast.SCALAR};
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> KernelGenerator.generateMulti("K", EXPRS, axis, dev.glia.api.DType.FLOAT32));
        assertTrue(e.getMessage().contains("OffHeapMultiRunner"), e.getMessage());
    }

    private float[] random(int n) {
        float[] values = new float[n];
        for (int k = 0; k < n; k++) {
            values[k] = (float) random.nextDouble(-2, 2);
        }
        return values;
    }

    private float[] single(Expr expr, Broadcast[] modes, float[][] in, int rows, int columns) {
        float[] out = new float[rows * columns];
        cache.floatKernel(expr, modes).apply(out, in, rows, columns);
        return out;
    }

    private float[][] inputs(Broadcast[] modes, int rows, int columns) {
        float[][] in = new float[modes.length][];
        for (int i = 0; i < modes.length; i++) {
            int n = switch (modes[i]) {
                case FULL -> rows * columns;
                case ROW -> columns;
                case COLUMN -> rows;
                case SCALAR -> 1;
                case AXIS -> throw new IllegalArgumentException("an AXIS input's size depends on its axes");
            };
            in[i] = new float[n];
            for (int k = 0; k < n; k++) {
                in[i][k] = (float) random.nextDouble(-2, 2);
            }
        }
        return in;
    }

    private static FloatBuffer direct(float[] values) {
        FloatBuffer b = ByteBuffer.allocateDirect(values.length * Float.BYTES)
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        b.put(0, values);
        return b;
    }
}
