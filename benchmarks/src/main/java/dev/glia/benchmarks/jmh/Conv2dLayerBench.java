package dev.glia.benchmarks.jmh;

import dev.glia.api.Backend;
import dev.glia.api.Layer;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.benchmarks.glia.GliaBackends;
import dev.glia.benchmarks.spi.CnnSpec;
import dev.glia.core.Layers;
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
 * One Conv2D layer of the cnn benchmark's network ({@link CnnSpec}) at its shapes, on a batch of 128: {@code conv1}
 * ([1, 28, 28] → 32 filters 5×5, ReLU) or {@code conv2} ([32, 12, 12] → 64 filters 5×5, ReLU). {@code forward} is
 * the inference pass; {@code forwardBackward} the training pass and its backward (weight and bias gradients, and
 * the input gradient for {@code conv2} only, as in training, where conv1 is the first layer). The score is ms per
 * batch; the layer is Glia's own, built through {@link Layers#conv2d} in a one-layer network, so the figures include
 * what the layer adds to its backend operations (bias, activation, buffers); {@code ConvolutionBench} times those
 * operations one by one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class Conv2dLayerBench {
    /** The Glia backend. */
    @Param("ejml")
    public String backend;

    /** Which of the network's two convolutions. */
    @Param({"conv1", "conv2"})
    public String layer;

    private Backend b;
    private Fence fence;
    private Network net;
    private Layer conv;
    private Tensor x;
    private Tensor gradOutput;
    private boolean inputGradient;

    /** Builds the layer and fills its input and an output gradient. */
    @Setup(Level.Trial)
    public void setup() {
        CnnSpec spec = CnnSpec.fashionMnist(1, 42);
        boolean first = layer.equals("conv1");
        if (!first && !layer.equals("conv2")) {
            throw new IllegalArgumentException("layer is conv1 or conv2, got " + layer);
        }
        Shape in = first
                ? Shape.of(spec.channels(), spec.side(), spec.side())
                : Shape.of(spec.filters1(), spec.pool1Side(), spec.pool1Side());
        int filters = first ? spec.filters1() : spec.filters2();
        inputGradient = !first;
        b = GliaBackends.open(backend);
        fence = new Fence(b);
        net = Network.builder(b)
                .seed(spec.seed())
                .input(in)
                .add(Layers.conv2d(filters, spec.kernel(), "relu"))
                .build();
        conv = net.layers().get(0);
        x = b.upload(randoms(in.size() * spec.batch(), 5), in.batchOf(spec.batch()));
        Shape out = conv.outputShape().batchOf(spec.batch());
        gradOutput = b.upload(randoms(out.size(), 6), out);
    }

    /** The inference pass over the batch. */
    @Benchmark
    public float forward() {
        conv.forward(x, false);
        return fence.await();
    }

    /** The training pass and its backward over the batch. */
    @Benchmark
    public float forwardBackward() {
        conv.forward(x, true);
        conv.backward(gradOutput, inputGradient);
        return fence.await();
    }

    /** Frees everything. */
    @TearDown(Level.Trial)
    public void tearDown() {
        gradOutput.close();
        x.close();
        net.close();
        fence.close();
        b.close();
    }

    /**
     * Floating-point operations of one call on the batch: 2 per multiply-add of the forward pass, twice that with
     * the weight gradient ({@code forwardBackward}), three times with the input gradient too ({@code conv2}).
     */
    public static double flops(String layer, boolean backward) {
        CnnSpec spec = CnnSpec.fashionMnist(1, 42);
        boolean first = layer.equals("conv1");
        double forward = 2.0 * spec.batch() * (first ? spec.conv1Macs() : spec.conv2Macs());
        return backward ? forward * (first ? 2 : 3) : forward;
    }

    private static float[] randoms(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return v;
    }
}
