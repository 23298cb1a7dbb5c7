package dev.glia.benchmarks.jmh;

import dev.glia.api.Backend;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.benchmarks.glia.GliaBackends;
import dev.glia.core.Initializer;
import dev.glia.core.Network;
import java.util.SplittableRandom;
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
 * One-sample inference on the MLP 784-256-128-10 (ReLU, ReLU, softmax; He init, seed 42): a host
 * {@code float[784]} written to the backend, the forward pass, the 10 outputs downloaded into a host
 * {@code float[]}. The score is µs per sample.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InferenceBench {
    /** The Glia backend. */
    @Param("ejml")
    public String backend;

    private Backend b;
    private Network net;
    private Tensor x;
    private float[] sample;
    private final float[] out = new float[10];

    /** Builds the network and a sample. */
    @Setup(Level.Trial)
    public void setup() {
        b = GliaBackends.open(backend);
        net = Network.builder(b)
                .seed(42)
                .input(784)
                .dense(256, "relu", Initializer.HE)
                .dense(128, "relu", Initializer.HE)
                .dense(10, "softmax", Initializer.HE)
                .build();
        x = b.allocate(Shape.matrix(1, 784), net.dtype());
        sample = new float[784];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < sample.length; i++) {
            sample[i] = (float) r.nextDouble();
        }
    }

    /** One sample in, ten outputs out. */
    @Benchmark
    public float infer() {
        b.write(x, sample);
        b.download(net.forward(x), out);
        return out[0];
    }

    /** Frees everything. */
    @TearDown(Level.Trial)
    public void tearDown() {
        x.close();
        net.close();
        b.close();
    }
}
