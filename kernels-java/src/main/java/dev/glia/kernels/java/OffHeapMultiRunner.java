package dev.glia.kernels.java;

import dev.glia.api.spi.Broadcast;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Applies kernels with several outputs ({@link MultiFloatKernel}, {@link MultiDoubleKernel}) to tensors in
 * direct (off-heap) NIO buffers, staged through L1-sized heap arrays as {@link OffHeapRunner} does for one
 * output: each block's input chunks are copied in, the kernel runs, and each output chunk is copied back.
 * Every input chunk of a block is copied before any output of the block is written, so any output may be
 * one of the full inputs.
 *
 * <p>A block is a run of at most {@link OffHeapRunner#CHUNK} elements: a flat range when no input
 * broadcasts as a row or a column; otherwise whole rows when they are short, or a part of one long row.
 * Buffers are indexed absolutely from 0 and bounds-checked. Not thread-safe: use one per thread.
 */
public final class OffHeapMultiRunner {
    private static final int CHUNK = OffHeapRunner.CHUNK;

    private float[][] floatIn = new float[0][];
    private float[][] floatOut = new float[0][];
    private double[][] doubleIn = new double[0][];
    private double[][] doubleOut = new double[0][];

    /** A runner with empty scratch; arrays are allocated on first use and kept. */
    public OffHeapMultiRunner() {}

    /**
     * Runs {@code kernel} over rows {@code [rowFrom, rowTo)} of the {@code rows} × {@code columns} matrices
     * {@code outs[0 … outCount)}; input {@code i} is {@code inputs[i]}, broadcast as {@code modes[i]}, for
     * {@code i < modes.length}. Longer arrays (reused ones) have their extra entries ignored.
     */
    public void run(
            MultiFloatKernel kernel,
            Broadcast[] modes,
            FloatBuffer[] outs,
            int outCount,
            FloatBuffer[] inputs,
            int rows,
            int columns,
            int rowFrom,
            int rowTo) {
        run(kernel, modes, outs, outCount, inputs, rows, columns, rowFrom, rowTo, null, null);
    }

    /**
     * As the call without strides and counts, where an input {@code i} of mode {@link Broadcast#AXIS} holds
     * {@code counts[i]} elements and output element {@code k} reads its element {@code (k / strides[i]) % counts[i]}
     * ({@link Broadcast#axisIndex}). Such an input is gathered into its staging chunk as a full one, so
     * {@code kernel} must be the kernel generated with {@link Broadcast#FULL} in its place.
     */
    public void run(
            MultiFloatKernel kernel,
            Broadcast[] modes,
            FloatBuffer[] outs,
            int outCount,
            FloatBuffer[] inputs,
            int rows,
            int columns,
            int rowFrom,
            int rowTo,
            int[] strides,
            int[] counts) {
        checkRange(rows, rowFrom, rowTo);
        floatIn = grow(floatIn, modes.length);
        floatOut = grow(floatOut, outCount);
        float[][] s = floatIn;
        float[][] o = floatOut;
        boolean nested = false;
        for (int i = 0; i < modes.length; i++) {
            if (kernel.reads(i)) {
                if (modes[i] == Broadcast.SCALAR) {
                    s[i][0] = inputs[i].get(0);
                }
                nested |= modes[i] == Broadcast.ROW || modes[i] == Broadcast.COLUMN;
            }
        }
        int blockRows = nested ? Math.max(1, CHUNK / columns) : 1;
        int blockColumns = nested ? Math.min(columns, CHUNK) : CHUNK;
        int rowLength = nested ? columns : (rowTo - rowFrom) * columns; // flat: one long "row" of every element
        int firstRow = nested ? rowFrom : 0;
        int lastRow = nested ? rowTo : 1;
        int base = nested ? 0 : rowFrom * columns;
        for (int r = firstRow; r < lastRow; r += blockRows) {
            int count = Math.min(blockRows, lastRow - r);
            for (int c = 0; c < rowLength; c += blockColumns) {
                int width = Math.min(blockColumns, rowLength - c);
                int start = base + r * columns + c;
                int len = count * width; // several rows only when a row fits in a block (width == columns)
                for (int i = 0; i < modes.length; i++) {
                    if (kernel.reads(i)) {
                        switch (modes[i]) {
                            case FULL -> inputs[i].get(start, s[i], 0, len);
                            case ROW -> inputs[i].get(c, s[i], 0, width);
                            case COLUMN -> inputs[i].get(r, s[i], 0, count);
                            case AXIS -> OffHeapRunner.gather(inputs[i], s[i], start, len, strides[i], counts[i]);
                            case SCALAR -> {}
                        }
                    }
                }
                kernel.apply(o, s, count, width);
                for (int j = 0; j < outCount; j++) {
                    outs[j].put(start, o[j], 0, len);
                }
            }
        }
    }

    /** The FLOAT64 form of {@link #run(MultiFloatKernel, Broadcast[], FloatBuffer[], int, FloatBuffer[], int, int, int, int)}. */
    public void run(
            MultiDoubleKernel kernel,
            Broadcast[] modes,
            DoubleBuffer[] outs,
            int outCount,
            DoubleBuffer[] inputs,
            int rows,
            int columns,
            int rowFrom,
            int rowTo) {
        run(kernel, modes, outs, outCount, inputs, rows, columns, rowFrom, rowTo, null, null);
    }

    /**
     * As the call without strides and counts, where an input {@code i} of mode {@link Broadcast#AXIS} holds
     * {@code counts[i]} elements and output element {@code k} reads its element {@code (k / strides[i]) % counts[i]}
     * ({@link Broadcast#axisIndex}). Such an input is gathered into its staging chunk as a full one, so
     * {@code kernel} must be the kernel generated with {@link Broadcast#FULL} in its place.
     */
    public void run(
            MultiDoubleKernel kernel,
            Broadcast[] modes,
            DoubleBuffer[] outs,
            int outCount,
            DoubleBuffer[] inputs,
            int rows,
            int columns,
            int rowFrom,
            int rowTo,
            int[] strides,
            int[] counts) {
        checkRange(rows, rowFrom, rowTo);
        doubleIn = grow(doubleIn, modes.length);
        doubleOut = grow(doubleOut, outCount);
        double[][] s = doubleIn;
        double[][] o = doubleOut;
        boolean nested = false;
        for (int i = 0; i < modes.length; i++) {
            if (kernel.reads(i)) {
                if (modes[i] == Broadcast.SCALAR) {
                    s[i][0] = inputs[i].get(0);
                }
                nested |= modes[i] == Broadcast.ROW || modes[i] == Broadcast.COLUMN;
            }
        }
        int blockRows = nested ? Math.max(1, CHUNK / columns) : 1;
        int blockColumns = nested ? Math.min(columns, CHUNK) : CHUNK;
        int rowLength = nested ? columns : (rowTo - rowFrom) * columns;
        int firstRow = nested ? rowFrom : 0;
        int lastRow = nested ? rowTo : 1;
        int base = nested ? 0 : rowFrom * columns;
        for (int r = firstRow; r < lastRow; r += blockRows) {
            int count = Math.min(blockRows, lastRow - r);
            for (int c = 0; c < rowLength; c += blockColumns) {
                int width = Math.min(blockColumns, rowLength - c);
                int start = base + r * columns + c;
                int len = count * width;
                for (int i = 0; i < modes.length; i++) {
                    if (kernel.reads(i)) {
                        switch (modes[i]) {
                            case FULL -> inputs[i].get(start, s[i], 0, len);
                            case ROW -> inputs[i].get(c, s[i], 0, width);
                            case COLUMN -> inputs[i].get(r, s[i], 0, count);
                            case AXIS -> OffHeapRunner.gather(inputs[i], s[i], start, len, strides[i], counts[i]);
                            case SCALAR -> {}
                        }
                    }
                }
                kernel.apply(o, s, count, width);
                for (int j = 0; j < outCount; j++) {
                    outs[j].put(start, o[j], 0, len);
                }
            }
        }
    }

    private static void checkRange(int rows, int rowFrom, int rowTo) {
        if (rowFrom < 0 || rowTo > rows || rowFrom > rowTo) {
            throw new IllegalArgumentException(
                    "Rows [" + rowFrom + ", " + rowTo + ") are not within [0, " + rows + ")");
        }
    }

    /** {@code arrays}, or a copy with new {@code CHUNK}-long arrays up to {@code count}. */
    static float[][] grow(float[][] arrays, int count) {
        return grow(arrays, count, CHUNK);
    }

    /** {@code arrays}, or a copy with new {@code length}-long arrays up to {@code count}. */
    static float[][] grow(float[][] arrays, int count, int length) {
        if (arrays.length >= count) {
            return arrays;
        }
        float[][] grown = Arrays.copyOf(arrays, count);
        for (int i = arrays.length; i < count; i++) {
            grown[i] = new float[length];
        }
        return grown;
    }

    /** The FLOAT64 form of {@link #grow(float[][], int)}. */
    static double[][] grow(double[][] arrays, int count) {
        if (arrays.length >= count) {
            return arrays;
        }
        double[][] grown = Arrays.copyOf(arrays, count);
        for (int i = arrays.length; i < count; i++) {
            grown[i] = new double[CHUNK];
        }
        return grown;
    }
}
