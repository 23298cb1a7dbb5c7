package dev.glia.benchmarks.jmh;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.benchmarks.glia.GliaBackends;
import dev.glia.benchmarks.spi.GemmInputs;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One thread, the MLP's shapes: EJML's own products ({@code CommonOps_FDRM.mult}, {@code multTransA},
 * {@code multTransB}, which the EJML backend called until its row-panel kernel replaced them) against
 * the EJML backend's {@code gemm} today with {@code glia.ejml.concurrent=false}. The evidence behind that
 * change (docs/benchmarks.md); {@code benchmarks/run jmh EjmlKernelBench} prints GFLOPS.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EjmlKernelBench {
    /** {@code ejml-commonops} (EJML's kernels) or {@code glia-ejml} (the backend's, one thread). */
    @Param({"ejml-commonops", "glia-ejml"})
    public String kernel;

    /** m×k×n and which operands are transposed, as in {@link GemmBench}. */
    @Param({"128x784x256:NN", "784x128x256:TN", "128x256x784:NT", "128x256x128:NN", "256x128x128:TN", "128x128x256:NT"})
    public String shape;

    private FMatrixRMaj a;
    private FMatrixRMaj b;
    private FMatrixRMaj c;
    private boolean transA;
    private boolean transB;
    private Backend backend;
    private Fence fence;
    private Tensor ta;
    private Tensor tb;
    private Tensor tc;

    /** Seeded operands, for EJML directly or on the backend. */
    @Setup(Level.Trial)
    public void setup() {
        int[] s = GemmShapes.parse(shape);
        int m = s[0];
        int k = s[1];
        int n = s[2];
        transA = s[3] == 1;
        transB = s[4] == 1;
        GemmInputs in = GemmInputs.random(m, k, n, 7);
        Shape sa = transA ? Shape.matrix(k, m) : Shape.matrix(m, k);
        Shape sb = transB ? Shape.matrix(n, k) : Shape.matrix(k, n);
        if (kernel.equals("glia-ejml")) {
            backend = GliaBackends.open("ejml", Map.of("glia.ejml.concurrent", "false"));
            fence = new Fence(backend);
            ta = backend.upload(in.a(), sa);
            tb = backend.upload(in.b(), sb);
            tc = backend.allocate(Shape.matrix(m, n), DType.FLOAT32);
        } else {
            a = FMatrixRMaj.wrap(sa.dim(0), sa.dim(1), in.a());
            b = FMatrixRMaj.wrap(sb.dim(0), sb.dim(1), in.b());
            c = new FMatrixRMaj(m, n);
        }
    }

    /** One product, c = op(a)·op(b). */
    @Benchmark
    public float product() {
        if (backend != null) {
            backend.gemm(transA, transB, 1, ta, tb, 0, tc);
            return fence.await();
        }
        if (transA) {
            CommonOps_FDRM.multTransA(a, b, c);
        } else if (transB) {
            CommonOps_FDRM.multTransB(a, b, c);
        } else {
            CommonOps_FDRM.mult(a, b, c);
        }
        return c.data[0];
    }

    /** Frees the backend. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (backend != null) {
            fence.close();
            backend.close();
        }
    }
}
