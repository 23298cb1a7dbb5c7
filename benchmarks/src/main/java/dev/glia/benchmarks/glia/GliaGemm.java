package dev.glia.benchmarks.glia;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.benchmarks.spi.GemmContender;
import dev.glia.benchmarks.spi.GemmInputs;

/**
 * {@code Backend.gemm(false, false, 1, A, B, 0, C)} on a Glia backend. {@link #sync()} downloads a
 * one-element tensor, which waits for a device backend's in-order queue (a no-op cost on the CPU).
 */
final class GliaGemm implements GemmContender {
    private final Backend backend;
    private final Tensor fence;
    private final float[] fenceHost = new float[1];
    private Tensor a;
    private Tensor b;
    private Tensor c;

    GliaGemm(String backendName) {
        this.backend = GliaBackends.open(backendName);
        this.fence = backend.allocate(Shape.of(1), DType.FLOAT32);
    }

    @Override
    public String engine() {
        return "Glia " + backend.name() + ": " + backend.description();
    }

    @Override
    public void prepare(GemmInputs in) {
        release();
        a = backend.upload(in.a(), Shape.matrix(in.m(), in.k()));
        b = backend.upload(in.b(), Shape.matrix(in.k(), in.n()));
        c = backend.allocate(Shape.matrix(in.m(), in.n()), DType.FLOAT32);
    }

    @Override
    public void multiply() {
        backend.gemm(false, false, 1, a, b, 0, c);
    }

    @Override
    public void sync() {
        backend.download(fence, fenceHost);
    }

    @Override
    public float firstElement() {
        return c.toFloatArray()[0];
    }

    @Override
    public void release() {
        for (Tensor t : new Tensor[] {a, b, c}) {
            if (t != null) {
                t.close();
            }
        }
        a = b = c = null;
    }

    @Override
    public void close() {
        release();
        fence.close();
        backend.close();
    }
}
