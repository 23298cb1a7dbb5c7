package dev.glia.kernels.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.glia.api.expr.Expr;
import dev.glia.api.spi.Broadcast;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The staged runner against the same kernel run directly on whole heap arrays. */
class OffHeapRunnerTest {
    private static final int[][] SHAPES = {
        {1, 1}, {3, 17}, {1, 3000}, {5, 1023}, {5, 1024}, {7, 1025}, {2500, 3}, {1100, 1}, {3, 2049}
    };
    /** in0 full, in1 row, in2 column, in3 scalar; reads every one of them. */
    private static final Expr MIXED = Expr.input(0)
            .mul(Expr.input(1))
            .add(Expr.input(2).exp())
            .sub(Expr.input(3))
            .max(Expr.input(0).neg());

    private static final Broadcast[] MIXED_MODES = {Broadcast.FULL, Broadcast.ROW, Broadcast.COLUMN, Broadcast.SCALAR};
    /** Flat: full, full, scalar, and input 3 is not read. */
    private static final Expr FLAT = Expr.input(0)
            .sub(Expr.input(2).mul(Expr.input(1)).div(Expr.input(0).abs().sqrt().add(1e-3)));

    private static final Broadcast[] FLAT_MODES = {Broadcast.FULL, Broadcast.FULL, Broadcast.SCALAR, Broadcast.ROW};

    private final KernelCache cache = new KernelCache("test");
    private final SplittableRandom random = new SplittableRandom(3);

    private static int length(Broadcast mode, int rows, int columns) {
        switch (mode) {
            case FULL:
                return rows * columns;
            case ROW:
                return columns;
            case COLUMN:
                return rows;
            default:
                return 1;
        }
    }

    private static FloatBuffer direct(float[] values) {
        FloatBuffer b = ByteBuffer.allocateDirect(values.length * 4)
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        b.put(0, values);
        return b;
    }

    private static DoubleBuffer direct(double[] values) {
        DoubleBuffer b = ByteBuffer.allocateDirect(values.length * 8)
                .order(ByteOrder.nativeOrder())
                .asDoubleBuffer();
        b.put(0, values);
        return b;
    }

    @Test
    void floatKernelsMatchTheHeapKernelOnEveryShape() {
        for (Expr e : new Expr[] {MIXED, FLAT}) {
            Broadcast[] modes = e == MIXED ? MIXED_MODES : FLAT_MODES;
            FloatKernel kernel = cache.floatKernel(e, modes);
            OffHeapRunner runner = new OffHeapRunner();
            for (int[] shape : SHAPES) {
                int rows = shape[0];
                int columns = shape[1];
                float[][] heap = new float[modes.length][];
                FloatBuffer[] buffers = new FloatBuffer[modes.length];
                for (int i = 0; i < modes.length; i++) {
                    heap[i] = new float[length(modes[i], rows, columns)];
                    for (int j = 0; j < heap[i].length; j++) {
                        heap[i][j] = (float) random.nextDouble(-2, 2);
                    }
                    buffers[i] = direct(heap[i]);
                }
                float[] expected = new float[rows * columns];
                kernel.apply(expected, heap, rows, columns);
                // into a separate output, in two row ranges
                FloatBuffer out = direct(new float[rows * columns]);
                runner.run(kernel, modes, out, buffers, rows, columns, 0, rows / 2);
                runner.run(kernel, modes, out, buffers, rows, columns, rows / 2, rows);
                float[] got = new float[rows * columns];
                out.get(0, got);
                assertArrayEquals(expected, got, e + " on " + rows + "x" + columns);
                // in place on input 0
                runner.run(kernel, modes, buffers[0], buffers, rows, columns, 0, rows);
                buffers[0].get(0, got);
                assertArrayEquals(expected, got, e + " in place on " + rows + "x" + columns);
            }
        }
    }

    @Test
    void doubleKernelsMatchTheHeapKernelOnEveryShape() {
        DoubleKernel kernel = cache.doubleKernel(MIXED, MIXED_MODES);
        OffHeapRunner runner = new OffHeapRunner();
        for (int[] shape : SHAPES) {
            int rows = shape[0];
            int columns = shape[1];
            double[][] heap = new double[MIXED_MODES.length][];
            DoubleBuffer[] buffers = new DoubleBuffer[MIXED_MODES.length];
            for (int i = 0; i < MIXED_MODES.length; i++) {
                heap[i] = new double[length(MIXED_MODES[i], rows, columns)];
                for (int j = 0; j < heap[i].length; j++) {
                    heap[i][j] = random.nextDouble(-2, 2);
                }
                buffers[i] = direct(heap[i]);
            }
            double[] expected = new double[rows * columns];
            kernel.apply(expected, heap, rows, columns);
            DoubleBuffer out = direct(new double[rows * columns]);
            runner.run(kernel, MIXED_MODES, out, buffers, rows, columns, 0, rows);
            double[] got = new double[rows * columns];
            out.get(0, got);
            assertArrayEquals(expected, got, MIXED + " on " + rows + "x" + columns);
        }
    }

    @Test
    void badRangesAndShortBuffersThrow() {
        FloatKernel kernel = cache.floatKernel(Expr.input(0).add(1), new Broadcast[] {Broadcast.FULL});
        OffHeapRunner runner = new OffHeapRunner();
        FloatBuffer small = direct(new float[4]);
        assertThrows(
                IllegalArgumentException.class,
                () -> runner.run(
                        kernel, new Broadcast[] {Broadcast.FULL}, small, new FloatBuffer[] {small}, 2, 2, 1, 3));
        assertThrows(
                IndexOutOfBoundsException.class,
                () -> runner.run(
                        kernel, new Broadcast[] {Broadcast.FULL}, small, new FloatBuffer[] {small}, 3, 2, 0, 3));
    }
}
