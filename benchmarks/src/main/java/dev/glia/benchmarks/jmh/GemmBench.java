package dev.glia.benchmarks.jmh;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.benchmarks.glia.GliaBackends;
import dev.glia.benchmarks.spi.GemmInputs;
import java.util.concurrent.TimeUnit;
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
 * {@code Backend.gemm} at the shapes of the MLP 784-256-128-10 at batch 128, as the network calls it
 * (forward NN, weight gradient TN, input gradient NT), and at 1024³. The score is products per second;
 * {@code benchmarks/run jmh} turns it into GFLOPS (2·m·k·n per product).
 *
 * <p>{@code shape} is {@code MxKxN:AB}: C[m×n] = op(A)·op(B) with op(A) m×k and op(B) k×n, A and B stored
 * transposed where the letter is T.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GemmBench {
    /** The Glia backend. */
    @Param("ejml")
    public String backend;

    /** m×k×n and which operands are transposed. */
    @Param({
        "128x784x256:NN",
        "784x128x256:TN",
        "128x256x784:NT",
        "128x256x128:NN",
        "256x128x128:TN",
        "1024x1024x1024:NN"
    })
    public String shape;

    private Backend b;
    private Fence fence;
    private Tensor a;
    private Tensor bm;
    private Tensor c;
    private boolean transA;
    private boolean transB;

    /** Opens the backend and uploads seeded operands. */
    @Setup(Level.Trial)
    public void setup() {
        int[] s = GemmShapes.parse(shape);
        int m = s[0];
        int k = s[1];
        int n = s[2];
        transA = s[3] == 1;
        transB = s[4] == 1;
        b = GliaBackends.open(backend);
        fence = new Fence(b);
        GemmInputs in = GemmInputs.random(m, k, n, 7);
        a = b.upload(in.a(), transA ? Shape.matrix(k, m) : Shape.matrix(m, k));
        bm = b.upload(in.b(), transB ? Shape.matrix(n, k) : Shape.matrix(k, n));
        c = b.allocate(Shape.matrix(m, n), DType.FLOAT32);
    }

    /** One product, waited for. */
    @Benchmark
    public float gemm() {
        b.gemm(transA, transB, 1, a, bm, 0, c);
        return fence.await();
    }

    /** Frees everything. */
    @TearDown(Level.Trial)
    public void tearDown() {
        a.close();
        bm.close();
        c.close();
        fence.close();
        b.close();
    }
}
