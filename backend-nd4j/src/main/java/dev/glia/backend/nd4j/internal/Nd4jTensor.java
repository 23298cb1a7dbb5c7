package dev.glia.backend.nd4j.internal;

import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.spi.AbstractTensor;
import dev.glia.api.spi.TensorLedger;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A tensor in native host memory: a C-ordered ND4J {@link INDArray} that owns its buffer, with what every
 * operation needs taken once at allocation — the buffer's address (for BLAS) and a direct NIO view of it
 * (for the element-wise kernels, reductions and transfers). Closing it closes the array, which frees the
 * native memory at once; nothing waits for the garbage collector. A view ({@link Nd4jBackend#reshape}) shares its
 * base's address and buffers and holds no array, so its close frees nothing.
 */
final class Nd4jTensor extends AbstractTensor {
    /** The array; null once closed. */
    private INDArray array;
    /** The buffer's native address. */
    final long address;
    /** The elements as floats (FLOAT32), else null; null once closed. */
    FloatBuffer floats;
    /** The elements as doubles (FLOAT64), else null; null once closed. */
    DoubleBuffer doubles;
    /** The elements as ints (INT32), else null; null once closed. */
    IntBuffer ints;

    private Nd4jTensor(Nd4jBackend owner, Shape shape, DType dtype, TensorLedger ledger, INDArray array) {
        super(owner, shape, dtype, ledger);
        this.array = array;
        this.address = array.data().address();
        if (dtype == DType.FLOAT32) {
            this.floats = array.data().asNioFloat();
            check(floats.capacity(), floats.order(), shape);
        } else if (dtype == DType.INT32) {
            this.ints = array.data().asNioInt();
            check(ints.capacity(), ints.order(), shape);
        } else {
            this.doubles = array.data().asNioDouble();
            check(doubles.capacity(), doubles.order(), shape);
        }
    }

    /**
     * A view of {@code base} as {@code shape}: its address and buffers, but no array of its own, so that closing the
     * view can never close the base's array.
     */
    Nd4jTensor(Nd4jTensor base, Shape shape) {
        super(base, shape);
        this.array = null;
        this.address = base.address;
        this.floats = base.floats;
        this.doubles = base.doubles;
        this.ints = base.ints;
    }

    /**
     * A new tensor of {@code shape} and {@code dtype}, zero-filled unless {@code zeroed} is false (when the
     * caller overwrites every element at once). Allocated outside any ND4J workspace a caller may have open,
     * so that it lives until it is closed.
     */
    // javac's "try" lint: the workspace scope is only opened and closed around the allocation, never read.
    @SuppressWarnings("try")
    static Nd4jTensor allocate(Nd4jBackend owner, Shape shape, DType dtype, TensorLedger ledger, boolean zeroed) {
        long[] dims = new long[shape.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.dim(i);
        }
        org.nd4j.linalg.api.buffer.DataType type = dtype == DType.FLOAT64
                ? org.nd4j.linalg.api.buffer.DataType.DOUBLE
                : dtype == DType.INT32
                        ? org.nd4j.linalg.api.buffer.DataType.INT32
                        : org.nd4j.linalg.api.buffer.DataType.FLOAT;
        INDArray array;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            array = zeroed ? Nd4j.create(type, dims, 'c') : Nd4j.createUninitialized(type, dims, 'c');
        }
        try {
            return new Nd4jTensor(owner, shape, dtype, ledger, array);
        } catch (RuntimeException | Error e) {
            array.close();
            throw e;
        }
    }

    private static void check(int capacity, ByteOrder order, Shape shape) {
        if (capacity < shape.size() || order != ByteOrder.nativeOrder()) {
            throw new IllegalStateException("ND4J returned a buffer of " + capacity + " elements in " + order
                    + " order for a tensor " + shape + "; expected " + shape.size() + " in native order");
        }
    }

    /** Whether the native memory (of the base, for a view) was given back (for tests). */
    boolean released() {
        return ((Nd4jTensor) memoryOwner()).array == null;
    }

    @Override
    protected void release() {
        INDArray a = array;
        array = null;
        floats = null;
        doubles = null;
        ints = null;
        if (a != null && !a.wasClosed()) {
            a.close();
        }
    }
}
