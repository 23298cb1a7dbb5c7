package dev.glia.benchmarks.jmh;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.ElementwiseActivation;
import dev.glia.api.ScratchWorkspace;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import dev.glia.benchmarks.glia.GliaBackends;
import dev.glia.core.activations.Activations;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One activation's forward and backward pass over a 128×256 batch (as in the MLP's first hidden layer),
 * each a fused kernel on the backend. The score is elements per second (one element = its forward and its
 * backward). {@code bench_swish} is a plugin-style activation: only a formula, its derivative derived by
 * Glia, exactly as a plugin jar's would be.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ActivationBench {
    /** Rows of the batch. */
    static final int ROWS = 128;
    /** Columns of the batch. */
    static final int COLUMNS = 256;

    /** The Glia backend. */
    @Param("ejml")
    public String backend;

    /** The activation: a built-in id, or {@code bench_swish} (the plugin-style one). */
    @Param({"relu", "sigmoid", "tanh", "bench_swish"})
    public String activation;

    private Backend b;
    private Fence fence;
    private ScratchWorkspace ws;
    private Activation act;
    private Tensor x;
    private Tensor y;
    private Tensor dy;
    private Tensor dx;

    /** swish(x) = x·sigmoid(x), written the way a plugin author would: one formula, nothing else. */
    public static final class BenchSwish implements ElementwiseActivation {
        @Override
        public String id() {
            return "bench_swish";
        }

        @Override
        public Expr apply(Expr x) {
            return x.mul(x.neg().exp().add(1).recip());
        }
    }

    /** Opens the backend, finds the activation and fills the tensors. */
    @Setup(Level.Trial)
    public void setup() {
        b = GliaBackends.open(backend);
        fence = new Fence(b);
        ws = new ScratchWorkspace(b);
        act = activation.equals("bench_swish")
                ? new BenchSwish()
                : Activations.discover().get(activation);
        SplittableRandom r = new SplittableRandom(3);
        float[] v = new float[ROWS * COLUMNS];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() * 6 - 3);
        }
        Shape s = Shape.matrix(ROWS, COLUMNS);
        x = b.upload(v, s);
        dy = b.upload(v, s);
        y = b.allocate(s, x.dtype());
        dx = b.allocate(s, x.dtype());
    }

    /** Forward then backward over the batch. */
    @Benchmark
    @OperationsPerInvocation(ROWS * COLUMNS)
    public float forwardBackward() {
        act.forward(ws, x, y);
        act.backward(ws, x, y, dy, dx);
        return fence.await();
    }

    /** Frees everything. */
    @TearDown(Level.Trial)
    public void tearDown() {
        for (Tensor t : new Tensor[] {x, y, dy, dx}) {
            t.close();
        }
        ws.close();
        fence.close();
        b.close();
    }
}
