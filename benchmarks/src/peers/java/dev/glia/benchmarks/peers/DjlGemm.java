package dev.glia.benchmarks.peers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.glia.benchmarks.spi.GemmContender;
import dev.glia.benchmarks.spi.GemmInputs;

/** {@code A.matMul(B)} on PyTorch tensors (float32); the previous result is freed after each product. */
final class DjlGemm implements GemmContender {
    private final NDManager manager;
    private NDArray a;
    private NDArray b;
    private NDArray c;

    DjlGemm() {
        DjlSupport.engine(7);
        manager = NDManager.newBaseManager(DjlSupport.ENGINE);
    }

    @Override
    public String engine() {
        return DjlSupport.describe() + ", NDArray.matMul (allocates C each call)";
    }

    @Override
    public void prepare(GemmInputs in) {
        release();
        a = manager.create(in.a(), new Shape(in.m(), in.k()));
        b = manager.create(in.b(), new Shape(in.k(), in.n()));
    }

    @Override
    public void multiply() {
        NDArray r = a.matMul(b);
        if (c != null) {
            c.close();
        }
        c = r;
    }

    @Override
    public void sync() {}

    @Override
    public float firstElement() {
        return c.getFloat(0, 0);
    }

    @Override
    public void release() {
        for (NDArray x : new NDArray[] {a, b, c}) {
            if (x != null) {
                x.close();
            }
        }
        a = b = c = null;
    }

    @Override
    public void close() {
        release();
        manager.close();
    }
}
