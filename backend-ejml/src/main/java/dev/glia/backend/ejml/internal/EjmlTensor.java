package dev.glia.backend.ejml.internal;

import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.spi.AbstractTensor;
import dev.glia.api.spi.TensorLedger;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import org.ejml.data.FMatrixRMaj;

/**
 * A FLOAT32 tensor on the Java heap: a row-major {@code float[]} and, created once, the EJML matrix
 * that wraps it as the tensor's matrix view ({@link Shape#rows()} × {@link Shape#columns()}), so
 * that no operation allocates a wrapper. A view shares its base's array and has a wrapper of its own. An
 * INT32 tensor holds an {@code int[]} instead ({@link #ints}), and its {@link #data} and {@link #matrix} are
 * null.
 */
final class EjmlTensor extends AbstractTensor {
    /** The elements, row-major; null once closed. */
    float[] data;
    /** The matrix view over {@link #data}; null once closed. */
    FMatrixRMaj matrix;

    EjmlTensor(EjmlBackend owner, Shape shape, TensorLedger ledger, float[] data) {
        super(owner, shape, DType.FLOAT32, ledger);
        this.data = data;
        this.matrix = FMatrixRMaj.wrap(shape.rows(), shape.columns(), data);
    }

    /** A view of {@code base} as {@code shape}: the same array, wrapped as this shape's matrix view. */
    EjmlTensor(EjmlTensor base, Shape shape) {
        super(base, shape);
        this.data = base.data;
        this.ints = base.ints;
        this.matrix = data == null ? null : FMatrixRMaj.wrap(shape.rows(), shape.columns(), data);
    }

    @Override
    protected void release() {
        data = null;
        matrix = null;
        ints = null;
        floatBuffer = null;
        intBuffer = null;
    }

    /** {@link #data} wrapped as a buffer for the shared kernels, wrapped on first use and kept. */
    FloatBuffer floats() {
        if (floatBuffer == null) {
            floatBuffer = FloatBuffer.wrap(data);
        }
        return floatBuffer;
    }

    /** {@link #ints} wrapped as a buffer, as {@link #floats()}. */
    IntBuffer intBuffer() {
        if (intBuffer == null) {
            intBuffer = IntBuffer.wrap(ints);
        }
        return intBuffer;
    }

    private FloatBuffer floatBuffer;
    private IntBuffer intBuffer;

    // ----- INT32 tensors

    /** The elements of an INT32 tensor, row-major, else null; null once closed. */
    int[] ints;

    /** An INT32 tensor over {@code ints}. */
    EjmlTensor(EjmlBackend owner, Shape shape, TensorLedger ledger, int[] ints) {
        super(owner, shape, DType.INT32, ledger);
        this.ints = ints;
    }
}
