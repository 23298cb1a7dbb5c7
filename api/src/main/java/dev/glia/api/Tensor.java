package dev.glia.api;

/**
 * A handle to memory owned by one {@link Backend}: the heap, native memory or a device buffer.
 *
 * <p>A tensor is closed exactly once by its owner; {@link #close()} frees its memory and is idempotent.
 * Any other use after close fails with an {@link IllegalStateException}.
 */
public interface Tensor extends AutoCloseable {
    /** The shape. */
    Shape shape();

    /** The element type. */
    DType dtype();

    /** The backend that owns this tensor's memory. */
    Backend backend();

    /** Whether {@link #close()} was called. */
    boolean isClosed();

    /** Copies the elements to a new host array, row-major, converting to float. */
    default float[] toFloatArray() {
        float[] out = new float[shape().size()];
        backend().download(this, out);
        return out;
    }

    /** Copies the elements to a new host array, row-major, converting to double. */
    default double[] toDoubleArray() {
        double[] out = new double[shape().size()];
        backend().download(this, out);
        return out;
    }

    /** Frees the memory. Idempotent. */
    @Override
    void close();
}
