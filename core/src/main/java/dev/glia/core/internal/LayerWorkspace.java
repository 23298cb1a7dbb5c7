package dev.glia.core.internal;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.Workspace;
import java.util.HashMap;
import java.util.Map;

/** A {@link Workspace} that keeps one buffer per key and frees them all on close. */
public final class LayerWorkspace implements Workspace, AutoCloseable {
    private final Backend backend;
    private final Map<String, Tensor> buffers = new HashMap<>();

    /** An empty workspace on {@code backend}. */
    public LayerWorkspace(Backend backend) {
        this.backend = backend;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public Tensor buffer(String key, Shape shape, DType dtype) {
        Tensor t = buffers.get(key);
        if (t != null && t.shape().equals(shape) && t.dtype() == dtype) {
            return t;
        }
        if (t != null) {
            t.close();
        }
        Tensor fresh = backend.allocate(shape, dtype);
        buffers.put(key, fresh);
        return fresh;
    }

    @Override
    public void close() {
        buffers.values().forEach(Tensor::close);
        buffers.clear();
    }
}
