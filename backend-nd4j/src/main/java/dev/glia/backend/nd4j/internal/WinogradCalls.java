package dev.glia.backend.nd4j.internal;

import dev.glia.api.DType;
import dev.glia.api.Window2D;
import dev.glia.kernels.java.Sums;
import dev.glia.kernels.java.Winograd;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * {@code conv2d} and {@code conv2dBackward} by Winograd's minimal filtering ({@link Winograd}) for FLOAT32
 * stride-1 convolutions with square kernels of {@value #MIN_KERNEL} to 7: the filters and each tile of the input
 * are transformed to α×α points (6×6 for 3×3 kernels, 8×8 for 4 to 7), the sum over channels becomes one product
 * per point ({@code [tiles·samples, C] × [C, K]}), and each tile's output is transformed back. For the 5×5
 * convolution of the Fashion-MNIST CNN's second layer (32 → 64 channels, 8×8 outputs) the products take 4
 * multiply-adds per output instead of 25; for a 3×3 kernel, 2.25 instead of 9.
 *
 * <p><b>Backward</b> is the transpose of each step: the output gradient is transformed ({@code A dY Aᵀ}); per
 * point, the filters' transformed gradient adds {@code dMᵀ V} and the input's is {@code dM U}; the first is
 * transformed back once per call ({@code Gᵀ dU G}), the second tile by tile ({@code B dV Bᵀ}), overlapping tiles
 * adding up. It transforms the input again rather than reading {@code columns}, so it holds after any forward.
 * Each weight's gradient sums over every position of the batch, and its rounding stays within 0.7 of the kit's
 * tolerance over kernels of 3 to 7 and 1 to 8 filters. The input gradient is a "full" correlation of the output
 * gradient: a pixel at the edge sums one product per filter while its tile mixes in many, so with few filters its
 * error is large against its own sum (one 4×4 filter: 57 times the kit's tolerance; two or three: up to 1.03;
 * eight: 0.6). It is taken by tiles from {@value #MIN_TILED_INPUT_FILTERS} filters ({@link #suitsInputGradient}),
 * by columns below. Its error follows the largest output gradients of a tile: on conv2's shapes (64 filters), an
 * output gradient 100 times the others put some input gradients at 1.4 to 2.4 times the tolerance.
 *
 * <p><b>Where it applies</b> ({@link #suits}): batches of at least {@value #MIN_BATCH}, and the products must take
 * at most half the multiply-adds of the direct sum ({@code 2 · α² · tiles ≤ r² · OH · OW}), which also makes the
 * transformed input fit in the {@code columns} workspace, where it is kept; no side may be padded by more than
 * half the kernel or a quarter of the output's side. A call whose tensors hold NaN, an infinity or a magnitude over 2¹⁰⁰, or whose input holds a
 * value far above its sample's mean magnitude, goes to im2col instead ({@link #tame}): the tiles' error follows the
 * largest values of a tile, not each output's own window (see {@link #suits}).
 * The float32 error of one tile (measured in {@code WinogradTest}) is 0.3·10⁻⁵ of the sum of absolute products for
 * 3×3 on 6-point tiles and 0.5–0.1·10⁻⁵ for 4 to 7 on 8-point ones, within the conformance kit's 10⁻⁵; 2×2
 * kernels (0.6·10⁻⁵, and few products to save) stay on im2col.
 *
 * <p><b>Threads and order.</b> Samples are cut into {@code min(threads, N)} fixed ranges, each worked in groups of
 * at most {@link #GROUP} samples; the filter gradient's per-range sums are added in range order. The result
 * depends on the shapes and the thread count only.
 */
final class WinogradCalls implements Workers.Job {
    /** The smallest kernel side worked here. */
    static final int MIN_KERNEL = 3;
    /**
     * The smallest batch worked here: each call transforms the filters again (about 0.18 ms for conv2 of the
     * Fashion-MNIST CNN on one core), which one sample does not earn back (conv2 forward of one sample: 219 µs
     * here against 125 by im2col; of four: 323 against 460).
     */
    static final int MIN_BATCH = 4;
    /** The fewest filters whose backward pass takes the input gradient by tiles. */
    static final int MIN_TILED_INPUT_FILTERS = 16;
    /** The most samples transformed and multiplied together (32 of conv2's: 0.6 MB of input, 2 MB of products). */
    static final int GROUP = 32;
    /**
     * The most floats a group's input, output or per-point products may take, so that large images go a few
     * samples (or one) at a time rather than make the scratch grow with the group.
     */
    static final int GROUP_FLOATS = 1 << 22;

    /** The largest magnitude worked here, 2¹⁰⁰: the transforms' intermediate sums stay far inside float's range. */
    static final float TAME = 0x1p100f;
    /** The most an input value may exceed its sample's mean magnitude, as a factor ({@link #tame}). */
    static final float CONTRAST = 32;

    private final Workers workers;
    private final Blas[] blas;
    private final WinogradTiles[] tiles;
    private final Winograd[] byKernel = new Winograd[Winograd.MAX_ALPHA];
    /** Per worker: a group's per-point products (forward) or transformed output gradient (backward). */
    private final NativeFloats[] products;
    /** Per part: the filters' transformed gradient. */
    private final NativeFloats[] filterGradients;

    private final double[][] biasSums;
    private final NativeFloats filters = new NativeFloats();
    private final FilterTransform filterTransform = new FilterTransform();
    // the call being run: set on the calling thread, read by the parts
    private boolean forward;
    private WinogradGeometry geometry;
    private Winograd winograd;
    private int parts;
    private int group;
    private Nd4jTensor input;
    private Nd4jTensor columns;
    private Nd4jTensor data;
    private Nd4jTensor gradInput;
    private float[] bias;
    private float[] biasStorage = new float[0];
    private boolean biasGradient;
    /** {@link #tame}'s staging, used on the calling thread. */
    private final float[] scan = new float[4096];

    WinogradCalls(Workers workers) {
        this.workers = workers;
        int threads = workers.threads();
        this.blas = new Blas[threads];
        this.tiles = new WinogradTiles[threads];
        this.products = new NativeFloats[threads];
        this.filterGradients = new NativeFloats[threads];
        this.biasSums = new double[threads][];
        for (int i = 0; i < threads; i++) {
            blas[i] = new Blas();
            tiles[i] = new WinogradTiles();
            products[i] = new NativeFloats();
            filterGradients[i] = new NativeFloats();
        }
    }

    /**
     * Whether a backward pass with {@code filters} filters takes its input gradient by tiles (see the class
     * description); below, the caller takes it by columns.
     */
    static boolean suitsInputGradient(int filters) {
        return filters >= MIN_TILED_INPUT_FILTERS;
    }

    /**
     * Whether this convolution's shapes are worked here (the arguments already checked; {@link #tame} then looks
     * at the values). Besides the shapes of the class description, no side's padding may exceed half the kernel
     * ({@code r / 2} rows or columns, what "same" padding takes). The tiles' rounding error is relative to the
     * magnitudes of the whole tile, not of one output's window: with more padding, an output whose window holds
     * a single input pixel, or none, still gets the tile's error. With 3 rows of padding on a 4×4 kernel, 11 of
     * 173,280 outputs were off by 1.4 times the conformance kit's tolerance, and outputs whose windows lay wholly
     * in the padding came out as 2·10⁻⁶ where the direct sum gives exactly 0. Within the limit, every window
     * keeps at least a quarter of its taps inside the input. Nor may a side's padding exceed a quarter of the
     * output's side, so that every tap of the weight gradient meets the input at three quarters of the positions
     * or more: a 6×6 kernel padded by 3 rows over a 5-row image (3 output rows) has a tap row that never meets the
     * input, and 252 of the 2,160 weight gradients were off by up to 2.7 times the tolerance.
     */
    static boolean suits(Nd4jTensor input, Window2D w, Nd4jTensor columns) {
        int r = w.kernelHeight();
        int padding = r / 2;
        if (columns.dtype() != DType.FLOAT32
                || input.shape().dim(0) < MIN_BATCH
                || r != w.kernelWidth()
                || r < MIN_KERNEL
                || r > Winograd.MAX_ALPHA - 1
                || w.strideHeight() != 1
                || w.strideWidth() != 1
                || !w.undilated()
                || w.padTop() > padding
                || w.padBottom() > padding
                || w.padLeft() > padding
                || w.padRight() > padding) {
            return false;
        }
        WinogradGeometry g = WinogradGeometry.of(input.shape(), 1, w);
        return 4 * Math.max(w.padTop(), w.padBottom()) <= g.outHeight()
                && 4 * Math.max(w.padLeft(), w.padRight()) <= g.outWidth()
                && 2L * g.points() * g.tiles() <= (long) r * r * g.positions();
    }

    /**
     * Whether the values suit the tiles: every value of {@code input} and {@code others} (FLOAT32) finite and at
     * most {@link #TAME} in magnitude, and no input value more than {@link #CONTRAST} times the mean magnitude of
     * its sample (a tile holds one sample's values, so a loud sample beside quiet ones does no harm).
     *
     * <p>The transforms mix a whole tile into every output of the tile, with differences: a NaN would reach outputs
     * whose windows do not hold it, an infinity would become NaN, and values near the float range could overflow
     * where the direct sum does not. And since the rounding error of an output follows the largest values of its
     * tile, one input far above the rest spoils its neighbours: with one value a thousand times the others' (16
     * channels, 3×3), 80 of 9,216 outputs were off by up to 12 times the kit's tolerance; a hundred times stayed
     * within it. The Fashion-MNIST CNN's second convolution sees inputs of at most 20 times their sample's mean
     * (64 training steps). Such calls go
     * to im2col, which gives the reference's NaN and infinities exactly and each output's own rounding.
     */
    boolean tame(Nd4jTensor input, Nd4jTensor... others) {
        int samples = input.shape().dim(0);
        int sample = input.shape().size() / samples;
        for (int n = 0; n < samples; n++) {
            if (!tameSample(input, n * sample, sample)) {
                return false;
            }
        }
        for (Nd4jTensor t : others) {
            if (!bounded(t)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code size} input values from {@code offset} (one sample) are bounded and free of outliers. */
    private boolean tameSample(Nd4jTensor input, int offset, int size) {
        double sum = 0;
        float largest = 0;
        for (int from = 0; from < size; from += scan.length) {
            int n = Math.min(scan.length, size - from);
            input.floats.get(offset + from, scan, 0, n);
            for (int i = 0; i < n; i++) {
                scan[i] = Math.abs(scan[i]);
                largest = Math.max(largest, scan[i]); // NaN stays NaN
            }
            if (!(largest <= TAME)) {
                return false;
            }
            sum += Sums.of(scan, 0, n); // Sums' four chains: 0.45 ms for conv2's input, where one running sum took 0.55
        }
        return largest <= CONTRAST * (sum / size);
    }

    /** Whether every value of {@code t} is finite and at most {@link #TAME} in magnitude. */
    private boolean bounded(Nd4jTensor t) {
        int size = t.shape().size();
        for (int from = 0; from < size; from += scan.length) {
            int n = Math.min(scan.length, size - from);
            t.floats.get(from, scan, 0, n);
            float largest = 0;
            for (int i = 0; i < n; i++) {
                largest = Math.max(largest, Math.abs(scan[i])); // NaN stays NaN
            }
            if (!(largest <= TAME)) {
                return false;
            }
        }
        return true;
    }

    /** Frees the native buffers; the backend calls it as it closes. */
    void close() {
        filters.free();
        for (int i = 0; i < products.length; i++) {
            products[i].free();
            filterGradients[i].free();
        }
    }

    /** {@code conv2d}, arguments checked and {@link #suits suited}; {@code bias} may be null. */
    void forward(
            Nd4jTensor in, Nd4jTensor weight, Nd4jTensor biasValues, Window2D window, Nd4jTensor cols, Nd4jTensor out) {
        set(true, in, weight, window, cols, out);
        if (biasValues != null) {
            if (biasStorage.length < geometry.filters()) {
                biasStorage = new float[geometry.filters()];
            }
            bias = biasStorage;
            biasValues.floats.get(0, bias, 0, geometry.filters());
        }
        transformFilters(weight);
        run();
    }

    /** {@code conv2dBackward}, arguments checked and suited; {@code biasGrad} and {@code gradIn} may be null. */
    void backward(
            Nd4jTensor in,
            Nd4jTensor weight,
            Nd4jTensor gradOutput,
            Window2D window,
            Nd4jTensor cols,
            Nd4jTensor weightGradient,
            Nd4jTensor biasGrad,
            Nd4jTensor gradIn) {
        set(false, in, weight, window, cols, gradOutput);
        this.gradInput = gradIn;
        this.biasGradient = biasGrad != null;
        if (gradIn != null) {
            transformFilters(weight);
        }
        run();
        filterTransform.addGradient(winograd, geometry, filterGradients, parts, weightGradient);
        if (biasGrad != null) {
            for (int k = 0; k < geometry.filters(); k++) {
                double s = 0;
                for (int p = 0; p < parts; p++) {
                    s += biasSums[p][k];
                }
                biasGrad.floats.put(k, (float) (biasGrad.floats.get(k) + s));
            }
        }
    }

    private void set(boolean isForward, Nd4jTensor in, Nd4jTensor weight, Window2D w, Nd4jTensor cols, Nd4jTensor d) {
        forward = isForward;
        geometry = WinogradGeometry.of(in.shape(), weight.shape().dim(0), w);
        int r = geometry.kernel();
        if (byKernel[r] == null) {
            byKernel[r] = Winograd.forKernel(r);
        }
        winograd = byKernel[r];
        parts = Math.min(workers.threads(), geometry.batch());
        long perSample = Math.max(
                (long) geometry.channels() * geometry.pixels(),
                (long) geometry.points() * geometry.tiles() * Math.max(geometry.filters(), geometry.channels()));
        group = (int) Math.max(1, Math.min(GROUP, GROUP_FLOATS / perSample));
        input = in;
        columns = cols;
        data = d;
        gradInput = null;
        bias = null;
        biasGradient = false;
    }

    /** The filters' transform {@code U}, {@code [α²][K, C]}, into {@link #filters}. */
    private void transformFilters(Nd4jTensor weight) {
        int size = geometry.filters() * geometry.channels();
        FloatBuffer u = filters.floats((long) geometry.points() * size);
        filterTransform.forward(winograd, geometry, weight.floats, u);
    }

    private void run() {
        try {
            if (parts < 2) {
                run(0, 0);
            } else {
                workers.run(this, parts);
            }
        } finally {
            input = columns = data = gradInput = null;
        }
    }

    /** Samples {@code [N·part/parts, N·(part+1)/parts)}, in groups of at most {@link #GROUP}, fewer for large images. */
    @Override
    public void run(int part, int worker) {
        WinogradGeometry g = geometry;
        int from = (int) ((long) g.batch() * part / parts);
        int to = (int) ((long) g.batch() * (part + 1) / parts);
        int c = g.channels();
        int k = g.filters();
        int t = g.tiles();
        Blas b = blas[worker];
        WinogradTiles work = tiles[worker];
        NativeFloats product = products[worker];
        int points = g.points();
        FloatBuffer m = product.floats((long) points * t * Math.min(group, to - from) * k);
        long u = filters.address;
        if (!forward) {
            filterGradients[part].floats((long) points * k * c);
            if (biasGradient) {
                if (biasSums[part] == null || biasSums[part].length < k) {
                    biasSums[part] = new double[k];
                }
                Arrays.fill(biasSums[part], 0);
            }
        }
        long du = filterGradients[part].address;
        for (int first = from; first < to; first += group) {
            int count = Math.min(group, to - first);
            int rows = t * count;
            long offset = g.transformedInputs(first);
            long v = columns.address + 4 * offset;
            work.inputTiles(g, winograd, input.floats, first, count, columns.floats, offset);
            if (forward) {
                for (int p = 0; p < points; p++) {
                    b.sgemm(
                            false,
                            true,
                            rows,
                            k,
                            c,
                            1f,
                            v + 4L * p * rows * c,
                            c,
                            u + 4L * p * k * c,
                            c,
                            0f,
                            product.address + 4L * p * rows * k,
                            k);
                }
                work.outputTiles(g, winograd, m, bias, data.floats, first, count);
                continue;
            }
            work.gradientTiles(g, winograd, data.floats, first, count, m, biasGradient ? biasSums[part] : null);
            for (int p = 0; p < points; p++) {
                long dm = product.address + 4L * p * rows * k;
                long vp = v + 4L * p * rows * c;
                b.sgemm(true, false, k, c, rows, 1f, dm, k, vp, c, first == from ? 0f : 1f, du + 4L * p * k * c, c);
                if (gradInput != null) { // dV = dM · U, over V, which this point no longer needs
                    b.sgemm(false, false, rows, c, k, 1f, dm, k, u + 4L * p * k * c, c, 0f, vp, c);
                }
            }
            if (gradInput != null) {
                work.inputGradient(g, winograd, columns.floats, offset, gradInput.floats, first, count);
            }
        }
    }
}
