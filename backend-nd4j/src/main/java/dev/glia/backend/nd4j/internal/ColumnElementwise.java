package dev.glia.backend.nd4j.internal;

import dev.glia.api.ColumnBlock;
import dev.glia.api.DType;
import dev.glia.api.expr.Expr;
import dev.glia.api.spi.Broadcast;
import dev.glia.kernels.java.KernelCache;
import dev.glia.kernels.java.MultiDoubleKernel;
import dev.glia.kernels.java.MultiFloatKernel;
import dev.glia.kernels.java.OffHeapColumnRunner;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * {@link dev.glia.api.Backend#elementwiseColumns} in place over the native buffers ({@link OffHeapColumnRunner}):
 * each block is addressed by its first element and its row stride (0 for an input of one row, repeated down the
 * block), so an LSTM's gates are read out of its {@code [N, 4H]} product and its gradients written into the
 * all-steps {@code [N, T·4H]} tensor without copying them apart. Large calls split their rows over the
 * {@link Workers} as {@link Elementwise} does, timed by a {@link SplitChooser} of its own; the split changes no
 * result, since every element is computed by the same Java expression.
 */
final class ColumnElementwise implements Workers.Job {
    private final Workers workers;
    private final KernelCache kernels;
    private final OffHeapColumnRunner[] runners;
    private final SplitChooser chooser = new SplitChooser();
    private Broadcast[] modes = new Broadcast[0];
    // The call being run: set by run, read by the parts.
    private MultiFloatKernel floatKernel;
    private MultiDoubleKernel doubleKernel;
    private FloatBuffer[] floatOuts = new FloatBuffer[0];
    private FloatBuffer[] floatIns = new FloatBuffer[0];
    private DoubleBuffer[] doubleOuts = new DoubleBuffer[0];
    private DoubleBuffer[] doubleIns = new DoubleBuffer[0];
    private int[] outOffsets = new int[0];
    private int[] outStrides = new int[0];
    private int[] inOffsets = new int[0];
    private int[] inStrides = new int[0];
    private int outCount;
    private int inCount;
    private int rows;
    private int width;
    private int parts;

    ColumnElementwise(Workers workers, KernelCache kernels) {
        this.workers = workers;
        this.kernels = kernels;
        this.runners = new OffHeapColumnRunner[workers.threads()];
        for (int i = 0; i < runners.length; i++) {
            runners[i] = new OffHeapColumnRunner();
        }
    }

    /** Runs checked blocks of this backend's tensors. */
    void run(List<Expr> exprs, List<ColumnBlock> outs, List<ColumnBlock> inputs) {
        outCount = outs.size();
        inCount = inputs.size();
        rows = outs.get(0).rows();
        width = outs.get(0).width();
        boolean floats = outs.get(0).tensor().dtype() == DType.FLOAT32;
        if (modes.length < inCount) {
            modes = new Broadcast[inCount];
            Arrays.fill(modes, Broadcast.FULL);
            inOffsets = new int[inCount];
            inStrides = new int[inCount];
            floatIns = new FloatBuffer[inCount];
            doubleIns = new DoubleBuffer[inCount];
        }
        if (outOffsets.length < outCount) {
            outOffsets = new int[outCount];
            outStrides = new int[outCount];
            floatOuts = new FloatBuffer[outCount];
            doubleOuts = new DoubleBuffer[outCount];
        }
        try {
            for (int j = 0; j < outCount; j++) {
                ColumnBlock b = outs.get(j);
                Nd4jTensor t = (Nd4jTensor) b.tensor();
                outOffsets[j] = b.column();
                outStrides[j] = t.shape().columns();
                floatOuts[j] = t.floats;
                doubleOuts[j] = t.doubles;
            }
            for (int i = 0; i < inCount; i++) {
                ColumnBlock b = inputs.get(i);
                Nd4jTensor t = (Nd4jTensor) b.tensor();
                inOffsets[i] = b.column();
                inStrides[i] = b.rows() == 1 ? 0 : t.shape().columns();
                floatIns[i] = t.floats;
                doubleIns[i] = t.doubles;
            }
            Broadcast[] kernelModes = Arrays.copyOf(modes, inCount);
            if (floats) {
                floatKernel = kernels.multiFloatKernel(exprs, kernelModes);
            } else {
                doubleKernel = kernels.multiDoubleKernel(exprs, kernelModes);
            }
            long work = (long) rows * width * outCount;
            int p = work < Elementwise.SPLIT_ELEMENTS ? 1 : Math.min(workers.threads(), rows);
            int slot = p < 2 ? -1 : chooser.slot(key(floats ? floatKernel : doubleKernel));
            boolean split = chooser.shouldSplit(slot);
            long start = System.nanoTime();
            parts = split ? p : 1;
            if (split) {
                workers.run(this, p);
            } else {
                run(0, 0);
            }
            chooser.record(slot, split, System.nanoTime() - start);
        } finally {
            floatKernel = null;
            doubleKernel = null;
            Arrays.fill(floatOuts, null); // hold no closed tensor's memory
            Arrays.fill(doubleOuts, null);
            Arrays.fill(floatIns, null);
            Arrays.fill(doubleIns, null);
        }
    }

    /** The chooser's key of a call: the kernel (by identity) and the blocks' sides. */
    private long key(Object kernel) {
        return ((long) System.identityHashCode(kernel) << 40) ^ ((long) rows << 20) ^ width;
    }

    /** Rows {@code [rows·part/parts, rows·(part+1)/parts)} on {@code worker}'s runner. */
    @Override
    public void run(int part, int worker) {
        int from = (int) ((long) rows * part / parts);
        int to = (int) ((long) rows * (part + 1) / parts);
        if (floatKernel != null) {
            runners[worker].run(
                    floatKernel,
                    floatOuts,
                    outOffsets,
                    outStrides,
                    outCount,
                    floatIns,
                    inOffsets,
                    inStrides,
                    inCount,
                    width,
                    from,
                    to);
        } else {
            runners[worker].run(
                    doubleKernel,
                    doubleOuts,
                    outOffsets,
                    outStrides,
                    outCount,
                    doubleIns,
                    inOffsets,
                    inStrides,
                    inCount,
                    width,
                    from,
                    to);
        }
    }
}
