package dev.glia.backend.nd4j.internal;

import dev.glia.api.ColumnBlock;
import dev.glia.api.DType;
import dev.glia.api.expr.Expr;
import dev.glia.kernels.java.ColumnOperands;
import dev.glia.kernels.java.KernelCache;
import dev.glia.kernels.java.MultiDoubleKernel;
import dev.glia.kernels.java.MultiFloatKernel;
import dev.glia.kernels.java.OffHeapColumnRunner;
import java.util.List;

/**
 * {@link dev.glia.api.Backend#elementwiseColumns} in place over the native buffers ({@link OffHeapColumnRunner}):
 * each block is addressed by its first element and its row stride, so an LSTM's gates are read out of its
 * {@code [N, 4H]} product and its gradients written into the all-steps {@code [N, T·4H]} tensor without copying them
 * apart. Large calls split their rows over the {@link Workers} as {@link Elementwise} does, timed by a
 * {@link SplitChooser} of its own; the split changes no result, since every element is computed by the same Java
 * expression.
 */
final class ColumnElementwise implements Workers.Job {
    private final Workers workers;
    private final KernelCache kernels;
    private final OffHeapColumnRunner[] runners;
    private final SplitChooser chooser = new SplitChooser();
    private final ColumnOperands outs = new ColumnOperands();
    private final ColumnOperands inputs = new ColumnOperands();
    // The call being run: set by run, read by the parts.
    private MultiFloatKernel floatKernel;
    private MultiDoubleKernel doubleKernel;
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
    void run(List<Expr> exprs, List<ColumnBlock> outBlocks, List<ColumnBlock> inputBlocks) {
        rows = outBlocks.get(0).rows();
        width = outBlocks.get(0).width();
        try {
            outs.set(outBlocks, t -> ((Nd4jTensor) t).floats, t -> ((Nd4jTensor) t).doubles);
            inputs.set(inputBlocks, t -> ((Nd4jTensor) t).floats, t -> ((Nd4jTensor) t).doubles);
            Object kernel;
            if (outBlocks.get(0).tensor().dtype() == DType.FLOAT32) {
                floatKernel = kernels.multiFloatKernel(exprs, inputs.kernelModes());
                kernel = floatKernel;
            } else {
                doubleKernel = kernels.multiDoubleKernel(exprs, inputs.kernelModes());
                kernel = doubleKernel;
            }
            int p = Elementwise.parts(workers, rows, width, outBlocks.size());
            int slot = p < 2 ? -1 : chooser.slot(Elementwise.key(kernel, rows, width));
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
            outs.clear(); // hold no closed tensor's memory
            inputs.clear();
        }
    }

    /** Rows {@code [rows·part/parts, rows·(part+1)/parts)} on {@code worker}'s runner. */
    @Override
    public void run(int part, int worker) {
        int from = (int) ((long) rows * part / parts);
        int to = (int) ((long) rows * (part + 1) / parts);
        if (floatKernel != null) {
            runners[worker].runFloat(floatKernel, outs, inputs, width, from, to);
        } else {
            runners[worker].runDouble(doubleKernel, outs, inputs, width, from, to);
        }
    }
}
