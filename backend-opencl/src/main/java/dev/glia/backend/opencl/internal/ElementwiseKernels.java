package dev.glia.backend.opencl.internal;

import dev.glia.api.DType;
import dev.glia.api.expr.Expr;
import dev.glia.api.spi.Broadcast;
import dev.glia.api.spi.lowering.Lowering;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;

/**
 * The fused element-wise kernels: one program per distinct (expression, broadcast pattern of the
 * inputs it reads, element type), rendered by {@link ExprRenderer}, built on first use and cached.
 * The cache keeps the {@link #CAPACITY} most recently used kernels and releases the rest.
 */
final class ElementwiseKernels implements AutoCloseable {
    /** Kernels kept; a network uses a few dozen, one per batch size for constants like 1/n. */
    static final int CAPACITY = 1024;

    private static final long GROUP = 256;

    /** A cache key: modes of unread inputs are null, so they do not split the cache. */
    private record Key(List<Expr> exprs, boolean multi, List<Broadcast> modes, DType dtype) {}

    /** A built kernel and the inputs it reads. */
    static final class Compiled {
        final cl_program program;
        final cl_kernel kernel;
        final int[] inputs;
        /** Whether each of {@link #inputs} is read along axes, taking its stride and count as arguments. */
        final boolean[] alongAxes;

        final long group;
        final String source;

        Compiled(cl_program program, cl_kernel kernel, int[] inputs, boolean[] alongAxes, long group, String source) {
            this.program = program;
            this.kernel = kernel;
            this.inputs = inputs;
            this.alongAxes = alongAxes;
            this.group = group;
            this.source = source;
        }
    }

    private final ClContext cl;
    private final Map<Key, Compiled> cache = new LinkedHashMap<>(64, 0.75f, true);
    private long builds;

    ElementwiseKernels(ClContext cl) {
        this.cl = cl;
    }

    /** The kernel for {@code expr} with these input modes (as long as the inputs given), built if new. */
    Compiled get(Expr expr, Broadcast[] modes, DType dtype) {
        return get(List.of(expr), false, modes, dtype);
    }

    /**
     * The kernel writing one output per expression of {@code exprs} ({@code multi}; parameters
     * {@code out0, out1, …}) or the one-output kernel of {@code exprs.get(0)}, built if new.
     */
    Compiled get(List<Expr> exprs, boolean multi, Broadcast[] modes, DType dtype) {
        boolean[] used = Lowering.usedInputs(exprs);
        Broadcast[] keyModes = new Broadcast[used.length];
        for (int i = 0; i < used.length; i++) {
            keyModes[i] = used[i] ? modes[i] : null;
        }
        Key key = new Key(exprs, multi, Arrays.asList(keyModes), dtype);
        Compiled c = cache.get(key);
        if (c == null) {
            c = build(List.copyOf(exprs), multi, keyModes, used, dtype);
            cache.put(key, c);
            evict();
        }
        return c;
    }

    private Compiled build(List<Expr> exprs, boolean multi, Broadcast[] modes, boolean[] used, DType dtype) {
        String source = ExprRenderer.render(exprs, modes, dtype, multi);
        String what = "elementwise " + (multi ? exprs : exprs.get(0));
        cl_program program = cl.build(what, source, KernelSources.typeOptions(dtype));
        cl_kernel kernel;
        try {
            kernel = cl.kernel(program, "elementwise");
        } catch (RuntimeException e) {
            cl.release(program);
            throw e;
        }
        builds++;
        int[] inputs = new int[countUsed(used)];
        boolean[] alongAxes = new boolean[inputs.length];
        for (int i = 0, j = 0; i < used.length; i++) {
            if (used[i]) {
                alongAxes[j] = modes[i] == Broadcast.AXIS;
                inputs[j++] = i;
            }
        }
        long[] max = new long[1];
        int s = CL.clGetKernelWorkGroupInfo(
                kernel, cl.device().device(), CL.CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(max), null);
        long group = s == CL.CL_SUCCESS && max[0] > 0 ? Math.min(GROUP, Long.highestOneBit(max[0])) : 1;
        return new Compiled(program, kernel, inputs, alongAxes, group, source);
    }

    private static int countUsed(boolean[] used) {
        int n = 0;
        for (boolean u : used) {
            n += u ? 1 : 0;
        }
        return n;
    }

    /** Enqueues {@code c} writing {@code out} (rows x cols) from {@code inputs}, none read along axes. */
    void run(Compiled c, cl_mem out, int rows, int cols, cl_mem[] inputs) {
        run(c, out, rows, cols, inputs, null, null);
    }

    /**
     * Enqueues {@code c} writing {@code out} (rows x cols) from {@code inputs}; input {@code i} read along axes
     * has {@code strides[i]} and {@code counts[i]} (the arrays may be null when there is none).
     */
    void run(Compiled c, cl_mem out, int rows, int cols, cl_mem[] inputs, int[] strides, int[] counts) {
        int n = rows * cols;
        Launch.arg(c.kernel, 0, n);
        Launch.arg(c.kernel, 1, cols);
        Launch.arg(c.kernel, 2, out);
        for (int j = 0, arg = 3; j < c.inputs.length; j++) {
            int i = c.inputs[j];
            Launch.arg(c.kernel, arg++, inputs[i]);
            if (c.alongAxes[j]) {
                Launch.arg(c.kernel, arg++, strides[i]);
                Launch.arg(c.kernel, arg++, counts[i]);
            }
        }
        Launch.run(cl.queue(), c.kernel, "elementwise", new long[] {Launch.roundUp(n, c.group)}, new long[] {c.group});
    }

    /**
     * Enqueues the kernel {@code c} with several outputs, writing {@code outs[0 … outCount)} (rows x cols each);
     * inputs read along axes take their strides and counts as in
     * {@link #run(Compiled, cl_mem, int, int, cl_mem[], int[], int[])} (the arrays may be null when there is none).
     */
    void run(
            Compiled c, cl_mem[] outs, int outCount, int rows, int cols, cl_mem[] inputs, int[] strides, int[] counts) {
        int n = rows * cols;
        Launch.arg(c.kernel, 0, n);
        Launch.arg(c.kernel, 1, cols);
        for (int j = 0; j < outCount; j++) {
            Launch.arg(c.kernel, 2 + j, outs[j]);
        }
        for (int j = 0, arg = 2 + outCount; j < c.inputs.length; j++) {
            int i = c.inputs[j];
            Launch.arg(c.kernel, arg++, inputs[i]);
            if (c.alongAxes[j]) {
                Launch.arg(c.kernel, arg++, strides[i]);
                Launch.arg(c.kernel, arg++, counts[i]);
            }
        }
        Launch.run(cl.queue(), c.kernel, "elementwise", new long[] {Launch.roundUp(n, c.group)}, new long[] {c.group});
    }

    private void evict() {
        Iterator<Compiled> it = cache.values().iterator();
        while (cache.size() > CAPACITY && it.hasNext()) {
            Compiled old = it.next();
            it.remove();
            release(old);
        }
    }

    private void release(Compiled c) {
        cl.release(c.kernel);
        cl.release(c.program);
    }

    /** Kernels cached now. */
    int size() {
        return cache.size();
    }

    /** Programs built so far (a cache hit builds nothing). */
    long builds() {
        return builds;
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (Compiled c : cache.values()) {
            ProgramCache.run(() -> release(c), failures);
        }
        cache.clear();
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
