package dev.glia.benchmarks.jmh;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;

/**
 * Waits for a backend's queued work by downloading one element: a device backend runs an in-order queue,
 * so the download finishes after everything enqueued before it. On the CPU backends it is a few
 * nanoseconds.
 */
final class Fence implements AutoCloseable {
    private final Backend backend;
    private final Tensor one;
    private final float[] host = new float[1];

    Fence(Backend backend) {
        this.backend = backend;
        this.one = backend.allocate(Shape.of(1), DType.FLOAT32);
    }

    float await() {
        backend.download(one, host);
        return host[0];
    }

    @Override
    public void close() {
        one.close();
    }
}
