package dev.glia.api;

import dev.glia.api.expr.Expr;
import java.util.List;

/**
 * The operations every backend implements. Kept deliberately small: allocation and transfer, zero-copy
 * views and block copies, one matrix product, fused element-wise expressions (with one or several outputs,
 * per-axis broadcasting, and over column blocks in place), reductions along the matrix view's axes or any set
 * of axes, counter-based random fills, and gathering and scattering rows by INT32 index. docs/architecture.md
 * lists every operation and what needs it.
 *
 * <p>Operations write into a tensor the caller supplies, so that layers allocate their buffers once
 * per batch shape and reuse them. Every tensor passed to an operation must belong to this backend,
 * be open, and share one {@link DType}; a violation fails with an exception that names the
 * operation and the shapes on both sides.
 *
 * <p><b>Matrix view.</b> Element-wise operations and reductions see each tensor as a matrix of
 * {@link Shape#rows()} by {@link Shape#columns()}.
 *
 * <p><b>INT32.</b> Every backend holds INT32 tensors, but only as indices: they can be allocated,
 * transferred and reshaped, and are the {@code indices} of {@link #gather} and {@link #scatterAdd}. Every
 * arithmetic operation ({@code gemm}, {@code elementwise}, the reductions) takes FLOAT32 or FLOAT64 tensors
 * and refuses an INT32 one with an {@link IllegalArgumentException} saying so.
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
     * (rows × 1, broadcast across the columns) or a single element; or else the input has {@code out}'s
     * rank, each dimension equal to {@code out}'s or 1, and its dimensions that are not 1 adjacent (a
     * per-channel {@code [1, C, 1, 1]} onto {@code [N, C, H, W]}: element {@code (n, c, h, w)} reads
     * {@code c}). {@code out} may be one of the inputs when that input has {@code out}'s full shape. Compiled forms are cached by expression.
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
    default void synchronize() {}

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

    // ----- views and block copies

    /**
     * A view of {@code tensor} as {@code shape}: the same elements in the same row-major order, over the same
     * memory, so nothing is copied and a write through either tensor is seen through both. {@code shape} may
     * have any rank but must hold as many elements as {@code tensor}; any dtype works.
     *
     * <p>The view owns no memory: it is not counted by {@link #liveTensors()} or {@link #liveBytes()}, and
     * closing it only marks it closed (its base stays usable). It lives no longer than its base: once the base
     * is closed (or the backend), every use of the view fails with {@link IllegalStateException} and
     * {@link Tensor#isClosed()} is true. A view of a view shares the original base. Each call returns a new
     * view, also for the tensor's own shape.
     *
     * @throws IllegalArgumentException when the sizes differ, or the tensor belongs to another backend
     * @throws IllegalStateException when the tensor (or its base) was closed
     */
    Tensor reshape(Tensor tensor, Shape shape);

    /**
     * Copies the {@code rows × columns} block whose top-left element is at ({@code srcRow}, {@code srcColumn})
     * of {@code src}'s matrix view into {@code dst}'s matrix view at ({@code dstRow}, {@code dstColumn}); the
     * rest of {@code dst} is unchanged. Both tensors share one dtype; {@code rows} and {@code columns} are at
     * least 1 and both blocks lie inside their matrices. Slices, concatenation and time steps (an
     * {@code [N, T, F]} tensor is the {@code N × T·F} matrix, step {@code t} its columns {@code t·F} to
     * {@code t·F + F - 1}) are all this one operation.
     *
     * <p>{@code src} and {@code dst} may be the same tensor, or views of one base, only when the two blocks
     * share no element; overlapping blocks fail with {@link IllegalArgumentException} (copy through a
     * temporary tensor instead).
     */
    void copyBlock(Tensor src, int srcRow, int srcColumn, Tensor dst, int dstRow, int dstColumn, int rows, int columns);

    // ----- counter-based random numbers

    /**
     * Fills {@code out} (FLOAT32 or FLOAT64, any shape) with numbers uniform in [low, high], from the
     * Philox-4x32-10 generator under {@code seed}, starting at counter {@code offset}. Element {@code i}
     * (row-major) is word {@code i % 4} of counter {@code offset + i / 4}, turned into
     * {@code u = (word + 0.5) * 2^-32} in (0, 1) and then {@code low + (high - low) * u}, computed in double and
     * rounded once ({@link dev.glia.api.spi.Philox} defines every step). So the numbers depend only on the seed,
     * the offset and the element's index: every backend gives the same bits, in either dtype, and a tensor of
     * {@code n} elements uses {@code ceil(n / 4)} counters, so the next call that should continue the stream
     * passes {@code offset + ceil(n / 4)}.
     *
     * @param low  the smallest value, finite and below {@code high} (and within float range for FLOAT32)
     * @param high the largest value, finite
     * @param offset the first counter, {@code >= 0}, with {@code offset + ceil(n / 4)} not past {@link Long#MAX_VALUE}
     * @throws IllegalArgumentException for any other dtype or parameters, naming the tensor and values
     */
    void randomUniform(Tensor out, long seed, long offset, double low, double high);

    /**
     * Fills {@code out} (FLOAT32 or FLOAT64, any shape) with normally distributed numbers of {@code mean} and
     * {@code stddev}, from the same words as {@link #randomUniform}: elements {@code 2j} and {@code 2j + 1} are
     * a Box–Muller pair of their uniforms {@code u1, u2}: {@code r = sqrt(-2 ln u1)}, {@code mean + stddev * r cos(2 pi
     * u2)} and {@code mean + stddev * r sin(2 pi u2)}. Backends agree within float rounding (the transcendental
     * functions differ in their last bits); offsets continue as for {@link #randomUniform}.
     *
     * @param mean   finite (within float range for FLOAT32)
     * @param stddev finite and {@code >= 0}
     * @throws IllegalArgumentException for any other dtype or parameters, naming the tensor and values
     */
    void randomNormal(Tensor out, long seed, long offset, double mean, double stddev);

    // ----- INT32 tensors, gather and scatterAdd

    /**
     * A new INT32 tensor holding {@code data} (row-major, length equal to the shape's size). Fails like
     * {@link #allocate} when the backend cannot hold it.
     */
    Tensor upload(int[] data, Shape shape);

    /**
     * Overwrites all of {@code dst} with {@code src}: exactly into an INT32 or FLOAT64 tensor, rounded to the
     * nearest float into a FLOAT32 one (integers beyond 2^24 are not all floats).
     *
     * <p>The other transfers convert too. Into an INT32 tensor, {@link #write(Tensor, float[])} and
     * {@link #write(Tensor, double[])} take only whole numbers in the int range; out of an INT32 tensor,
     * {@link #download(Tensor, float[])} rounds to the nearest float and {@link #download(Tensor, double[])} is
     * exact. A value that is not a whole number in the int range (2.5, NaN, 2^31) fails with an
     * {@link IllegalArgumentException} naming its position and value, and nothing is written.
     */
    void write(Tensor dst, int[] src);

    /**
     * Copies all of {@code src} into {@code dst}, whose length must equal the tensor's size: exactly from an
     * INT32 tensor; from a FLOAT32 or FLOAT64 one only when every value is a whole number in the int range
     * (else an {@link IllegalArgumentException} naming the first other value and its position, {@code dst}
     * untouched).
     */
    void download(Tensor src, int[] dst);

    /**
     * Gathers rows of a table: row {@code i} of {@code out} becomes row {@code indices[i]} of {@code table}.
     *
     * <p>{@code table} is FLOAT32 or FLOAT64 and seen as its matrix view of V rows by D columns.
     * {@code indices} is INT32 of any shape, its n elements taken row-major. {@code out} has the table's dtype
     * and shape {@code [n, D]} (its matrix view n by D) or the indices' shape followed by D (e.g. indices
     * {@code [B, T]} give out {@code [B, T, D]}): both lay out row i at elements {@code i*D ... i*D + D - 1}.
     * {@code out} must not be the table. This is an embedding's forward pass.
     *
     * <p>Every index must lie in [0, V): otherwise the call fails with an {@link IllegalArgumentException} that
     * names the position, the index and V, and writes nothing. Backends check before writing: a host backend
     * scans the indices in place, a device backend reads them back first (one small blocking transfer per
     * call).
     */
    void gather(Tensor table, Tensor indices, Tensor out);

    /**
     * Adds rows into a table: for {@code i = 0, 1, ..., n - 1} in this order, row {@code indices[i]} of
     * {@code table} {@code +=} row {@code i} of {@code src}. An index that repeats adds every one of its rows,
     * in that order, so the result is deterministic. This is an embedding's backward pass (the table being the
     * gradient).
     *
     * <p>Shapes and dtypes as in {@link #gather} with {@code src} in the place of {@code out}; {@code src} must
     * not be the table. An index outside [0, V) fails as in {@link #gather}, checked before anything is added.
     */
    void scatterAdd(Tensor src, Tensor indices, Tensor table);

    // ----- axis reductions and per-axis broadcast

    /**
     * Sums {@code in} over every axis where {@code out} is 1 into {@code out}, which has {@code in}'s rank and
     * each dimension equal to {@code in}'s or 1: any set of axes, e.g. {@code [N, C, H, W]} into
     * {@code [1, C, 1, 1]} (per-channel sums) or {@code [N, T, F]} into {@code [1, 1, F]}. The adjoint of
     * {@link #elementwise}'s broadcast of an input of {@code out}'s shape. {@code out} must not be {@code in};
     * where no axis is summed it is a copy. The order of the additions is the backend's own.
     */
    void sumToShape(Tensor in, Tensor out);

    // ----- multi-output element-wise

    /**
     * Evaluates several expressions element by element in one fused pass: {@code outs.get(j)} receives
     * {@code exprs.get(j)}; input {@code i} of every expression is {@code inputs[i]}, broadcast as in
     * {@link #elementwise(Expr, Tensor, Tensor...)}. For each element every expression is evaluated from the
     * inputs before any output is written, so an output may also be an input of the outputs' full shape
     * (an optimiser updating its parameter and moments in place). Subexpressions common to several
     * expressions are computed once per element.
     *
     * <p>There is one output per expression, at least one; the outputs are distinct tensors (not views of one
     * memory) of one shape and dtype, the inputs' dtype, FLOAT32 or FLOAT64. Inputs broadcast in every way the
     * one-output call accepts, along axes included.
     */
    void elementwise(List<Expr> exprs, List<Tensor> outs, Tensor... inputs);

    /**
     * {@link #elementwise(List, List, Tensor...)} over column blocks, read and written where they lie: output
     * block {@code j} receives {@code exprs.get(j)}, evaluated for every row {@code r} and column {@code c} of the
     * blocks from element {@code (r, c)} of each input block, or {@code (0, c)} of an input block of one row
     * (broadcast down the rows). The blocks of an LSTM's gates and of a time step of {@code [N, T, F]} are read and
     * written this way without copying them apart first.
     *
     * <p>There is one output block per expression, at least one, all of the same rows and width; each input block
     * has that width and those rows or one row. Every tensor is FLOAT32 or FLOAT64, of one dtype, open and this
     * backend's. Output blocks share no element with each other. An input block may share elements with an
     * output block only by being the very same elements in the same order (computed in place); any other overlap
     * fails with an {@link IllegalArgumentException}, as do blocks of other widths or rows, naming both sides.
     * Elements outside the output blocks are unchanged.
     *
     * <p>A backend that cannot address blocks in place may copy them through temporary tensors
     * ({@link dev.glia.api.spi.AbstractBackend}'s default); the results are the same.
     */
    void elementwiseColumns(List<Expr> exprs, List<ColumnBlock> outs, List<ColumnBlock> inputs);

    // ----- convolution windows and axis permutation

    /**
     * Unfolds the patches of a convolution into columns, so that the convolution becomes one {@link #gemm}
     * (Caffe's and CLBlast's im2col). {@code input} is {@code [N, C, H, W]}; {@code columns} is
     * {@code [C·KH·KW, N·OH·OW]}, where {@code OH, OW} are {@code window}'s output size: its row
     * {@code (c·KH + i)·KW + j} and column {@code (n·OH + oh)·OW + ow} hold
     * {@code input[n, c, oh·SH - padTop + i·DH, ow·SW - padLeft + j·DW]}, or 0 where that lies in the padding.
     * A convolution with weights {@code [K, C·KH·KW]} is then {@code weights × columns = [K, N·OH·OW]},
     * which {@link #permute} turns into {@code [N, K, OH, OW]}. Both tensors are FLOAT32 or FLOAT64, of one dtype.
     */
    void im2col(Tensor input, Window2D window, Tensor columns);

    /**
     * The adjoint of {@link #im2col}: overwrites {@code input} ({@code [N, C, H, W]}) so that each element is
     * the sum of every element of {@code columns} ({@code [C·KH·KW, N·OH·OW]}) that {@code im2col} would have
     * copied from it; padding positions are dropped. This is a convolution's input gradient from the gradient
     * of its columns. Shapes and dtypes as in {@code im2col}.
     */
    void col2im(Tensor columns, Window2D window, Tensor input);

    /**
     * Max pooling: {@code output[n, c, oh, ow]} is the largest input element in the window of {@code (oh, ow)}
     * over plane {@code (n, c)} of {@code input} {@code [N, C, H, W]}, padding excluded (as if it held minus
     * infinity); {@code argmax} (INT32, {@code output}'s shape {@code [N, C, OH, OW]}) receives its position
     * {@code h·W + w} in that plane, for {@link #maxPool2dBackward}. Ties go to the first in the window's
     * row-major order; a NaN wins over any number (the first NaN), so NaN propagates. The window has no
     * dilation and pads each side by at most half its kernel, as PyTorch requires, so every window holds at
     * least one input element.
     */
    void maxPool2d(Tensor input, Window2D window, Tensor output, Tensor argmax);

    /**
     * The gradient of {@link #maxPool2d}: overwrites {@code gradInput} ({@code [N, C, H, W]}) with, at each
     * position, the sum of the {@code gradOutput} elements whose {@code argmax} names it (0 where none do),
     * added in row-major order of the output. {@code argmax} is what the forward call wrote; each index must lie
     * in {@code [0, H·W)}.
     */
    void maxPool2dBackward(Tensor gradOutput, Tensor argmax, Window2D window, Tensor gradInput);

    /**
     * Average pooling: {@code output[n, c, oh, ow]} is the sum of the window's input elements divided by
     * {@code KH·KW}, padding counted as zeros (PyTorch's default, {@code count_include_pad=True}). The window is
     * restricted as in {@link #maxPool2d}.
     */
    void avgPool2d(Tensor input, Window2D window, Tensor output);

    /**
     * The gradient of {@link #avgPool2d}: overwrites {@code gradInput} so that each input element receives
     * {@code gradOutput / (KH·KW)} from every window that holds it.
     */
    void avgPool2dBackward(Tensor gradOutput, Window2D window, Tensor gradInput);

    /**
     * Permutes axes: {@code output}'s axis {@code i} is {@code input}'s axis {@code axes[i]}, so that
     * {@code output[j_0, …, j_r-1] = input[k]} with {@code k[axes[i]] = j_i}. {@code axes} is a permutation of
     * {@code 0 … rank-1} for the input's rank (up to {@link Shape#MAX_RANK}); {@code output} has the permuted
     * shape and the input's dtype, FLOAT32 or FLOAT64, and must not share its memory. For example {@code [K, N, P]}
     * to {@code [N, K, P]} with axes {@code {1, 0, 2}}.
     */
    void permute(Tensor input, int[] axes, Tensor output);

    // ----- fused convolution: one call per pass, so that a backend may keep the work in cache

    /**
     * A convolution's forward pass: {@code output[n, k, oh, ow] = bias[k] + Σ_q weight[k, q] · im2col(input)[q,
     * (n·OH + oh)·OW + ow]}, that is {@link #im2col}, one {@link #gemm}, a {@link #permute} to {@code [N, K, OH,
     * OW]} and the bias broadcast along the channel axis. {@code input} is {@code [N, C, H, W]}, {@code weight}
     * {@code [K, C·KH·KW]} (PyTorch's {@code [K, C, KH, KW]} seen as a matrix), {@code bias} {@code [K]} or null
     * for none, {@code output} {@code [N, K, OH, OW]}; all of one float dtype.
     *
     * <p>{@code columns} ({@code [C·KH·KW, N·OH·OW]}) and {@code product} ({@code [K, N·OH·OW]}) are the caller's
     * workspaces, so that the call allocates nothing: on return {@code columns} holds {@code im2col(input)}, which
     * {@link #conv2dBackward} reads, and {@code product} is unspecified. That sequence is the default; a backend
     * may compute the same sum another way, within rounding, and then keep its own intermediate values in
     * {@code columns} if its {@code conv2dBackward} does not read the patches there. The ND4J backend multiplies
     * sample by sample while each sample's columns are in cache when the columns are short, and works stride-1
     * convolutions with square kernels of 3 to 7 by Winograd's tile transforms.
     */
    void conv2d(
            Tensor input, Tensor weight, Tensor bias, Window2D window, Tensor columns, Tensor product, Tensor output);

    /**
     * The gradients of {@link #conv2d}, from {@code gradOutput} ({@code [N, K, OH, OW]}, the gradient of the
     * output before any activation): <em>adds</em> {@code Σ_n,p gradOutput[n, k, p] · im2col(input)[q, n·P + p]}
     * to {@code weightGradient} ({@code [K, C·KH·KW]}) and, unless {@code biasGradient} is null, each channel's
     * sum of {@code gradOutput} to {@code biasGradient} ({@code [K]}); and, unless {@code gradInput} is null,
     * <em>overwrites</em> {@code gradInput} ({@code [N, C, H, W]}) with {@code col2im(weightᵀ · gradOutput)}.
     * Shapes and dtypes as in {@code conv2d}; {@code columns} must be as {@code conv2d} of this input left them,
     * or hold {@link #im2col im2col(input)}. On return {@code columns} and {@code product} are unspecified.
     */
    void conv2dBackward(
            Tensor input,
            Tensor weight,
            Tensor gradOutput,
            Window2D window,
            Tensor columns,
            Tensor product,
            Tensor weightGradient,
            Tensor biasGradient,
            Tensor gradInput);
}
