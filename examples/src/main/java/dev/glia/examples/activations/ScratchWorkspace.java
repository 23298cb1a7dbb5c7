package dev.glia.examples.activations;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.Workspace;
import java.util.HashMap;
import java.util.Map;

/** A workspace that keeps one buffer per key and shape, and frees them all on close. */
final class ScratchWorkspace implements Workspace, AutoCloseable {
    private final Backend backend;
    private final Map<String, Tensor> buffers = new HashMap<>();

    ScratchWorkspace(Backend backend) {
        this.backend = backend;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public Tensor buffer(String key, Shape shape, DType dtype) {
        String k = key + shape + dtype;
        return buffers.computeIfAbsent(k, unused -> backend.allocate(shape, dtype));
    }

    @Override
    public void close() {
        buffers.values().forEach(Tensor::close);
        buffers.clear();
    }
}
