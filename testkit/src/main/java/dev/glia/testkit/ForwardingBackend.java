package dev.glia.testkit;

import dev.glia.api.Backend;
import dev.glia.api.ColumnBlock;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.Window2D;
import dev.glia.api.expr.Expr;
import java.util.List;
import java.util.Objects;

/**
 * A backend that forwards every call to another one, the delegate. Override single operations to observe
 * or alter them: time each call of a training step, count calls, or replace one operation by a deliberately
 * wrong one to check that the conformance kit notices. Tensors stay the delegate's: {@link Tensor#backend()}
 * of a tensor allocated here is the delegate, so code that reaches a backend through its tensors (an
 * optimiser updating a parameter) talks to the delegate directly. Closing this backend closes the delegate.
 */
public class ForwardingBackend implements Backend {
    /** The backend every call goes to. */
    protected final Backend inner;

    /** Forwards to {@code delegate}. */
    public ForwardingBackend(Backend delegate) {
        this.inner = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public String description() {
        return inner.description();
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
    public long maxTensorBytes() {
        return inner.maxTensorBytes();
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
    public void synchronize() {
        inner.synchronize();
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

    // ----- views and block copies

    @Override
    public Tensor reshape(Tensor tensor, Shape shape) {
        return inner.reshape(tensor, shape);
    }

    @Override
    public void copyBlock(
            Tensor src, int srcRow, int srcColumn, Tensor dst, int dstRow, int dstColumn, int rows, int columns) {
        inner.copyBlock(src, srcRow, srcColumn, dst, dstRow, dstColumn, rows, columns);
    }

    // ----- counter-based random numbers

    @Override
    public void randomUniform(Tensor out, long seed, long offset, double low, double high) {
        inner.randomUniform(out, seed, offset, low, high);
    }

    @Override
    public void randomNormal(Tensor out, long seed, long offset, double mean, double stddev) {
        inner.randomNormal(out, seed, offset, mean, stddev);
    }

    // ----- INT32 tensors, gather and scatterAdd

    @Override
    public Tensor upload(int[] data, Shape shape) {
        return inner.upload(data, shape);
    }

    @Override
    public void write(Tensor dst, int[] src) {
        inner.write(dst, src);
    }

    @Override
    public void download(Tensor src, int[] dst) {
        inner.download(src, dst);
    }

    @Override
    public void gather(Tensor table, Tensor indices, Tensor out) {
        inner.gather(table, indices, out);
    }

    @Override
    public void scatterAdd(Tensor src, Tensor indices, Tensor table) {
        inner.scatterAdd(src, indices, table);
    }

    // ----- axis reductions and per-axis broadcast

    @Override
    public void sumToShape(Tensor in, Tensor out) {
        inner.sumToShape(in, out);
    }

    // ----- multi-output element-wise

    @Override
    public void elementwise(List<Expr> exprs, List<Tensor> outs, Tensor... inputs) {
        inner.elementwise(exprs, outs, inputs);
    }

    @Override
    public void elementwiseColumns(List<Expr> exprs, List<ColumnBlock> outs, List<ColumnBlock> inputs) {
        inner.elementwiseColumns(exprs, outs, inputs);
    }

    @Override
    public void im2col(Tensor input, Window2D window, Tensor columns) {
        inner.im2col(input, window, columns);
    }

    @Override
    public void col2im(Tensor columns, Window2D window, Tensor input) {
        inner.col2im(columns, window, input);
    }

    @Override
    public void maxPool2d(Tensor input, Window2D window, Tensor output, Tensor argmax) {
        inner.maxPool2d(input, window, output, argmax);
    }

    @Override
    public void maxPool2dBackward(Tensor gradOutput, Tensor argmax, Window2D window, Tensor gradInput) {
        inner.maxPool2dBackward(gradOutput, argmax, window, gradInput);
    }

    @Override
    public void avgPool2d(Tensor input, Window2D window, Tensor output) {
        inner.avgPool2d(input, window, output);
    }

    @Override
    public void avgPool2dBackward(Tensor gradOutput, Window2D window, Tensor gradInput) {
        inner.avgPool2dBackward(gradOutput, window, gradInput);
    }

    @Override
    public void permute(Tensor input, int[] axes, Tensor output) {
        inner.permute(input, axes, output);
    }

    // ----- fused convolution

    @Override
    public void conv2d(
            Tensor input, Tensor weight, Tensor bias, Window2D window, Tensor columns, Tensor product, Tensor output) {
        inner.conv2d(input, weight, bias, window, columns, product, output);
    }

    @Override
    public void conv2dBackward(
            Tensor input,
            Tensor weight,
            Tensor gradOutput,
            Window2D window,
            Tensor columns,
            Tensor product,
            Tensor weightGradient,
            Tensor biasGradient,
            Tensor gradInput) {
        inner.conv2dBackward(
                input, weight, gradOutput, window, columns, product, weightGradient, biasGradient, gradInput);
    }
}
