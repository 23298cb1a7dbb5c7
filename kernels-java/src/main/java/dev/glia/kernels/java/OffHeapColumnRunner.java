package dev.glia.kernels.java;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Applies kernels with several outputs ({@link MultiFloatKernel}, {@link MultiDoubleKernel}) to column blocks of
 * tensors in NIO buffers (direct, or wrapping heap arrays), in place: the operands of {@code
 * Backend.elementwiseColumns}. Operand {@code k}'s row {@code r} is the run of {@code width} elements from {@code
 * offsets[k] + r · strides[k]}; a stride of 0 repeats one row down the block (an input broadcast as a row). The runs of
 * a group of rows are staged into L1-sized heap arrays as {@link OffHeapMultiRunner} stages whole tensors, so the
 * kernel is the one generated with every input full and flat. Every input run of a group is copied before any output of
 * the group is written, so an output block may be an input block (the same elements).
 *
 * <p>Buffers are indexed absolutely from 0 and bounds-checked. Not thread-safe: use one per thread.
 */
public final class OffHeapColumnRunner {
    private static final int CHUNK = OffHeapRunner.CHUNK;

    private float[][] floatIn = new float[0][];
    private float[][] floatOut = new float[0][];
    private double[][] doubleIn = new double[0][];
    private double[][] doubleOut = new double[0][];

    /** A runner with empty scratch; arrays are allocated on first use and kept. */
    public OffHeapColumnRunner() {}

    /**
     * Runs {@code kernel} over rows {@code [rowFrom, rowTo)} of blocks {@code width} wide: output {@code j <
     * outCount} is {@code outs[j]} at {@code outOffsets[j]}, {@code outStrides[j]}; input {@code i < inCount} is
     * {@code inputs[i]} at {@code inOffsets[i]}, {@code inStrides[i]}. Longer arrays have their extra entries
     * ignored.
     */
    public void run(
            MultiFloatKernel kernel,
            FloatBuffer[] outs,
            int[] outOffsets,
            int[] outStrides,
            int outCount,
            FloatBuffer[] inputs,
            int[] inOffsets,
            int[] inStrides,
            int inCount,
            int width,
            int rowFrom,
            int rowTo) {
        floatIn = OffHeapMultiRunner.grow(floatIn, inCount);
        floatOut = OffHeapMultiRunner.grow(floatOut, outCount);
        int blockRows = Math.max(1, CHUNK / width);
        int blockColumns = Math.min(width, CHUNK);
        for (int r = rowFrom; r < rowTo; r += blockRows) {
            int count = Math.min(blockRows, rowTo - r);
            for (int c = 0; c < width; c += blockColumns) {
                int w = Math.min(blockColumns, width - c); // several rows only when a row fits (w == width)
                for (int i = 0; i < inCount; i++) {
                    if (kernel.reads(i)) {
                        if (inStrides[i] == w) { // whole rows of a tensor as wide as the block: one run
                            inputs[i].get(inOffsets[i] + r * w + c, floatIn[i], 0, count * w);
                        } else {
                            for (int q = 0; q < count; q++) {
                                inputs[i].get(inOffsets[i] + (r + q) * inStrides[i] + c, floatIn[i], q * w, w);
                            }
                        }
                    }
                }
                kernel.apply(floatOut, floatIn, 1, count * w);
                for (int j = 0; j < outCount; j++) {
                    if (outStrides[j] == w) {
                        outs[j].put(outOffsets[j] + r * w + c, floatOut[j], 0, count * w);
                    } else {
                        for (int q = 0; q < count; q++) {
                            outs[j].put(outOffsets[j] + (r + q) * outStrides[j] + c, floatOut[j], q * w, w);
                        }
                    }
                }
            }
        }
    }

    /** Runs {@code kernel} over rows {@code [rowFrom, rowTo)} of the blocks in {@code outs} and {@code inputs}, FLOAT32. */
    public void runFloat(
            MultiFloatKernel kernel, ColumnOperands outs, ColumnOperands inputs, int width, int rowFrom, int rowTo) {
        run(
                kernel,
                outs.floats(),
                outs.offsets(),
                outs.strides(),
                outs.count(),
                inputs.floats(),
                inputs.offsets(),
                inputs.strides(),
                inputs.count(),
                width,
                rowFrom,
                rowTo);
    }

    /** Runs {@code kernel} over rows {@code [rowFrom, rowTo)} of the blocks in {@code outs} and {@code inputs}, FLOAT64. */
    public void runDouble(
            MultiDoubleKernel kernel, ColumnOperands outs, ColumnOperands inputs, int width, int rowFrom, int rowTo) {
        run(
                kernel,
                outs.doubles(),
                outs.offsets(),
                outs.strides(),
                outs.count(),
                inputs.doubles(),
                inputs.offsets(),
                inputs.strides(),
                inputs.count(),
                width,
                rowFrom,
                rowTo);
    }

    /** The FLOAT64 form of {@link #run(MultiFloatKernel, FloatBuffer[], int[], int[], int, FloatBuffer[], int[], int[], int, int, int, int)}. */
    public void run(
            MultiDoubleKernel kernel,
            DoubleBuffer[] outs,
            int[] outOffsets,
            int[] outStrides,
            int outCount,
            DoubleBuffer[] inputs,
            int[] inOffsets,
            int[] inStrides,
            int inCount,
            int width,
            int rowFrom,
            int rowTo) {
        doubleIn = OffHeapMultiRunner.grow(doubleIn, inCount);
        doubleOut = OffHeapMultiRunner.grow(doubleOut, outCount);
        int blockRows = Math.max(1, CHUNK / width);
        int blockColumns = Math.min(width, CHUNK);
        for (int r = rowFrom; r < rowTo; r += blockRows) {
            int count = Math.min(blockRows, rowTo - r);
            for (int c = 0; c < width; c += blockColumns) {
                int w = Math.min(blockColumns, width - c);
                for (int i = 0; i < inCount; i++) {
                    if (kernel.reads(i)) {
                        if (inStrides[i] == w) { // whole rows of a tensor as wide as the block: one run
                            inputs[i].get(inOffsets[i] + r * w + c, doubleIn[i], 0, count * w);
                        } else {
                            for (int q = 0; q < count; q++) {
                                inputs[i].get(inOffsets[i] + (r + q) * inStrides[i] + c, doubleIn[i], q * w, w);
                            }
                        }
                    }
                }
                kernel.apply(doubleOut, doubleIn, 1, count * w);
                for (int j = 0; j < outCount; j++) {
                    if (outStrides[j] == w) {
                        outs[j].put(outOffsets[j] + r * w + c, doubleOut[j], 0, count * w);
                    } else {
                        for (int q = 0; q < count; q++) {
                            outs[j].put(outOffsets[j] + (r + q) * outStrides[j] + c, doubleOut[j], q * w, w);
                        }
                    }
                }
            }
        }
    }
}
