package dev.glia.testkit;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;

/**
 * A backend that forwards everything to a private {@link ReferenceBackend}; tests override single
 * operations to build deliberately broken (or float32-like) backends and check that the conformance
 * kit notices (or tolerates) them. Its tensors belong to the inner backend.
 */
class ForwardingBackend implements Backend {
    final ReferenceBackend inner = new ReferenceBackend();

    @Override
    public String name() {
        return "mutant";
    }

    @Override
    public String description() {
        return "a reference backend with an operation replaced, for testing the testkit";
    }

    @Override
    public boolean supports(DType dtype) {
        return inner.supports(dtype);
    }

    @Override
    public Tensor allocate(Shape shape, DType dtype) {
        return inner.allocate(shape, dtype);
    }

    @Override
    public Tensor upload(float[] data, Shape shape) {
        return inner.upload(data, shape);
    }

    @Override
    public Tensor upload(double[] data, Shape shape) {
        return inner.upload(data, shape);
    }

    @Override
    public void write(Tensor dst, float[] src) {
        inner.write(dst, src);
    }

    @Override
    public void write(Tensor dst, double[] src) {
        inner.write(dst, src);
    }

    @Override
    public void download(Tensor src, float[] dst) {
        inner.download(src, dst);
    }

    @Override
    public void download(Tensor src, double[] dst) {
        inner.download(src, dst);
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        inner.gemm(transposeA, transposeB, alpha, a, b, beta, c);
    }

    @Override
    public void elementwise(Expr expr, Tensor out, Tensor... inputs) {
        inner.elementwise(expr, out, inputs);
    }

    @Override
    public void sum(Tensor in, int axis, Tensor out) {
        inner.sum(in, axis, out);
    }

    @Override
    public void max(Tensor in, int axis, Tensor out) {
        inner.max(in, axis, out);
    }

    @Override
    public void argmax(Tensor in, int axis, Tensor out) {
        inner.argmax(in, axis, out);
    }

    @Override
    public long liveTensors() {
        return inner.liveTensors();
    }

    @Override
    public long liveBytes() {
        return inner.liveBytes();
    }

    @Override
    public void close() {
        inner.close();
    }
}
