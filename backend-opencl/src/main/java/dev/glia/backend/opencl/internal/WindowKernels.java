package dev.glia.backend.opencl.internal;

import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Window2D;
import org.jocl.cl_kernel;

/**
 * Runs {@code windows.cl}: im2col and col2im, max and average pooling and their gradients, and permute, for
 * arguments {@link dev.glia.api.spi.AbstractBackend} has already checked. Each is one launch of one work-item per
 * element written (im2col: per column and channel, writing the kernel's taps); the gradients (col2im, pooling backward) gather what each input element receives instead of
 * scattering into it, so they need no atomics and add in the host definition's order. Programs are built once
 * per dtype by {@link ProgramCache}; launches are asynchronous, in queue order.
 */
final class WindowKernels {
    private static final String FILE = "windows.cl";
    /** The number of leading int arguments every window kernel takes (WINDOW_ARGS). */
    private static final int GEOMETRY = 14;

    private final ClContext cl;
    private final ProgramCache programs;

    WindowKernels(ClContext cl, ProgramCache programs) {
        this.cl = cl;
        this.programs = programs;
    }

    /** Enqueues {@link dev.glia.api.Backend#im2col} of {@code images} into {@code columns}. */
    void im2col(OpenClTensor images, Window2D window, OpenClTensor columns) {
        cl_kernel k = window("im2col", images, window, images.dtype());
        Launch.arg(k, GEOMETRY, images.mem);
        Launch.arg(k, GEOMETRY + 1, columns.mem);
        int positions = columns.shape().dim(1);
        long group = group();
        Launch.run(
                cl.queue(),
                k,
                "im2col",
                new long[] {Launch.roundUp(positions, group), images.shape().dim(1)},
                new long[] {group, 1});
    }

    /** Enqueues {@link dev.glia.api.Backend#col2im}: overwrites {@code images}. */
    void col2im(OpenClTensor columns, Window2D window, OpenClTensor images) {
        cl_kernel k = window("col2im", images, window, images.dtype());
        Launch.arg(k, GEOMETRY, columns.mem);
        Launch.arg(k, GEOMETRY + 1, images.mem);
        run(k, "col2im", images.shape().size());
    }

    /** Enqueues {@link dev.glia.api.Backend#maxPool2d}. */
    void maxPool(OpenClTensor input, Window2D window, OpenClTensor output, OpenClTensor argmax) {
        cl_kernel k = window("max_pool", input, window, input.dtype());
        Launch.arg(k, GEOMETRY, input.mem);
        Launch.arg(k, GEOMETRY + 1, output.mem);
        Launch.arg(k, GEOMETRY + 2, argmax.mem);
        run(k, "max_pool", output.shape().size());
    }

    /**
     * Enqueues {@link dev.glia.api.Backend#maxPool2dBackward}: each input element gathers from the windows that
     * contain it, so an argmax naming a position outside its own window (never one {@code maxPool2d} wrote) is
     * ignored rather than added there.
     */
    void maxPoolBackward(OpenClTensor gradOutput, OpenClTensor argmax, Window2D window, OpenClTensor gradInput) {
        cl_kernel k = window("max_pool_backward", gradInput, window, gradInput.dtype());
        Launch.arg(k, GEOMETRY, gradOutput.mem);
        Launch.arg(k, GEOMETRY + 1, argmax.mem);
        Launch.arg(k, GEOMETRY + 2, gradInput.mem);
        run(k, "max_pool_backward", gradInput.shape().size());
    }

    /** Enqueues {@link dev.glia.api.Backend#avgPool2d}. */
    void avgPool(OpenClTensor input, Window2D window, OpenClTensor output) {
        cl_kernel k = window("avg_pool", input, window, input.dtype());
        Launch.arg(k, GEOMETRY, input.mem);
        Launch.arg(k, GEOMETRY + 1, output.mem);
        Launch.arg(k, GEOMETRY + 2, 1.0 / window.taps(), input.dtype());
        run(k, "avg_pool", output.shape().size());
    }

    /** Enqueues {@link dev.glia.api.Backend#avgPool2dBackward}: overwrites {@code gradInput}. */
    void avgPoolBackward(OpenClTensor gradOutput, Window2D window, OpenClTensor gradInput) {
        cl_kernel k = window("avg_pool_backward", gradInput, window, gradInput.dtype());
        Launch.arg(k, GEOMETRY, gradOutput.mem);
        Launch.arg(k, GEOMETRY + 1, gradInput.mem);
        Launch.arg(k, GEOMETRY + 2, 1.0 / window.taps(), gradInput.dtype());
        run(k, "avg_pool_backward", gradInput.shape().size());
    }

    /**
     * Enqueues {@link dev.glia.api.Backend#permute}: the output's dims and, for each output axis, the input
     * stride of the axis it takes, right-aligned in five slots (leading slots dim 1, step 0).
     */
    void permute(OpenClTensor input, int[] axes, OpenClTensor output) {
        Shape shape = input.shape();
        int rank = shape.rank();
        int[] strides = new int[rank];
        int stride = 1;
        for (int a = rank - 1; a >= 0; a--) {
            strides[a] = stride;
            stride *= shape.dim(a);
        }
        cl_kernel k = programs.kernel(FILE, KernelSources.typeOptions(input.dtype()), "permute");
        int total = output.shape().size();
        Launch.arg(k, 0, total);
        int lead = Shape.MAX_RANK - rank;
        for (int slot = 0; slot < Shape.MAX_RANK; slot++) {
            boolean used = slot >= lead;
            Launch.arg(k, 1 + slot, used ? shape.dim(axes[slot - lead]) : 1);
            Launch.arg(k, 1 + Shape.MAX_RANK + slot, used ? strides[axes[slot - lead]] : 0);
        }
        Launch.arg(k, 1 + 2 * Shape.MAX_RANK, input.mem);
        Launch.arg(k, 2 + 2 * Shape.MAX_RANK, output.mem);
        run(k, "permute", total);
    }

    /** Kernel {@code name} for {@code dtype} with the geometry of {@code window} over {@code images} set. */
    private cl_kernel window(String name, OpenClTensor images, Window2D window, DType dtype) {
        cl_kernel k = programs.kernel(FILE, KernelSources.typeOptions(dtype), name);
        Shape s = images.shape();
        int[] geometry = {
            s.dim(0),
            s.dim(1),
            s.dim(2),
            s.dim(3),
            window.outputHeight(s.dim(2)),
            window.outputWidth(s.dim(3)),
            window.kernelHeight(),
            window.kernelWidth(),
            window.strideHeight(),
            window.strideWidth(),
            window.padTop(),
            window.padLeft(),
            window.dilationHeight(),
            window.dilationWidth()
        };
        for (int i = 0; i < GEOMETRY; i++) {
            Launch.arg(k, i, geometry[i]);
        }
        return k;
    }

    /** Enqueues {@code k} over {@code n} work-items in groups of up to 64. */
    private void run(cl_kernel k, String name, int n) {
        if (n == 0) {
            return;
        }
        long group = group();
        Launch.run(cl.queue(), k, name, new long[] {Launch.roundUp(n, group)}, new long[] {group});
    }

    private long group() {
        return Math.min(64, Long.highestOneBit(Math.max(1, cl.device().maxWorkGroupSize())));
    }
}
