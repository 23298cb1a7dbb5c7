package dev.glia.api.spi;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.TensorAllocationException;
import dev.glia.api.expr.Expr;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Argument checks shared by every backend, so that a mistake gives the same clear message on any of
 * them: the operation, what was expected and the shapes on both sides.
 */
public final class OpChecks {
    private OpChecks() {}

    /**
     * Checks that {@code t} is an open tensor of {@code backend} with the implementation type
     * {@code type}, and returns it as that type.
     */
    public static <T extends AbstractTensor> T owned(Backend backend, Tensor t, Class<T> type, String op) {
        if (t == null) {
            throw new NullPointerException(op + ": tensor is null");
        }
        if (t.backend() != backend || !type.isInstance(t)) {
            String owner = t.backend().name().equals(backend.name())
                    ? "another instance of the '" + backend.name() + "' backend"
                    : "backend '" + t.backend().name() + "', not to this '" + backend.name() + "' backend";
            throw new IllegalArgumentException(op + ": tensor " + t.shape() + " belongs to " + owner
                    + "; move it with upload(tensor.toFloatArray(), shape)");
        }
        T owned = type.cast(t);
        owned.checkOpen();
        return owned;
    }

    /** Checks that all tensors share the first one's dtype. */
    public static void sameDType(String op, Tensor... tensors) {
        if (tensors.length == 0) {
            return;
        }
        for (Tensor t : tensors) {
            if (t.dtype() != tensors[0].dtype()) {
                StringBuilder sb = new StringBuilder(op).append(": all tensors must share one dtype, got");
                for (Tensor u : tensors) {
                    sb.append(' ')
                            .append(u.shape())
                            .append(' ')
                            .append(u.dtype())
                            .append(';');
                }
                throw new IllegalArgumentException(sb.toString());
            }
        }
    }

    /** What to do when a tensor is too large, for callers that know nothing more specific about the backend. */
    public static final String MEMORY_ADVICE =
            "use a smaller model, or give the backend more memory (for the Java heap:"
                    + " -Xmx, e.g. GLIA_JAVA_OPTS=-Xmx16g for ./glia)";

    /** Bytes of a tensor of this shape and dtype, in long arithmetic. */
    public static long tensorBytes(Shape shape, DType dtype) {
        return (long) shape.size() * dtype.bytes();
    }

    /**
     * Checks that a tensor of {@code shape} and {@code dtype} fits under {@link Backend#maxTensorBytes()}, and
     * throws {@link TensorAllocationException} naming {@code what} (e.g. {@code a tensor}, {@code Dense #1's
     * weights}), the shape, dtype, bytes and the limit, followed by {@code advice} (what to do) otherwise.
     */
    public static void fits(Backend backend, Shape shape, DType dtype, String what, String advice) {
        long bytes = tensorBytes(shape, dtype);
        long limit = backend.maxTensorBytes();
        if (bytes > limit) {
            throw new TensorAllocationException(
                    "Cannot allocate " + what + " " + shape + " " + dtype + " of "
                            + TensorAllocationException.size(bytes) + " on the " + backend.name()
                            + " backend: the largest"
                            + " tensor it can give is " + TensorAllocationException.size(limit) + "; " + advice,
                    shape,
                    dtype,
                    bytes,
                    limit,
                    null);
        }
    }

    /**
     * The one way every backend allocates: checks {@link #fits} and then runs {@code allocation}, turning an
     * {@link OutOfMemoryError} it throws (memory full, even under the cap) into a
     * {@link TensorAllocationException} that says how much the backend's live tensors hold. {@code advice}
     * says what raises the backend's memory, e.g. {@code raise -Xmx (for ./glia: GLIA_JAVA_OPTS=-Xmx16g)}.
     */
    public static <T> T allocation(Backend backend, Shape shape, DType dtype, String advice, Supplier<T> allocation) {
        fits(backend, shape, dtype, "a tensor", "use a smaller model or " + advice);
        try {
            return allocation.get();
        } catch (OutOfMemoryError e) {
            long bytes = tensorBytes(shape, dtype);
            throw new TensorAllocationException(
                    "Cannot allocate a tensor " + shape + " " + dtype + " of "
                            + TensorAllocationException.size(bytes) + " on the " + backend.name() + " backend: out of"
                            + " memory while its live tensors hold "
                            + TensorAllocationException.size(backend.liveBytes())
                            + " ("
                            + String.valueOf(e.getMessage())
                                    .replaceAll("\\s+", " ")
                                    .trim() + "); free tensors, use a smaller model or " + advice,
                    shape,
                    dtype,
                    bytes,
                    backend.maxTensorBytes(),
                    e);
        }
    }

    /** Checks that a host array's length matches the tensor's size. */
    public static void hostLength(String op, Shape shape, int length) {
        if (length != shape.size()) {
            throw new IllegalArgumentException(
                    op + ": tensor " + shape + " has " + shape.size() + " elements but the array has " + length);
        }
    }

