package dev.glia.backend.nd4j.bench;

import dev.glia.api.Backend;
import dev.glia.api.ColumnBlock;
import dev.glia.api.Optimizer;
import dev.glia.api.Parameter;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import dev.glia.testkit.ForwardingBackend;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * For {@link StepProfile}: a backend that forwards every call and, while {@link #on}, adds up per kind of call
 * (operation, shapes, formula) the CPU time of the calling thread and of the backend's helper threads (named
 * {@code glia-nd4j-*}; OpenBLAS's own threading is off and the backend runs no ND4J operation, so those are all the
 * threads that compute), the wall time, the number of calls and, for products, the floating-point operations. A
 * helper spins for a while after each split operation: that time falls between calls, or into the next one.
 * {@link #timed(Optimizer)} wraps an optimiser so that its steps, whose calls go to the parameters' own backend and
 * not through this one, are counted too. Labels are built after the clocks are read, so they are not counted.
 */
final class ProfiledBackend extends ForwardingBackend {
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Per kind of call: CPU ns (calling thread and helpers), wall ns, calls, flops. */
    private final Map<String, long[]> totals = new HashMap<>();
    /** Whether calls are being counted. */
    boolean on;

    private long cpu;
    private long wall;

    private final long[] helpers;

    ProfiledBackend(Backend inner) {
        super(inner);
        helpers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("glia-nd4j-"))
                .mapToLong(Thread::getId)
                .toArray();
    }

    /** The CPU time so far of the calling thread and the backend's helper threads, in nanoseconds. */
    long cpuNow() {
        long sum = THREADS.getCurrentThreadCpuTime();
        for (long id : helpers) {
            sum += Math.max(0, THREADS.getThreadCpuTime(id));
        }
        return sum;
    }

    /** How many helper threads the backend has (the calling thread not counted). */
    int helperThreads() {
        return helpers.length;
    }

    /** The median of {@code v}. */
    static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private void start() {
        if (on) {
            cpu = cpuNow();
            wall = System.nanoTime();
        }
    }

    /** Ends the measurement of a call; {@link #record} then books it (building its label is not measured). */
    private void stop() {
        if (on) {
            wall = System.nanoTime() - wall;
            cpu = cpuNow() - cpu;
        }
    }

    private void record(String what, long flops) {
        if (on) {
            long w = wall;
            long c = cpu;
            long[] t = totals.computeIfAbsent(what, k -> new long[4]);
            t[0] += c;
            t[1] += w;
            t[2]++;
            t[3] += flops;
        }
    }

    /** An optimiser whose steps count as one kind of call, "optimizer step (all parameters)". */
    Optimizer timed(Optimizer optimizer) {
        return new Optimizer() {
            @Override
            public String id() {
                return optimizer.id();
            }

            @Override
            public void step(List<Parameter> parameters) {
                start();
                optimizer.step(parameters);
                stop();
                record("optimizer step (all parameters)", 0);
            }

            @Override
            public void close() {
                optimizer.close();
            }
        };
    }

    /**
     * Prints the counted kinds of call per training step ({@code steps} of them counted), largest CPU time first,
     * with their share of {@code stepCpu} and GFLOPS (by wall time) for products; then the sum, the rest of
     * {@code stepCpu} and {@code stepWall} (a step's process CPU and wall time in rounds without the timing, in
     * nanoseconds), and {@code timedCpu} and {@code timedWall}, a step with the timing; then forgets them.
     */
    void print(int steps, long stepCpu, long stepWall, long timedCpu, long timedWall) {
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(totals.entrySet());
        rows.sort((p, q) -> Long.compare(q.getValue()[0], p.getValue()[0]));
        long cpuSum = 0;
        long wallSum = 0;
        System.out.printf(
                "%9s %6s %9s %7s %7s  %s%n",
                "cpu ms", "cpu %", "wall ms", "calls", "GFLOPS", "call (per training step)");
        for (Map.Entry<String, long[]> row : rows) {
            long[] v = row.getValue();
            cpuSum += v[0];
            wallSum += v[1];
            String gflops = v[3] == 0 ? "" : String.format("%.1f", (double) v[3] / v[1]);
            line(
                    (double) v[0] / steps,
                    stepCpu,
                    (double) v[1] / steps,
                    String.valueOf(v[2] / steps),
                    gflops,
                    row.getKey());
        }
        line((double) cpuSum / steps, stepCpu, (double) wallSum / steps, "", "", "all timed calls");
        line(
                stepCpu - (double) cpuSum / steps,
                stepCpu,
                stepWall - (double) wallSum / steps,
                "",
                "",
                "the rest (training loop, helpers spinning, JIT, GC)");
        line(stepCpu, stepCpu, stepWall, "", "", "a whole step (process CPU), rounds without the timing");
        line(timedCpu, stepCpu, timedWall, "", "", "a whole step (process CPU), these rounds with the timing");
        totals.clear();
    }

    private static void line(double cpu, long stepCpu, double wall, String calls, String gflops, String what) {
        System.out.printf(
                "%9.3f %6.1f %9.3f %7s %7s  %s%n", cpu / 1e6, 100 * cpu / stepCpu, wall / 1e6, calls, gflops, what);
    }

    private static String formula(Expr e) {
        String s = e.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    @Override
    public void write(Tensor dst, float[] src) {
        start();
        super.write(dst, src);
        stop();
        record("write " + dst.shape(), 0);
    }

    @Override
    public void write(Tensor dst, double[] src) {
        start();
        super.write(dst, src);
        stop();
        record("write double " + dst.shape(), 0);
    }

    @Override
    public void download(Tensor src, float[] dst) {
        start();
        super.download(src, dst);
        stop();
        record("download float " + src.shape(), 0);
    }

    @Override
    public void download(Tensor src, double[] dst) {
        start();
        super.download(src, dst);
        stop();
        record("download " + src.shape(), 0);
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        start();
        super.gemm(transposeA, transposeB, alpha, a, b, beta, c);
        stop();
        int inner = transposeA ? a.shape().dim(0) : a.shape().dim(1);
        record(
                "gemm " + (transposeA ? "T" : "N") + (transposeB ? "T" : "N") + " " + a.shape() + " x " + b.shape()
                        + " b=" + beta,
                2L * c.shape().size() * inner);
    }

    @Override
    public void elementwise(Expr expr, Tensor out, Tensor... inputs) {
        start();
        super.elementwise(expr, out, inputs);
        stop();
        record("elementwise " + out.shape() + " " + formula(expr), 0);
    }

    @Override
    public void elementwise(List<Expr> exprs, List<Tensor> outs, Tensor... inputs) {
        start();
        super.elementwise(exprs, outs, inputs);
        stop();
        record("elementwise " + outs.size() + " outs " + outs.get(0).shape() + " " + inputs.length + " ins", 0);
    }

    @Override
    public void elementwiseColumns(List<Expr> exprs, List<ColumnBlock> outs, List<ColumnBlock> inputs) {
        start();
        super.elementwiseColumns(exprs, outs, inputs);
        stop();
        ColumnBlock first = outs.get(0);
        record(
                "elementwiseColumns " + outs.size() + " outs " + first.rows() + "x" + first.width() + " "
                        + inputs.size() + " ins",
                0);
    }

    @Override
    public void copyBlock(
            Tensor src, int srcRow, int srcColumn, Tensor dst, int dstRow, int dstColumn, int rows, int columns) {
        start();
        super.copyBlock(src, srcRow, srcColumn, dst, dstRow, dstColumn, rows, columns);
        stop();
        record("copyBlock " + src.shape() + " -> " + dst.shape() + " block " + rows + "x" + columns, 0);
    }

    @Override
    public void sum(Tensor in, int axis, Tensor out) {
        start();
        super.sum(in, axis, out);
        stop();
        record("sum " + in.shape() + " axis " + axis, 0);
    }

    @Override
    public void max(Tensor in, int axis, Tensor out) {
        start();
        super.max(in, axis, out);
        stop();
        record("max " + in.shape() + " axis " + axis, 0);
    }
}
