package dev.glia.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link Workspace} everyone uses: buffers are cached by key; asking again with the same key,
 * shape and dtype returns the same tensor, and a different shape or dtype closes the old buffer and
 * allocates a new one. {@link #close()} frees every buffer. Layers own one each; tests and tools that
 * run an activation or a loss directly create their own.
 *
 * <pre>{@code
 * try (ScratchWorkspace ws = new ScratchWorkspace(backend)) {
 *     activation.forward(ws, x, y);
 * }
 * }</pre>
 */
public final class ScratchWorkspace implements Workspace, AutoCloseable {
    private final Backend backend;
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private boolean closed;

    /** A workspace whose buffers live on {@code backend}. */
    public ScratchWorkspace(Backend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public Tensor buffer(String key, Shape shape, DType dtype) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(dtype, "dtype");
        if (closed) {
            throw new IllegalStateException("The workspace was closed; cannot lend buffer '" + key + "'");
        }
        Tensor old = buffers.get(key);
        if (old != null && !old.isClosed() && old.shape().equals(shape) && old.dtype() == dtype) {
            return old;
        }
        if (old != null) {
            old.close();
        }
        Tensor fresh = backend.allocate(shape, dtype);
        buffers.put(key, fresh);
        return fresh;
    }

    /** Number of buffers currently held. */
    public int size() {
        return buffers.size();
    }

    /** Closes every buffer. Idempotent; the workspace cannot lend buffers afterwards. */
    @Override
    public void close() {
        closed = true;
        List<Tensor> all = new ArrayList<>(buffers.values());
        buffers.clear();
        for (Tensor t : all) {
            t.close();
        }
    }

    @Override
    public String toString() {
        return "ScratchWorkspace" + buffers.keySet() + " on " + backend.name();
    }
}