    /**
     * Checks the shapes of {@code c = op(a) * op(b)} and returns {@code {m, n, k}}.
     */
    public static int[] gemm(boolean transA, boolean transB, Tensor a, Tensor b, Tensor c) {
        gemmShapes(transA, transB, a, b, c);
        return new int[] {
            transA ? a.shape().dim(1) : a.shape().dim(0),
            transB ? b.shape().dim(0) : b.shape().dim(1),
            transA ? a.shape().dim(0) : a.shape().dim(1)
        };
    }

    /**
     * Checks the shapes of {@code c = op(a) * op(b)}, allocating nothing when they are right: every operand is
     * rank 2, {@code op(a)} is m×k, {@code op(b)} k×n, {@code c} m×n, and {@code c} is neither {@code a} nor
     * {@code b}.
     */
    public static void gemmShapes(boolean transA, boolean transB, Tensor a, Tensor b, Tensor c) {
        if (a.shape().rank() != 2 || b.shape().rank() != 2 || c.shape().rank() != 2) {
            throw new IllegalArgumentException(
                    "gemm: every operand must be rank 2, got a=" + a.shape() + " b=" + b.shape() + " c=" + c.shape());
        }
        int m = transA ? a.shape().dim(1) : a.shape().dim(0);
        int k = transA ? a.shape().dim(0) : a.shape().dim(1);
        int kb = transB ? b.shape().dim(1) : b.shape().dim(0);
        int n = transB ? b.shape().dim(0) : b.shape().dim(1);
        if (k != kb || c.shape().dim(0) != m || c.shape().dim(1) != n) {
            throw new IllegalArgumentException("gemm: op(a) is " + m + "x" + k + " (a=" + a.shape()
                    + (transA ? " transposed" : "") + "), op(b) is " + kb + "x" + n + " (b=" + b.shape()
                    + (transB ? " transposed" : "") + "), so c must be [" + m + ", " + n + "] with inner sizes equal;"
                    + " got c=" + c.shape());
        }
        if (RegionChecks.sameMemory(c, a) || RegionChecks.sameMemory(c, b)) {
            throw new IllegalArgumentException("gemm: c must not be the same tensor as a or b, nor a view of the same"
                    + " memory; write into another tensor");
        }
    }

    /**
     * Checks an element-wise call and returns how each input broadcasts onto {@code out}.
     */
    public static Broadcast[] elementwise(Expr expr, Tensor out, Tensor... inputs) {
        int needed = expr.inputCount();
        if (inputs.length < needed) {
            throw new IllegalArgumentException("elementwise: the expression " + expr + " reads " + needed
                    + " inputs but " + inputs.length + " were given");
        }
        int rows = out.shape().rows();
        int cols = out.shape().columns();
        Broadcast[] modes = new Broadcast[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Shape s = inputs[i].shape();
            if (s.rows() == rows && s.columns() == cols) {
                modes[i] = Broadcast.FULL;
            } else if (s.size() == 1) {
                modes[i] = Broadcast.SCALAR;
            } else if (s.rows() == 1 && s.columns() == cols) {
                modes[i] = Broadcast.ROW;
            } else if (s.columns() == 1 && s.rows() == rows) {
                modes[i] = Broadcast.COLUMN;
            } else if (Broadcast.alongAxes(s, out.shape())) {
                modes[i] = Broadcast.AXIS;
            } else {
                throw new IllegalArgumentException("elementwise: input " + i + " has shape " + s + " (matrix "
                        + s.rows() + "x" + s.columns() + ") which does not broadcast onto the output " + out.shape()
                        + " (matrix " + rows + "x" + cols + "); expected " + rows + "x" + cols + ", 1x" + cols
                        + ", " + rows + "x1, a single element, or rank "
                        + out.shape().rank() + " with each dimension"
                        + " the output's or 1 and the others adjacent" + axisMismatch(s, out.shape()));
            }
            if (inputs[i] == out && modes[i] != Broadcast.FULL) {
                throw new IllegalArgumentException("elementwise: the output may only be an input of the same shape");
            }
        }
        return modes;
    }

    /**
     * Checks a reduction along {@code axis} of the matrix view and returns the number of outputs.
     */
    public static int reduction(String op, Tensor in, int axis, Tensor out) {
        if (axis != 0 && axis != 1) {
            throw new IllegalArgumentException(
                    op + ": axis must be 0 (down the columns) or 1 (along the rows), got " + axis);
        }
        int expected = axis == 0 ? in.shape().columns() : in.shape().rows();
        if (out.shape().size() != expected) {
            throw new IllegalArgumentException(op + " along axis " + axis + " of " + in.shape() + " (matrix "
                    + in.shape().rows() + "x" + in.shape().columns() + ") gives " + expected
                    + " values, but the output " + out.shape() + " holds "
                    + out.shape().size());
        }
        if (RegionChecks.sameMemory(in, out)) {
            throw new IllegalArgumentException(
                    op + ": the output must not be the input, nor a view of the same memory");
        }
        return expected;
    }

