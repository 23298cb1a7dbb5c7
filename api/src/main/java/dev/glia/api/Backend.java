package dev.glia.api;

import dev.glia.api.expr.Expr;
import java.util.List;

/**
 * The operations every backend implements. Kept deliberately small: allocation and transfer, one
 * matrix product, fused element-wise expressions and three reductions.
 *
 * <p>Operations write into a tensor the caller supplies, so that layers allocate their buffers once
 * per batch shape and reuse them. Every tensor passed to an operation must belong to this backend,
 * be open, and share one {@link DType}; a violation fails with an exception that names the
 * operation and the shapes on both sides.
 *
 * <p><b>Matrix view.</b> Element-wise operations and reductions see each tensor as a matrix of
 * {@link Shape#rows()} by {@link Shape#columns()}.
 *
 * <p>A backend is not thread-safe: one thread drives it at a time. Closing it frees everything it
 * still holds.
 */
public interface Backend extends AutoCloseable {

    /** Short stable name used in configuration, e.g. {@code ejml}. */
    String name();

    /** One line naming the library, its version and the device, e.g. {@code EJML 0.43.1, Java heap, 2 threads}. */
    String description();

    /** Whether tensors of this type can be allocated. FLOAT32 is always supported. */
    boolean supports(DType dtype);

    /**
     * A new zero-filled tensor. An unsupported dtype throws {@link UnsupportedOperationException}.
     *
     * <p>A tensor this backend cannot hold fails with {@link TensorAllocationException}, never with an
     * {@link OutOfMemoryError}: at once, before trying, when it needs more than {@link #maxTensorBytes()}; and
     * when the memory itself refuses it (a full heap, native memory or device). Backends route both through
     * {@link dev.glia.api.spi.OpChecks#allocation}, so the message is worded alike everywhere: the shape,
     * dtype, bytes, the limit and what to do. The backend stays usable afterwards.
     */
    Tensor allocate(Shape shape, DType dtype);

    /**
     * A new FLOAT32 tensor holding {@code data} (row-major, length equal to the shape's size). Fails like
     * {@link #allocate} when the backend cannot hold it.
     */
    Tensor upload(float[] data, Shape shape);

    /**
     * A new FLOAT64 tensor holding {@code data} (row-major, length equal to the shape's size). Fails like
     * {@link #allocate} when the backend cannot hold it.
     */
    Tensor upload(double[] data, Shape shape);

    /**
     * The largest single tensor, in bytes, that this backend could ever allocate: a hard cap that holds even
     * with nothing else allocated (a tensor under it may still fail when memory is full). Callers check sizes
     * that come from outside (a model file, a command-line option) against it before allocating anything.
     * Heap backends answer {@link Runtime#maxMemory()}, a native one its allocator's cap, a GPU the device's
     * largest buffer. The default, {@link Long#MAX_VALUE}, means no cap is known.
     */
    default long maxTensorBytes() {
        return Long.MAX_VALUE;
    }

    /** Overwrites all of {@code dst} with {@code src} (converted to the tensor's type). */
    void write(Tensor dst, float[] src);

    /** Overwrites all of {@code dst} with {@code src} (converted to the tensor's type). */
    void write(Tensor dst, double[] src);

    /** Copies all of {@code src} into {@code dst}, whose length must equal the tensor's size. */
    void download(Tensor src, float[] dst);

    /** Copies all of {@code src} into {@code dst}, whose length must equal the tensor's size. */
    void download(Tensor src, double[] dst);

    /**
     * General matrix product {@code c = alpha * op(a) * op(b) + beta * c}, where {@code op(x)} is
     * {@code x} or its transpose. Transposes are never materialised. All three tensors are rank 2;
     * {@code op(a)} is m×k, {@code op(b)} is k×n and {@code c} is m×n. With {@code beta == 0} the old
     * contents of {@code c} are ignored (even NaN). {@code c} must not alias {@code a} or {@code b}.
     */
    void gemm(boolean transposeA, boolean transposeB, double alpha, Tensor a, Tensor b, double beta, Tensor c);

    /**
     * Evaluates {@code expr} element by element into {@code out}, in one fused pass. Input {@code i}
     * of the expression is {@code inputs[i]}. Each input's matrix view is either the same as
     * {@code out}'s, a single row (1 × columns, broadcast down the rows), a single column
     * (rows × 1, broadcast across the columns) or a single element. {@code out} may be one of the
     * inputs when that input has {@code out}'s full shape. Compiled forms are cached by expression.
     * NaN follows the float64 interpreter ({@link Expr#evaluate}): {@code max}/{@code min} propagate it,
     * comparisons with NaN give 0, and {@code where} takes its true branch for a NaN condition.
     */
    void elementwise(Expr expr, Tensor out, Tensor... inputs);

    /**
     * Sums along {@code axis} of the matrix view: axis 0 sums each column into {@code out} of
     * {@code columns} elements, axis 1 sums each row into {@code out} of {@code rows} elements.
     * {@code out} may have any shape of that size.
     */
    void sum(Tensor in, int axis, Tensor out);

    /** Like {@link #sum} but takes the maximum. NaN propagates (a row or column holding NaN gives NaN). */
    void max(Tensor in, int axis, Tensor out);

    /**
     * Like {@link #max} but writes the index of the first maximum (as a number of {@code out}'s type);
     * where NaN is present, the index of the first NaN. Indices are exact in FLOAT32 below 2^24.
     */
    void argmax(Tensor in, int axis, Tensor out);

    /**
     * Waits until every operation issued so far has finished. Synchronous backends return at once; an
     * asynchronous one (OpenCL) drains its queue. Benchmarks call it before reading the clock; a
     * download synchronises by itself.
     */
    default void synchronize() {
    }

    /**
     * Number of tensors allocated through this interface and not yet closed. Internal scratch memory a
     * backend keeps for itself is not counted, so the count returns to its old value once a caller
     * closes what it allocated.
     */
    long liveTensors();

    /** Bytes held by tensors allocated and not yet closed. */
    long liveBytes();

    /** Frees every tensor and native resource this backend still holds. Idempotent. */
    @Override
    void close();

    // ----- multi-output element-wise (issue 12, item 3c)

    /**
     * Evaluates several expressions element by element in one fused pass: {@code outs.get(j)} receives
     * {@code exprs.get(j)}; input {@code i} of every expression is {@code inputs[i]}, broadcast as in
     * {@link #elementwise(Expr, Tensor, Tensor...)}. For each element every expression is evaluated from the
     * inputs before any output is written, so an output may also be an input of the outputs' full shape
     * (an optimiser updating its parameter and moments in place). Subexpressions common to several
     * expressions are computed once per element.
     *
     * <p>There is one output per expression, at least one; the outputs are distinct tensors of one shape and
     * dtype, the inputs' dtype.
     */
    void elementwise(List<Expr> exprs, List<Tensor> outs, Tensor... inputs);
}
