package dev.glia.backend.nd4j.internal;

import dev.glia.api.spi.Broadcast;
import dev.glia.kernels.java.DoubleKernel;
import dev.glia.kernels.java.FloatKernel;
import dev.glia.kernels.java.MultiDoubleKernel;
import dev.glia.kernels.java.MultiFloatKernel;
import dev.glia.kernels.java.OffHeapMultiRunner;
import dev.glia.kernels.java.OffHeapRunner;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Runs a compiled element-wise kernel over native buffers ({@link OffHeapRunner}: one fused pass, staged
 * through L1-sized heap chunks). A call with at least {@link #SPLIT_ELEMENTS} elements times outputs — an
 * optimiser step over a large weight matrix, where two cores also bring twice the cache bandwidth, or an LSTM
 * cell with its exponentials — may have its rows split over the {@link Workers}; a {@link SplitChooser} measures both ways per kernel and
 * shape and keeps the faster. Each thread has its own runner; the kernels themselves are stateless.
 *
 * <p>Unlike a product's cut ({@link Gemm}), this timing-based choice cannot change a result: every output
 * element is computed from its own inputs by the same Java expression, whose rounding Java fixes, on
 * whichever thread and in whichever row range it falls (OffHeapRunnerTest checks a run in two row ranges
 * bit for bit against the whole), so the choice changes only the time taken.
 */
final class Elementwise implements Workers.Job {
    /** Elements from which a kernel's rows are split over the threads. */
    static final int SPLIT_ELEMENTS = 1 << 16;

    private final Workers workers;
    private final OffHeapRunner[] runners;
    private final SplitChooser chooser = new SplitChooser();
    // The call being split: set by run, read by the parts.
    private FloatKernel floatKernel;
    private DoubleKernel doubleKernel;
    private Broadcast[] modes;
    private int[] strides;
    private int[] counts;
    private FloatBuffer floatOut;
    private FloatBuffer[] floatIn;
    private DoubleBuffer doubleOut;
    private DoubleBuffer[] doubleIn;
    private int rows;
    private int columns;
    private int parts;
    // ----- several outputs: the call being split, as above
    private final OffHeapMultiRunner[] multiRunners;
    private MultiFloatKernel multiFloatKernel;
    private MultiDoubleKernel multiDoubleKernel;
    private FloatBuffer[] floatOuts;
    private DoubleBuffer[] doubleOuts;
    private int outCount;

    Elementwise(Workers workers) {
        this.workers = workers;
        this.runners = new OffHeapRunner[workers.threads()];
        for (int i = 0; i < runners.length; i++) {
            runners[i] = new OffHeapRunner();
        }
        this.multiRunners = new OffHeapMultiRunner[workers.threads()];
        for (int i = 0; i < multiRunners.length; i++) {
            multiRunners[i] = new OffHeapMultiRunner();
        }
    }

    /**
     * FLOAT32: {@code kernel} over {@code out} (rows × columns) and {@code inputs} broadcast as {@code modes}; an
     * {@link Broadcast#AXIS} input {@code i} has {@code strides[i]} and {@code counts[i]} and is read by
     * {@code kernel} as a full one ({@link OffHeapRunner} gathers it). Without such inputs the arrays may be null.
     */
    void run(
            FloatKernel kernel,
            Broadcast[] modes,
            FloatBuffer out,
            FloatBuffer[] inputs,
            int rows,
            int columns,
            int[] strides,
            int[] counts) {
        int p = parts(workers, rows, columns, 1);
        int slot = p < 2 ? -1 : chooser.slot(key(kernel, rows, columns));
        boolean split = chooser.shouldSplit(slot);
        long start = System.nanoTime();
        if (split) {
            floatKernel = kernel;
            floatOut = out;
            floatIn = inputs;
            split(modes, strides, counts, rows, columns, p);
        } else {
            runners[0].run(kernel, modes, out, inputs, rows, columns, 0, rows, strides, counts);
        }
        chooser.record(slot, split, System.nanoTime() - start);
    }

    /** FLOAT64: as {@link #run(FloatKernel, Broadcast[], FloatBuffer, FloatBuffer[], int, int, int[], int[])}. */
    void run(
            DoubleKernel kernel,
            Broadcast[] modes,
            DoubleBuffer out,
            DoubleBuffer[] inputs,
            int rows,
            int columns,
            int[] strides,
            int[] counts) {
        int p = parts(workers, rows, columns, 1);
        int slot = p < 2 ? -1 : chooser.slot(key(kernel, rows, columns));
        boolean split = chooser.shouldSplit(slot);
        long start = System.nanoTime();
        if (split) {
            doubleKernel = kernel;
            doubleOut = out;
            doubleIn = inputs;
            split(modes, strides, counts, rows, columns, p);
        } else {
            runners[0].run(kernel, modes, out, inputs, rows, columns, 0, rows, strides, counts);
        }
        chooser.record(slot, split, System.nanoTime() - start);
    }

    /** The chooser's key of a call: the kernel (by identity) and the output's sides. */
    static long key(Object kernel, int rows, int columns) {
        return ((long) System.identityHashCode(kernel) << 40) ^ ((long) rows << 20) ^ columns;
    }

    /**
     * 1 when the call is too small to split, else the threads. A kernel's work grows with its outputs as well as its
     * elements (each output is a loop of its own), so {@code outputs × elements} is what must reach
     * {@link #SPLIT_ELEMENTS}: an LSTM cell's seven outputs over a 64×256 batch (about 0.5 ms on one core) split,
     * an element-wise add of the same size (a few microseconds) does not. Column blocks ({@link ColumnElementwise})
     * split by the same rule.
     */
    static int parts(Workers workers, int rows, int columns, int outputs) {
        long work = (long) rows * columns * outputs;
        return work < SPLIT_ELEMENTS ? 1 : Math.min(workers.threads(), rows);
    }

    private void split(Broadcast[] m, int[] s, int[] n, int r, int c, int p) {
        this.modes = m;
        this.strides = s;
        this.counts = n;
        this.rows = r;
        this.columns = c;
        this.parts = p;
        try {
            workers.run(this, p);
        } finally {
            floatKernel = null;
            doubleKernel = null;
            multiFloatKernel = null;
            multiDoubleKernel = null;
            floatOuts = null;
            doubleOuts = null;
            floatOut = null;
            floatIn = null;
            doubleOut = null;
            doubleIn = null;
            modes = null;
            strides = null;
            counts = null;
        }
    }

    /** Rows {@code [rows·part/parts, rows·(part+1)/parts)} on {@code worker}'s runner. */
    @Override
    public void run(int part, int worker) {
        int from = (int) ((long) rows * part / parts);
        int to = (int) ((long) rows * (part + 1) / parts);
        if (multiFloatKernel != null) {
            multiRunners[worker].run(
                    multiFloatKernel, modes, floatOuts, outCount, floatIn, rows, columns, from, to, strides, counts);
        } else if (multiDoubleKernel != null) {
            multiRunners[worker].run(
                    multiDoubleKernel, modes, doubleOuts, outCount, doubleIn, rows, columns, from, to, strides, counts);
        } else if (floatKernel != null) {
            runners[worker].run(floatKernel, modes, floatOut, floatIn, rows, columns, from, to, strides, counts);
        } else {
            runners[worker].run(doubleKernel, modes, doubleOut, doubleIn, rows, columns, from, to, strides, counts);
        }
    }

    // ----- several outputs

    /**
     * FLOAT32, several outputs: {@code kernel} writing {@code outs[0 … outCount)} (rows × columns each) from
     * {@code inputs} broadcast as {@code modes}, {@link Broadcast#AXIS} ones gathered with {@code strides} and
     * {@code counts} as for one output (null without such inputs); split over the threads like a kernel with
     * one output.
     */
    void run(
            MultiFloatKernel kernel,
            Broadcast[] modes,
            FloatBuffer[] outs,
            int outCount,
            FloatBuffer[] inputs,
            int rows,
            int columns,
            int[] strides,
            int[] counts) {
        int p = parts(workers, rows, columns, outCount);
        int slot = p < 2 ? -1 : chooser.slot(key(kernel, rows, columns));
        boolean split = chooser.shouldSplit(slot);
        long start = System.nanoTime();
        if (split) {
            multiFloatKernel = kernel;
            floatOuts = outs;
            floatIn = inputs;
            this.outCount = outCount;
            split(modes, strides, counts, rows, columns, p);
        } else {
            multiRunners[0].run(kernel, modes, outs, outCount, inputs, rows, columns, 0, rows, strides, counts);
        }
        chooser.record(slot, split, System.nanoTime() - start);
    }

    /** FLOAT64, several outputs: as {@link #run(MultiFloatKernel, Broadcast[], FloatBuffer[], int, FloatBuffer[], int, int, int[], int[])}. */
    void run(
            MultiDoubleKernel kernel,
            Broadcast[] modes,
            DoubleBuffer[] outs,
            int outCount,
            DoubleBuffer[] inputs,
            int rows,
            int columns,
            int[] strides,
            int[] counts) {
        int p = parts(workers, rows, columns, outCount);
        int slot = p < 2 ? -1 : chooser.slot(key(kernel, rows, columns));
        boolean split = chooser.shouldSplit(slot);
        long start = System.nanoTime();
        if (split) {
            multiDoubleKernel = kernel;
            doubleOuts = outs;
            doubleIn = inputs;
            this.outCount = outCount;
            split(modes, strides, counts, rows, columns, p);
        } else {
            multiRunners[0].run(kernel, modes, outs, outCount, inputs, rows, columns, 0, rows, strides, counts);
        }
        chooser.record(slot, split, System.nanoTime() - start);
    }
}
