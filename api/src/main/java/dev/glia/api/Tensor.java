package dev.glia.api;

/**
 * A handle to memory owned by one {@link Backend}: the heap, native memory or a device buffer.
 *
 * <p>A tensor is closed exactly once by its owner; {@link #close()} frees its memory and is idempotent.
 * Any other use after close fails with an {@link IllegalStateException}.
 *
 * <p>A view ({@link Backend#reshape}) shares another tensor's memory: closing it frees nothing, and it
 * counts as closed once its base is closed.
 */
public interface Tensor extends AutoCloseable {
    /** The shape. */
    Shape shape();

    /** The element type. */
    DType dtype();

    /** The backend that owns this tensor's memory. */
    Backend backend();

    /** Whether {@link #close()} was called, on this tensor or, for a view, on its base. */
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

    /** Frees the memory (a view's close frees nothing). Idempotent. */
    @Override
    void close();
}
