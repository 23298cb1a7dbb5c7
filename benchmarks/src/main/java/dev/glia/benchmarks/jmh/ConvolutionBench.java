package dev.glia.benchmarks.jmh;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.Window2D;
import dev.glia.benchmarks.glia.GliaBackends;
import java.util.ArrayList;
import java.util.List;
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
 * A convolution layer as im2col + gemm, at the two convolutions of the Fashion-MNIST CNN (batch 128):
 * {@code conv1} 5×5, 1 → 32 channels over 28×28, and {@code conv2} 5×5, 32 → 64 channels over 12×12 (its
 * columns are [800, 8192]). {@code forward} is im2col, the product {@code W[K, C·25] × columns} and the permute
 * of {@code [K, N, OH·OW]} to {@code [N, K, OH·OW]}; {@code backward} is the permute back, the weight gradient
 * (a product with beta 1, accumulating) and the column gradient (a product) and col2im. {@code im2col} and
 * {@code col2im} alone give their share of the totals. {@code maxPool}/{@code maxPoolBackward} are the 2×2
 * pooling that follows the layer, over its output. The score is microseconds per call; {@code benchmarks/run
 * jmh} turns forward and backward into GFLOPS (2·K·C·25·N·OH·OW per product).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ConvolutionBench {
    /** The Glia backend. */
    @Param("ejml")
    public String backend;

    /** {@code conv1} or {@code conv2} of the CNN. */
    @Param({"conv1", "conv2"})
    public String layer;

    private static final int BATCH = 128;
    private static final Window2D KERNEL = Window2D.of(5, 5);
    private static final Window2D POOL = Window2D.of(2, 2).withStride(2, 2);
    /** [K, N, P] to [N, K, P] and back. */
    private static final int[] SWAP = {1, 0, 2};

    private Backend b;
    private Fence fence;
    private final List<Tensor> owned = new ArrayList<>();
    private Tensor input;
    private Tensor weights;
    private Tensor columns;
    private Tensor product;
    private Tensor productByChannel;
    private Tensor output;
    private Tensor outputByChannel;
    private Tensor gradOutput;
    private Tensor gradProduct;
    private Tensor gradProductByChannel;
    private Tensor gradWeights;
    private Tensor gradColumns;
    private Tensor gradInput;
    private Tensor pooled;
    private Tensor argmax;
    private Tensor gradPooled;
    private Tensor gradPoolInput;

    /** The flops of one product of the layer ({@code 2·K·C·25·N·OH·OW}), for {@code conv1} or {@code conv2}. */
    public static double productFlops(String layer) {
        int[] s = sizes(layer);
        int oh = s[2] - 4;
        return 2.0 * s[3] * s[1] * 25 * BATCH * oh * oh;
    }

    /** {N, C, H (= W), K} of {@code layer}. */
    private static int[] sizes(String layer) {
        return switch (layer) {
            case "conv1" -> new int[] {BATCH, 1, 28, 32};
            case "conv2" -> new int[] {BATCH, 32, 12, 64};
            default -> throw new IllegalArgumentException("layer is conv1 or conv2, got " + layer);
        };
    }

    /** Opens the backend and makes seeded inputs, weights and gradients. */
    @Setup(Level.Trial)
    public void setup() {
        int[] s = sizes(layer);
        int n = s[0];
        int c = s[1];
        int h = s[2];
        int k = s[3];
        int oh = KERNEL.outputHeight(h);
        int positions = oh * oh;
        int rows = c * KERNEL.taps();
        b = GliaBackends.open(backend);
        fence = new Fence(b);
        SplittableRandom random = new SplittableRandom(7);
        input = keep(b.upload(values(random, n * c * h * h), Shape.of(n, c, h, h)));
        weights = keep(b.upload(values(random, k * rows), Shape.matrix(k, rows)));
        columns = keep(b.allocate(Shape.matrix(rows, n * positions), DType.FLOAT32));
        product = keep(b.allocate(Shape.matrix(k, n * positions), DType.FLOAT32));
        productByChannel = keep(b.reshape(product, Shape.of(k, n, positions)));
        // as after a ReLU, so that pooling meets the ties and unpredictable comparisons of training
        output = keep(b.upload(relu(values(random, n * k * positions)), Shape.of(n, k, oh, oh)));
        outputByChannel = keep(b.reshape(output, Shape.of(n, k, positions)));
        gradOutput = keep(b.upload(values(random, n * k * positions), Shape.of(n, k, positions)));
        gradProduct = keep(b.allocate(Shape.matrix(k, n * positions), DType.FLOAT32));
        gradProductByChannel = keep(b.reshape(gradProduct, Shape.of(k, n, positions)));
        gradWeights = keep(b.allocate(Shape.matrix(k, rows), DType.FLOAT32));
        gradColumns = keep(b.allocate(Shape.matrix(rows, n * positions), DType.FLOAT32));
        gradInput = keep(b.allocate(Shape.of(n, c, h, h), DType.FLOAT32));
        Shape poolOut = POOL.outputShape(output.shape());
        pooled = keep(b.allocate(poolOut, DType.FLOAT32));
        argmax = keep(b.allocate(poolOut, DType.INT32));
        gradPooled = keep(b.upload(values(random, poolOut.size()), poolOut));
        gradPoolInput = keep(b.allocate(output.shape(), DType.FLOAT32));
        b.im2col(input, KERNEL, columns);
        b.maxPool2d(output, POOL, pooled, argmax);
    }

    /** The layer's forward pass: im2col, the product, the permute to [N, K, OH, OW]. */
    @Benchmark
    public float forward() {
        b.im2col(input, KERNEL, columns);
        b.gemm(false, false, 1, weights, columns, 0, product);
        b.permute(productByChannel, SWAP, outputByChannel);
        return fence.await();
    }

    /** The layer's backward pass: the permute back, the weight gradient (accumulated), the column gradient, col2im. */
    @Benchmark
    public float backward() {
        b.permute(gradOutput, SWAP, gradProductByChannel);
        b.gemm(false, true, 1, gradProduct, columns, 1, gradWeights);
        b.gemm(true, false, 1, weights, gradProduct, 0, gradColumns);
        b.col2im(gradColumns, KERNEL, gradInput);
        return fence.await();
    }

    /** im2col alone. */
    @Benchmark
    public float im2col() {
        b.im2col(input, KERNEL, columns);
        return fence.await();
    }

    /** col2im alone. */
    @Benchmark
    public float col2im() {
        b.col2im(gradColumns, KERNEL, gradInput);
        return fence.await();
    }

    /** 2×2 max pooling of the layer's output. */
    @Benchmark
    public float maxPool() {
        b.maxPool2d(output, POOL, pooled, argmax);
        return fence.await();
    }

    /** Its gradient. */
    @Benchmark
    public float maxPoolBackward() {
        b.maxPool2dBackward(gradPooled, argmax, POOL, gradPoolInput);
        return fence.await();
    }

    /** Frees everything. */
    @TearDown(Level.Trial)
    public void tearDown() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            owned.get(i).close();
        }
        owned.clear();
        fence.close();
        b.close();
    }

    private Tensor keep(Tensor t) {
        owned.add(t);
        return t;
    }

    private static float[] relu(float[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(0, x[i]);
        }
        return x;
    }

    private static float[] values(SplittableRandom random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }
}
