package dev.glia.kernels.java;

import dev.glia.api.Shape;
import dev.glia.api.Window2D;
import java.nio.Buffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/**
 * The convolution-window operations and {@code permute} ({@link dev.glia.api.Backend#im2col} and the rest) on
 * NIO buffers, for the CPU backends: FLOAT32 tensors as {@link FloatBuffer}s, FLOAT64 as {@link DoubleBuffer}s,
 * argmax as an {@link IntBuffer}, each indexed from 0; array-backed buffers ({@code FloatBuffer.wrap}) are
 * worked on in place, direct ones staged a plane at a time. The arguments are checked by the caller
 * ({@code AbstractBackend}).
 *
 * <p>A call is set up on the calling thread (e.g. {@link #im2col}), which returns its number of units (planes
 * {@code (n, c)}, or a permutation's outer units), then run in parts: {@link #run(int, int, int)} part
 * {@code k} of {@code parts} takes units {@code [units·k/parts, units·(k+1)/parts)} and writes only their
 * output, so the parts may run at once on different threads, each with its own worker number. The result does
 * not depend on how the call is cut: each output element is computed by one part, in one order (sums in
 * the definition's order, gradients scattered in row-major order of the output). {@link #finish} drops the
 * buffers. Nothing is allocated once the scratch arrays have grown.
 */
public final class WindowKernels {
    private enum Op {
        IM2COL,
        COL2IM,
        MAX_POOL,
        MAX_POOL_BACKWARD,
        AVG_POOL,
        AVG_POOL_BACKWARD,
        PERMUTE
    }

    private final WindowGeometry geometry = new WindowGeometry();
    private final Permutation permutation = new Permutation();
    private final Scratch[] scratch;
    private Op op;
    private Buffer first;
    private Buffer second;
    private IntBuffer indices;
    private int units;
    private long elements;

    /** Kernels for calls run in parts on up to {@code workers} threads (worker numbers {@code 0 … workers-1}). */
    public WindowKernels(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        scratch = new Scratch[workers];
        for (int i = 0; i < workers; i++) {
            scratch[i] = new Scratch();
        }
    }

    /** Sets up {@code im2col(images, window, columns)}, images of {@code shape}; returns the units. */
    public int im2col(Buffer images, Shape shape, Window2D window, Buffer columns) {
        return windows(Op.IM2COL, images, shape, window, columns, null, (long) shape.dim(1) * window.taps());
    }

    /** Sets up {@code col2im(columns, window, images)}, images of {@code shape}; returns the units. */
    public int col2im(Buffer columns, Window2D window, Buffer images, Shape shape) {
        return windows(Op.COL2IM, columns, shape, window, images, null, (long) shape.dim(1) * window.taps());
    }

    /** Sets up {@code maxPool2d(input, window, output, argmax)}, the input of {@code shape}; returns the units. */
    public int maxPool(Buffer input, Shape shape, Window2D window, Buffer output, IntBuffer argmax) {
        return windows(Op.MAX_POOL, input, shape, window, output, argmax, 2);
    }

    /** Sets up {@code maxPool2dBackward(gradOutput, argmax, window, gradInput)}, gradInput of {@code shape}. */
    public int maxPoolBackward(Buffer gradOutput, IntBuffer argmax, Window2D window, Buffer gradInput, Shape shape) {
        return windows(Op.MAX_POOL_BACKWARD, gradOutput, shape, window, gradInput, argmax, 2);
    }

    /** Sets up {@code avgPool2d(input, window, output)}, the input of {@code shape}; returns the units. */
    public int avgPool(Buffer input, Shape shape, Window2D window, Buffer output) {
        return windows(Op.AVG_POOL, input, shape, window, output, null, 1);
    }

    /** Sets up {@code avgPool2dBackward(gradOutput, window, gradInput)}, gradInput of {@code shape}. */
    public int avgPoolBackward(Buffer gradOutput, Window2D window, Buffer gradInput, Shape shape) {
        return windows(Op.AVG_POOL_BACKWARD, gradInput, shape, window, gradOutput, null, 1);
    }

    /** Sets up {@code permute(input, axes, output)}, the input of {@code shape}; returns the units. */
    public int permute(Buffer input, Shape shape, int[] axes, Buffer output) {
        set(Op.PERMUTE, input, output, null);
        units = permutation.plan(shape, axes);
        elements = shape.size();
        return units;
    }

