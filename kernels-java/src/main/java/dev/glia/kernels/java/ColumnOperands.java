package dev.glia.kernels.java;

import dev.glia.api.ColumnBlock;
import dev.glia.api.Tensor;
import dev.glia.api.spi.Broadcast;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One side (outputs or inputs) of an {@code elementwiseColumns} call as {@link OffHeapColumnRunner} takes it: for
 * each block, its tensor's buffer, its first element and its row stride (0 for a block of one row, repeated down).
 * Kept and grown by its owner; {@link #clear} drops the buffers so that no closed tensor's memory stays reachable.
 */
public final class ColumnOperands {
    private FloatBuffer[] floats = new FloatBuffer[0];
    private DoubleBuffer[] doubles = new DoubleBuffer[0];
    private int[] offsets = new int[0];
    private int[] strides = new int[0];
    private int count;
    private Broadcast[] fullModes = new Broadcast[0];

    /** Empty operands; arrays grow on first use. */
    public ColumnOperands() {}

    /**
     * Takes {@code blocks}, each tensor's buffer from {@code floatBuffer} or {@code doubleBuffer} (either may give
     * null for a tensor of the other dtype).
     */
    public void set(
            List<ColumnBlock> blocks,
            Function<Tensor, FloatBuffer> floatBuffer,
            Function<Tensor, DoubleBuffer> doubleBuffer) {
        count = blocks.size();
        if (offsets.length < count) {
            floats = new FloatBuffer[count];
            doubles = new DoubleBuffer[count];
            offsets = new int[count];
            strides = new int[count];
        }
        for (int k = 0; k < count; k++) {
            ColumnBlock b = blocks.get(k);
            floats[k] = floatBuffer.apply(b.tensor());
            doubles[k] = doubleBuffer.apply(b.tensor());
            offsets[k] = b.column();
            strides[k] = b.rows() == 1 ? 0 : b.tensor().shape().columns();
        }
    }

    /** Drops the buffers. */
    public void clear() {
        Arrays.fill(floats, null);
        Arrays.fill(doubles, null);
    }

    /**
     * The broadcast modes to compile a kernel with when these blocks are its inputs: FULL for every one, since a
     * block of one row is repeated down as it is staged. Kept, exactly {@link #count()} long.
     */
    public Broadcast[] kernelModes() {
        if (fullModes.length != count) {
            fullModes = new Broadcast[count];
            Arrays.fill(fullModes, Broadcast.FULL);
        }
        return fullModes;
    }

    /** The number of blocks. */
    public int count() {
        return count;
    }

    FloatBuffer[] floats() {
        return floats;
    }

    DoubleBuffer[] doubles() {
        return doubles;
    }

    int[] offsets() {
        return offsets;
    }

    int[] strides() {
        return strides;
    }
}
