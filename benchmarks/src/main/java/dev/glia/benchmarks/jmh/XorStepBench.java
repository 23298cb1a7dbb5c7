package dev.glia.benchmarks.jmh;

import dev.glia.api.Backend;
import dev.glia.api.Optimizer;
import dev.glia.benchmarks.glia.GliaBackends;
import dev.glia.benchmarks.spi.XorSpec;
import dev.glia.core.Dataset;
import dev.glia.core.Network;
import dev.glia.core.TrainingOptions;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
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
 * One full XOR training step (2-8-1, tanh and sigmoid, binary cross-entropy, Adam; batch of 4): forward,
 * loss, backward and the update, through {@code Network.fit}. Each invocation is a {@code fit} of
 * {@value #STEPS} one-batch epochs, so the call's own set-up is spread over them; the score is µs per step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class XorStepBench {
    /** Steps per invocation. */
    static final int STEPS = 100;

    /** The Glia backend. */
    @Param("ejml")
    public String backend;

    private Backend b;
    private Network net;
    private TrainingOptions options;
    private final Dataset data = Dataset.of(XorSpec.inputs(), 2, XorSpec.targets(), 1);

    /** Builds the network. */
    @Setup(Level.Trial)
    public void setup() {
        XorSpec spec = XorSpec.standard(42);
        b = GliaBackends.open(backend);
        net = Network.builder(b)
                .seed(spec.seed())
                .input(2)
                .dense(spec.hidden(), "tanh")
                .dense(1, "sigmoid")
                .build();
        Optimizer adam = Optimizers.adam(spec.learningRate());
        options = TrainingOptions.builder()
                .loss(Losses.binaryCrossEntropy())
                .optimizer(adam)
                .epochs(STEPS)
                .batchSize(4)
                .shuffle(false)
                .build();
    }

    /** {@value #STEPS} training steps. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public double step() {
        return net.fit(data, options).finalLoss();
    }

    /** Frees everything. */
    @TearDown(Level.Trial)
    public void tearDown() {
        net.close();
        b.close();
    }
}
