package dev.glia.api;

/**
 * Scratch memory that an operation may keep between calls. A layer owns one workspace and lends it
 * to its activation, loss or optimiser, so that steady-state training allocates nothing: a buffer
 * asked for again with the same key and shape is the same tensor.
 */
public interface Workspace {
    /** The backend every buffer lives on. */
    Backend backend();

    /**
     * A buffer of the given shape and type, kept under {@code key}. Asking again with the same key and
     * shape and type returns the same tensor; a different shape or type replaces (and closes) the old one. The
     * workspace owns the buffer: callers never close it. Its contents are whatever was last written.
     */
    Tensor buffer(String key, Shape shape, DType dtype);
}
