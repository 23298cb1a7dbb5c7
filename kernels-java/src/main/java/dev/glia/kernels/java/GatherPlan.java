package dev.glia.kernels.java;

import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.spi.Broadcast;

/**
 * How the staging runners ({@link OffHeapRunner}, {@link OffHeapMultiRunner}) read the inputs of one element-wise
 * call whose broadcast inputs they gather into full chunks: the runner's modes ({@link Broadcast#AXIS} for a gathered
 * input), the kernel's modes ({@link Broadcast#FULL} in their place), and each gathered input's stride and count
 * ({@link Broadcast#axisIndex}). AXIS inputs are always gathered; row and column inputs are when the kernel would
 * otherwise call {@code exp} or {@code tanh} one element at a time ({@link KernelCache#stagesExponentials}): a row
 * is an axis input of stride 1 and as many elements as the output has columns, a column one of stride the output's
 * columns and as many elements as it has rows. Kept by its owner; not thread-safe.
 */
public final class GatherPlan {
    private Broadcast[] runnerModes = new Broadcast[0];
    private Broadcast[] kernelModes = new Broadcast[0];
    private int[] strides = new int[0];
    private int[] counts = new int[0];

    /** An empty plan; arrays grow on first use. */
    public GatherPlan() {}

    /**
     * Plans a call onto {@code out} with {@code inputs} broadcast as {@code modes}, and says whether any input is
     * gathered; when none is, the call runs with {@code modes} as they are and the plan's arrays mean nothing.
     */
    public boolean plan(Shape out, Tensor[] inputs, Broadcast[] modes, boolean rowsAndColumns) {
        boolean any = false;
        for (Broadcast m : modes) {
            any |= m == Broadcast.AXIS || (rowsAndColumns && (m == Broadcast.ROW || m == Broadcast.COLUMN));
        }
        if (!any) {
            return false;
        }
        if (runnerModes.length != modes.length) { // exact: a runner takes the inputs' count from its modes
            runnerModes = new Broadcast[modes.length];
            kernelModes = new Broadcast[modes.length];
            strides = new int[modes.length];
            counts = new int[modes.length];
        }
        for (int i = 0; i < modes.length; i++) {
            Broadcast m = modes[i];
            boolean gathered = m == Broadcast.AXIS || (rowsAndColumns && (m == Broadcast.ROW || m == Broadcast.COLUMN));
            runnerModes[i] = gathered ? Broadcast.AXIS : m;
            kernelModes[i] = gathered ? Broadcast.FULL : m;
            if (gathered) {
                strides[i] = switch (m) {
                    case ROW -> 1;
                    case COLUMN -> out.columns();
                    default -> Broadcast.axisStride(inputs[i].shape(), out);
                };
                counts[i] = inputs[i].shape().size();
            }
        }
        return true;
    }

    /** The modes the runner reads the inputs with, one per input. */
    public Broadcast[] runnerModes() {
        return runnerModes;
    }

    /** The modes of the kernel to run, one per input. */
    public Broadcast[] kernelModes() {
        return kernelModes;
    }

    /** Each gathered input's stride. */
    public int[] strides() {
        return strides;
    }

    /** Each gathered input's element count. */
    public int[] counts() {
        return counts;
    }
}
