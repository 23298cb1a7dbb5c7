package dev.glia.kernels.java;

import dev.glia.api.spi.Broadcast;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Applies compiled array kernels ({@link FloatKernel}, {@link DoubleKernel}) to tensors held in direct
 * (off-heap) NIO buffers, such as native memory a BLAS library also reads.
 *
 * <p>The JIT vectorises the generated loops over heap arrays but not over raw off-heap addresses, so the
 * runner stages the data: it copies a chunk of at most {@link #CHUNK} elements of every input the kernel
 * reads into small heap arrays it keeps (bulk copies, a {@code memcpy} each), runs the kernel on them and
 * copies the result back. The chunks stay in the L1 cache, so the staging costs a fraction of what a
 * scalar loop over the buffers would. Broadcasting is kept: a full input is copied chunk by chunk, a row
 * input once per call (or per column chunk of long rows), a column input per block of rows, a scalar once, an
 * {@link Broadcast#AXIS} input gathered into each chunk (runs of one value, or runs of its elements).
 * Every input chunk is copied before the kernel writes, so {@code out} may be one of the full inputs.
 *
 * <p>Buffers are indexed absolutely from 0 (their position is ignored) and must hold at least the
 * elements the call touches; bounds are checked by the buffers, so a wrong size throws instead of
 * corrupting memory. An instance keeps its scratch arrays between calls and is not thread-safe: use one
 * per thread.
 */
public final class OffHeapRunner {
    /** Elements staged per chunk: 4 KiB of floats, so a kernel's inputs and output stay in L1. */
    public static final int CHUNK = 1024;

    private float[][] floats = new float[0][];
    private float[] floatOut = new float[CHUNK];
    private double[][] doubles = new double[0][];
    private double[] doubleOut;

    /** A runner with empty scratch; arrays are allocated on first use and kept. */
    public OffHeapRunner() {}

    /**
     * Runs {@code kernel} over rows {@code [rowFrom, rowTo)} of the {@code rows} × {@code columns} matrix
     * {@code out}; input {@code i} is {@code inputs[i]}, broadcast as {@code modes[i]}. There are
     * {@code modes.length} inputs; {@code inputs} may be longer (a reused array), its extra entries are ignored.
     */
    public void run(
            FloatKernel kernel,
            Broadcast[] modes,
            FloatBuffer out,
            FloatBuffer[] inputs,
            int rows,
            int columns,
            int rowFrom,
            int rowTo) {
        run(kernel, modes, out, inputs, rows, columns, rowFrom, rowTo, null, null);
    }

    /**
     * As {@link #run(FloatKernel, Broadcast[], FloatBuffer, FloatBuffer[], int, int, int, int)}, where an input
     * {@code i} of mode {@link Broadcast#AXIS} holds {@code counts[i]} elements and output element {@code k}
     * reads its element {@code (k / strides[i]) % counts[i]}. Such an input is gathered into its staging chunk
     * as a full one, so {@code kernel} must be the kernel generated with {@link Broadcast#FULL} in its place.
     */
    public void run(
            FloatKernel kernel,
            Broadcast[] modes,
            FloatBuffer out,
            FloatBuffer[] inputs,
            int rows,
            int columns,
            int rowFrom,
            int rowTo,
            int[] strides,
            int[] counts) {
        checkRange(rows, rowFrom, rowTo);
        float[][] s = floatScratch(modes.length);
        float[] o = floatOut;
        boolean nested = false;
        for (int i = 0; i < modes.length; i++) {
            if (kernel.reads(i)) {
                if (modes[i] == Broadcast.SCALAR) {
                    s[i][0] = inputs[i].get(0);
                } else if (modes[i] == Broadcast.ROW || modes[i] == Broadcast.COLUMN) {
                    nested = true;
                }
            }
        }
        if (!nested) {
            int end = rowTo * columns;
            for (int start = rowFrom * columns; start < end; start += CHUNK) {
                int len = Math.min(CHUNK, end - start);
                for (int i = 0; i < modes.length; i++) {
                    if (modes[i] == Broadcast.FULL && kernel.reads(i)) {
                        inputs[i].get(start, s[i], 0, len);
                    } else if (modes[i] == Broadcast.AXIS && kernel.reads(i)) {
                        gather(inputs[i], s[i], start, len, strides[i], counts[i]);
                    }
                }
                kernel.apply(o, s, 1, len);
                out.put(start, o, 0, len);
            }
        } else if (columns <= CHUNK) {
            int block = CHUNK / columns;
            for (int i = 0; i < modes.length; i++) {
                if (modes[i] == Broadcast.ROW && kernel.reads(i)) {
                    inputs[i].get(0, s[i], 0, columns);
                }
            }
            for (int r = rowFrom; r < rowTo; r += block) {
                int count = Math.min(block, rowTo - r);
                int start = r * columns;
                int len = count * columns;
                for (int i = 0; i < modes.length; i++) {
                    if (kernel.reads(i)) {
                        if (modes[i] == Broadcast.FULL) {
                            inputs[i].get(start, s[i], 0, len);
                        } else if (modes[i] == Broadcast.AXIS) {
                            gather(inputs[i], s[i], start, len, strides[i], counts[i]);
                        } else if (modes[i] == Broadcast.COLUMN) {
                            inputs[i].get(r, s[i], 0, count);
                        }
                    }
                }
                kernel.apply(o, s, count, columns);
                out.put(start, o, 0, len);
            }
        } else {
            for (int r = rowFrom; r < rowTo; r++) {
                for (int i = 0; i < modes.length; i++) {
                    if (modes[i] == Broadcast.COLUMN && kernel.reads(i)) {
                        s[i][0] = inputs[i].get(r);
                    }
                }
                for (int c = 0; c < columns; c += CHUNK) {
                    int len = Math.min(CHUNK, columns - c);
                    int start = r * columns + c;
                    for (int i = 0; i < modes.length; i++) {
                        if (kernel.reads(i)) {
                            if (modes[i] == Broadcast.FULL) {
                                inputs[i].get(start, s[i], 0, len);
                            } else if (modes[i] == Broadcast.AXIS) {
                                gather(inputs[i], s[i], start, len, strides[i], counts[i]);
                            } else if (modes[i] == Broadcast.ROW) {
                                inputs[i].get(c, s[i], 0, len);
                            }
                        }
                    }
                    kernel.apply(o, s, 1, len); // one row: a column input is read at index 0
                    out.put(start, o, 0, len);
                }
            }
        }
    }

    /** The FLOAT64 form of {@link #run(FloatKernel, Broadcast[], FloatBuffer, FloatBuffer[], int, int, int, int)}. */
    public void run(
            DoubleKernel kernel,
            Broadcast[] modes,
            DoubleBuffer out,
            DoubleBuffer[] inputs,
            int rows,
            int columns,
            int rowFrom,
            int rowTo) {
        run(kernel, modes, out, inputs, rows, columns, rowFrom, rowTo, null, null);
    }

    /** The FLOAT64 form of {@link #run(FloatKernel, Broadcast[], FloatBuffer, FloatBuffer[], int, int, int, int, int[], int[])}. */
    public void run(
            DoubleKernel kernel,
            Broadcast[] modes,
            DoubleBuffer out,
            DoubleBuffer[] inputs,
            int rows,
            int columns,
            int rowFrom,
            int rowTo,
            int[] strides,
            int[] counts) {
        checkRange(rows, rowFrom, rowTo);
        double[][] s = doubleScratch(modes.length);
        double[] o = doubleOut;
        boolean nested = false;
        for (int i = 0; i < modes.length; i++) {
            if (kernel.reads(i)) {
                if (modes[i] == Broadcast.SCALAR) {
                    s[i][0] = inputs[i].get(0);
                } else if (modes[i] == Broadcast.ROW || modes[i] == Broadcast.COLUMN) {
                    nested = true;
                }
            }
        }
        if (!nested) {
            int end = rowTo * columns;
            for (int start = rowFrom * columns; start < end; start += CHUNK) {
                int len = Math.min(CHUNK, end - start);
                for (int i = 0; i < modes.length; i++) {
                    if (modes[i] == Broadcast.FULL && kernel.reads(i)) {
                        inputs[i].get(start, s[i], 0, len);
                    } else if (modes[i] == Broadcast.AXIS && kernel.reads(i)) {
                        gather(inputs[i], s[i], start, len, strides[i], counts[i]);
                    }
                }
                kernel.apply(o, s, 1, len);
                out.put(start, o, 0, len);
            }
        } else if (columns <= CHUNK) {
            int block = CHUNK / columns;
            for (int i = 0; i < modes.length; i++) {
                if (modes[i] == Broadcast.ROW && kernel.reads(i)) {
                    inputs[i].get(0, s[i], 0, columns);
                }
            }
            for (int r = rowFrom; r < rowTo; r += block) {
                int count = Math.min(block, rowTo - r);
                int start = r * columns;
                int len = count * columns;
                for (int i = 0; i < modes.length; i++) {
                    if (kernel.reads(i)) {
                        if (modes[i] == Broadcast.FULL) {
                            inputs[i].get(start, s[i], 0, len);
                        } else if (modes[i] == Broadcast.AXIS) {
                            gather(inputs[i], s[i], start, len, strides[i], counts[i]);
                        } else if (modes[i] == Broadcast.COLUMN) {
                            inputs[i].get(r, s[i], 0, count);
                        }
                    }
                }
                kernel.apply(o, s, count, columns);
                out.put(start, o, 0, len);
            }
        } else {
            for (int r = rowFrom; r < rowTo; r++) {
                for (int i = 0; i < modes.length; i++) {
                    if (modes[i] == Broadcast.COLUMN && kernel.reads(i)) {
                        s[i][0] = inputs[i].get(r);
                    }
                }
                for (int c = 0; c < columns; c += CHUNK) {
                    int len = Math.min(CHUNK, columns - c);
                    int start = r * columns + c;
                    for (int i = 0; i < modes.length; i++) {
                        if (kernel.reads(i)) {
                            if (modes[i] == Broadcast.FULL) {
                                inputs[i].get(start, s[i], 0, len);
                            } else if (modes[i] == Broadcast.AXIS) {
                                gather(inputs[i], s[i], start, len, strides[i], counts[i]);
                            } else if (modes[i] == Broadcast.ROW) {
                                inputs[i].get(c, s[i], 0, len);
                            }
                        }
                    }
                    kernel.apply(o, s, 1, len);
                    out.put(start, o, 0, len);
                }
            }
        }
    }

    /** Stages elements {@code [start, start + len)} of an {@link Broadcast#AXIS} input's broadcast into {@code dst}. */
    static void gather(FloatBuffer in, float[] dst, int start, int len, int stride, int count) {
        int a = (start / stride) % count;
        if (stride == 1) {
            for (int j = 0; j < len; a = 0) {
                int run = Math.min(count - a, len - j);
                in.get(a, dst, j, run);
                j += run;
            }
            return;
        }
        int left = stride - start % stride;
        for (int j = 0; j < len; left = stride) {
            int run = Math.min(left, len - j);
            Arrays.fill(dst, j, j + run, in.get(a));
            j += run;
            a = a + 1 == count ? 0 : a + 1;
        }
    }

    /** The FLOAT64 form of {@link #gather(FloatBuffer, float[], int, int, int, int)}. */
    static void gather(DoubleBuffer in, double[] dst, int start, int len, int stride, int count) {
        int a = (start / stride) % count;
        if (stride == 1) {
            for (int j = 0; j < len; a = 0) {
                int run = Math.min(count - a, len - j);
                in.get(a, dst, j, run);
                j += run;
            }
            return;
        }
        int left = stride - start % stride;
        for (int j = 0; j < len; left = stride) {
            int run = Math.min(left, len - j);
            Arrays.fill(dst, j, j + run, in.get(a));
            j += run;
            a = a + 1 == count ? 0 : a + 1;
        }
    }

    private static void checkRange(int rows, int rowFrom, int rowTo) {
        if (rowFrom < 0 || rowTo > rows || rowFrom > rowTo) {
            throw new IllegalArgumentException(
                    "Rows [" + rowFrom + ", " + rowTo + ") are not within [0, " + rows + ")");
        }
    }

    private float[][] floatScratch(int inputs) {
        if (floats.length < inputs) {
            int old = floats.length;
            floats = Arrays.copyOf(floats, inputs);
            for (int i = old; i < inputs; i++) {
                floats[i] = new float[CHUNK];
            }
        }
        return floats;
    }

    private double[][] doubleScratch(int inputs) {
        if (doubleOut == null) {
            doubleOut = new double[CHUNK];
        }
        if (doubles.length < inputs) {
            int old = doubles.length;
            doubles = Arrays.copyOf(doubles, inputs);
            for (int i = old; i < inputs; i++) {
                doubles[i] = new double[CHUNK];
            }
        }
        return doubles;
    }
}