    // ----- INT32 tensors, gather and scatterAdd

    /**
     * Checks that {@code t} is FLOAT32 or FLOAT64, the types every arithmetic operation takes; an INT32 tensor
     * fails with an {@link IllegalArgumentException} naming {@code op}, the tensor and the types it takes.
     */
    public static void floatingPoint(String op, Tensor t) {
        if (!t.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(op + ": tensor " + t.shape() + " is " + t.dtype() + ", but " + op
                    + " takes FLOAT32 or FLOAT64 tensors; INT32 tensors hold indices, for gather and scatterAdd");
        }
    }

    // ----- axis reductions and per-axis broadcast

    /** Why {@code input} does not broadcast along axes onto {@code out}, for a message: {@code ; axis 2 is ...}. */
    private static String axisMismatch(Shape input, Shape out) {
        if (input.rank() != out.rank()) {
            return "";
        }
        for (int a = 0; a < input.rank(); a++) {
            if (input.dim(a) != 1 && input.dim(a) != out.dim(a)) {
                return "; axis " + a + " is " + input.dim(a) + " where the output has " + out.dim(a);
            }
        }
        return "; its dimensions that are not 1 are not adjacent (a 1 lies between them where the output is not 1)";
    }

    /**
     * Checks {@code sumToShape(in, out)}: the same rank, every dimension of {@code out} equal to {@code in}'s
     * or 1, and {@code out} not {@code in}. Allocates nothing when they are right.
     */
    public static void sumToShape(Tensor in, Tensor out) {
        Shape s = in.shape();
        Shape o = out.shape();
        if (s.rank() != o.rank()) {
            throw new IllegalArgumentException("sumToShape: the output " + o + " must have the input " + s
                    + "'s rank " + s.rank() + ", got rank " + o.rank() + "; keep summed axes as 1, e.g. [1, C, 1, 1]"
                    + " for a per-channel sum of [N, C, H, W]");
        }
        for (int a = 0; a < s.rank(); a++) {
            if (o.dim(a) != 1 && o.dim(a) != s.dim(a)) {
                throw new IllegalArgumentException("sumToShape: axis " + a + " of the output " + o + " is " + o.dim(a)
                        + " but must be the input " + s + "'s " + s.dim(a) + " (kept) or 1 (summed)");
            }
        }
        if (in == out) {
            throw new IllegalArgumentException("sumToShape: the output must not be the input " + s);
        }
    }

    // ----- multi-output element-wise

    /**
     * Checks a multi-output element-wise call apart from ownership and dtypes: one output per expression, at
     * least one; no null entries; every output of output 0's shape and distinct from the others; enough
     * inputs; each input broadcasting onto the outputs' shape. Returns how each input broadcasts. An output
     * that is also an input has the outputs' full shape, so it is read as {@link Broadcast#FULL}.
     */
    public static Broadcast[] elementwise(List<Expr> exprs, List<Tensor> outs, Tensor... inputs) {
        String op = "elementwise with several outputs";
        if (exprs.isEmpty()) {
            throw new IllegalArgumentException(
                    op + ": no expression was given; give one expression per output," + " at least one");
        }
        if (exprs.size() != outs.size()) {
            throw new IllegalArgumentException(op + ": " + exprs.size() + " expressions but " + outs.size()
                    + " outputs were given; give exactly one output per expression");
        }
        for (int j = 0; j < exprs.size(); j++) {
            Objects.requireNonNull(exprs.get(j), op + ": expression " + j + " is null");
        }
        Tensor first = outs.get(0);
        for (int j = 1; j < outs.size(); j++) {
            Tensor out = outs.get(j);
            if (!out.shape().equals(first.shape())) {
                throw new IllegalArgumentException(op + ": output " + j + " has shape " + out.shape()
                        + " but output 0 has " + first.shape() + "; every output must have the same shape");
            }
            for (int k = 0; k < j; k++) {
                if (outs.get(k) == out) {
                    throw new IllegalArgumentException(op + ": outputs " + k + " and " + j + " are the same tensor;"
                            + " give each expression an output of its own");
                }
                if (RegionChecks.sameMemory(outs.get(k), out)) {
                    throw new IllegalArgumentException(op + ": outputs " + k + " and " + j + " are views of the same"
                            + " memory; give each expression an output of its own");
                }
            }
        }
        int needed = 0;
        for (Expr e : exprs) {
            needed = Math.max(needed, e.inputCount());
        }
        if (inputs.length < needed) {
            throw new IllegalArgumentException(
                    op + ": the expressions read " + needed + " inputs but " + inputs.length + " were given");
        }
        return elementwise(Expr.constant(0), first, inputs);
    }
}