    /**
     * The elements the call set up reads or writes, about: a caller splits a call over threads only when this is
     * large enough to pay for the hand-over.
     */
    public long elements() {
        return elements;
    }

    /** Runs part {@code part} of {@code parts} of the call set up, on worker {@code worker}'s scratch. */
    public void run(int part, int parts, int worker) {
        runUnits((int) ((long) units * part / parts), (int) ((long) units * (part + 1) / parts), worker);
    }

    /**
     * Runs the units of one sample of the window call set up (an im2col or a col2im: the planes {@code (sample, c)}
     * for every channel {@code c}), on worker {@code worker}'s scratch: what a backend that works sample by sample
     * calls, each sample on one thread.
     */
    public void runSample(int sample, int worker) {
        if (op != Op.IM2COL && op != Op.COL2IM) {
            throw new IllegalStateException("runSample runs an im2col or a col2im, not a " + op);
        }
        for (int c = 0; c < geometry.channels; c++) {
            int u = c * geometry.n + sample;
            runUnits(u, u + 1, worker);
        }
    }

    private void runUnits(int from, int to, int worker) {
        if (from >= to) {
            return;
        }
        Scratch s = scratch[worker];
        WindowGeometry g = geometry;
        if (op == Op.PERMUTE) {
            permutation.run(first, second, from, to);
        } else if (first instanceof FloatBuffer a) {
            FloatBuffer b = (FloatBuffer) second;
            switch (op) {
                case IM2COL -> FloatWindows.im2col(g, a, b, from, to, s);
                case COL2IM -> FloatWindows.col2im(g, a, b, from, to, s);
                case MAX_POOL -> FloatWindows.maxPool(g, a, b, indices, from, to, s);
                case MAX_POOL_BACKWARD -> FloatWindows.maxPoolBackward(g, a, indices, b, from, to, s);
                case AVG_POOL -> FloatWindows.avgPool(g, a, b, false, from, to, s);
                default -> FloatWindows.avgPool(g, a, b, true, from, to, s);
            }
        } else {
            DoubleBuffer a = (DoubleBuffer) first;
            DoubleBuffer b = (DoubleBuffer) second;
            switch (op) {
                case IM2COL -> DoubleWindows.im2col(g, a, b, from, to, s);
                case COL2IM -> DoubleWindows.col2im(g, a, b, from, to, s);
                case MAX_POOL -> DoubleWindows.maxPool(g, a, b, indices, from, to, s);
                case MAX_POOL_BACKWARD -> DoubleWindows.maxPoolBackward(g, a, indices, b, from, to, s);
                case AVG_POOL -> DoubleWindows.avgPool(g, a, b, false, from, to, s);
                default -> DoubleWindows.avgPool(g, a, b, true, from, to, s);
            }
        }
    }

    /** Runs the whole call set up on the calling thread (worker 0), then {@link #finish}es it. */
    public void runAll() {
        try {
            run(0, 1, 0);
        } finally {
            finish();
        }
    }

    /** Drops the buffers of the call, so that no closed tensor's memory is held. */
    public void finish() {
        first = null;
        second = null;
        indices = null;
    }

    /**
     * Sets up a window call: {@code first} and {@code second} as the op's kernels take them, images of
     * {@code shape}; {@code perPlane} scales the elements touched per image element.
     */
    private int windows(Op o, Buffer a, Shape shape, Window2D window, Buffer b, IntBuffer idx, long perPlane) {
        set(o, a, b, idx);
        geometry.set(shape, window);
        units = geometry.planes();
        elements = perPlane * Math.max(shape.size(), (long) units * geometry.outPlane());
        return units;
    }

    private void set(Op o, Buffer a, Buffer b, IntBuffer idx) {
        if ((a instanceof FloatBuffer) != (b instanceof FloatBuffer)) {
            throw new IllegalArgumentException("The buffers of a window call must be both FloatBuffers or both"
                    + " DoubleBuffers, got " + a.getClass().getSimpleName() + " and "
                    + b.getClass().getSimpleName());
        }
        op = o;
        first = a;
        second = b;
        indices = idx;
    }
}
