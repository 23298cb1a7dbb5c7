package dev.glia.backend.nd4j.internal;

import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Window2D;
import dev.glia.kernels.java.Sums;
import dev.glia.kernels.java.WindowKernels;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * {@code conv2d} and {@code conv2dBackward} sample by sample, for convolutions with short columns (at most
 * {@link #SHORT_COLUMNS} rows {@code C·KH·KW}, FLOAT32): each sample's patches are unfolded into their place in the
 * columns and multiplied while they are still in cache, and the product lands straight in the sample's
 * {@code [K, OH·OW]} output, over its bias, so no permute and no bias pass follow. Backward reads the sample's
 * gradient where it lies ({@code [K, OH·OW]}, no permute), adds its weight gradient, sums its bias gradient and,
 * when asked, multiplies and folds its input gradient.
 *
 * <p><b>Why only short columns.</b> With {@code C·KH·KW} small every output element takes few multiply-adds, so
 * one product over the whole batch streams its operands from memory: on conv1 of the Fashion-MNIST CNN ({@code
 * [128, 1, 28, 28]}, 5×5, 32 filters, 25 rows) im2col, the product and the permute took 6.2-7.3 ms of CPU and the
 * weight gradient's product 4.6-6.8, against 1.5-1.7 and 1.6 sample by sample. With long columns (conv2: 800 rows)
 * per-sample products of {@code 64 × 64 × 800} cost 10-20 % more CPU than one, so those keep the default.
 *
 * <p><b>Reproducible.</b> The samples are cut into {@code min(threads, N)} fixed ranges, one part each; a part adds
 * its samples' weight and bias gradients into its own partial sums, which are then added in part order. The result
 * depends on the shapes and the thread count only.
 */
final class ConvolutionCalls implements Workers.Job {
    /** The most columns' rows ({@code C·KH·KW}) a convolution is worked sample by sample with. */
    static final int SHORT_COLUMNS = 64;

    private final Workers workers;
    private final WindowKernels kernels;
    private final Blas[] blas;
    private final PartSums[] sums;
    // the call being run: set on the calling thread, read by the parts
    private boolean forward;
    private int batch;
    private int filters;
    private int rows;
    private int positions;
    private int parts;
    private Nd4jTensor weight;
    private Nd4jTensor columns;
    private Nd4jTensor data;
    /** A sample's output filled with its bias ({@code [K, OH·OW]}), or null for none. */
    private float[] biasPlane;
    /** The bias plane's storage and the weight gradient's staging, kept between calls. */
    private float[] biasStorage = new float[0];

    private float[] weightStage = new float[0];
    private boolean biasGradient;
    private boolean inputGradient;
    /** Whether a backward call adds the weight gradient (false: the input gradient alone). */
    private boolean weightGradient;

    /**
     * One part's partial weight gradient (native, for BLAS; freed by {@link #close}, never by the garbage collector)
     * and bias sums.
     */
    private static final class PartSums {
        final NativeFloats weights = new NativeFloats();
        double[] bias = new double[0];
        float[] stage = new float[0];
    }

    ConvolutionCalls(Workers workers, WindowKernels kernels) {
        this.workers = workers;
        this.kernels = kernels;
        this.blas = new Blas[workers.threads()];
        this.sums = new PartSums[workers.threads()];
        for (int i = 0; i < blas.length; i++) {
            blas[i] = new Blas();
            sums[i] = new PartSums();
        }
    }

    /** Frees the parts' native partial sums; the backend calls it as it closes. */
    void close() {
        for (PartSums part : sums) {
            if (part != null) {
                part.weights.free();
            }
        }
    }

    /** Whether a convolution with these columns is worked sample by sample. */
    static boolean bySample(Nd4jTensor columns) {
        return columns.dtype() == DType.FLOAT32 && columns.shape().dim(0) <= SHORT_COLUMNS;
    }

    /** {@code conv2d}, arguments checked; {@code bias} may be null. */
    void forward(
            Nd4jTensor input,
            Nd4jTensor weight,
            Nd4jTensor bias,
            Window2D window,
            Nd4jTensor columns,
            Nd4jTensor output) {
        set(true, input.shape(), weight, columns, output);
        if (bias != null) {
            if (biasStorage.length < filters * positions) {
                biasStorage = new float[filters * positions];
            }
            biasPlane = biasStorage;
            for (int k = 0; k < filters; k++) {
                Arrays.fill(biasPlane, k * positions, (k + 1) * positions, bias.floats.get(k));
            }
        }
        kernels.im2col(input.floats, input.shape(), window, columns.floats);
        run();
    }

    /** {@code conv2dBackward}, arguments checked; {@code biasGradient} and {@code gradInput} may be null. */
    void backward(
            Nd4jTensor weight,
            Nd4jTensor gradOutput,
            Window2D window,
            Nd4jTensor columns,
            Nd4jTensor weightGradient,
            Nd4jTensor biasGradient,
            Nd4jTensor gradInput) {
        set(false, gradOutput.shape(), weight, columns, gradOutput);
        this.biasGradient = biasGradient != null;
        this.inputGradient = gradInput != null;
        if (gradInput != null) {
            kernels.col2im(columns.floats, window, gradInput.floats, gradInput.shape());
        }
        run();
        int size = filters * rows;
        if (weightStage.length < size) {
            weightStage = new float[size];
        }
        float[] total = weightStage;
        weightGradient.floats.get(0, total, 0, size);
        for (int p = 0; p < parts; p++) {
            FloatBuffer partial = sums[p].weights.floats(size);
            for (int i = 0; i < size; i++) {
                total[i] += partial.get(i);
            }
        }
        weightGradient.floats.put(0, total, 0, size);
        if (biasGradient != null) {
            for (int k = 0; k < filters; k++) {
                double s = 0;
                for (int p = 0; p < parts; p++) {
                    s += sums[p].bias[k];
                }
                biasGradient.floats.put(k, (float) (biasGradient.floats.get(k) + s));
            }
        }
    }

    /**
     * Only the input gradient of {@code conv2dBackward} (FLOAT32, arguments checked), sample by sample:
     * {@code weightᵀ · gradOutput} of each sample into its block of the columns, folded while in cache. For
     * {@link WinogradCalls}' callers, whose tiles take the weight gradient; any column length.
     */
    void inputGradient(
            Nd4jTensor weight, Nd4jTensor gradOutput, Window2D window, Nd4jTensor columns, Nd4jTensor gradInput) {
        set(false, gradOutput.shape(), weight, columns, gradOutput);
        this.inputGradient = true;
        this.weightGradient = false;
        kernels.col2im(columns.floats, window, gradInput.floats, gradInput.shape());
        run();
    }

    private void set(boolean isForward, Shape batchShape, Nd4jTensor w, Nd4jTensor cols, Nd4jTensor samples) {
        this.forward = isForward;
        this.batch = batchShape.dim(0);
        this.filters = w.shape().dim(0);
        this.rows = cols.shape().dim(0);
        this.positions = cols.shape().dim(1) / batch;
        this.parts = Math.min(workers.threads(), batch);
        this.weight = w;
        this.columns = cols;
        this.data = samples;
        this.biasPlane = null;
        this.biasGradient = false;
        this.inputGradient = false;
        this.weightGradient = true;
    }

    private void run() {
        try {
            if (parts < 2) {
                run(0, 0);
            } else {
                workers.run(this, parts);
            }
        } finally {
            kernels.finish();
            weight = columns = data = null;
        }
    }

    /** Samples {@code [N·part/parts, N·(part+1)/parts)}. */
    @Override
    public void run(int part, int worker) {
        int from = (int) ((long) batch * part / parts);
        int to = (int) ((long) batch * (part + 1) / parts);
        Blas b = blas[worker];
        int perSample = filters * positions;
        long columnsWidth = (long) batch * positions;
        if (forward) {
            for (int n = from; n < to; n++) {
                kernels.runSample(n, worker);
                long out = data.address + 4L * n * perSample;
                if (biasPlane != null) {
                    data.floats.put(n * perSample, biasPlane, 0, perSample);
                }
                b.sgemm(
                        false,
                        false,
                        filters,
                        positions,
                        rows,
                        1f,
                        weight.address,
                        rows,
                        columns.address + 4L * n * positions,
                        (int) columnsWidth,
                        biasPlane != null ? 1f : 0f,
                        out,
                        positions);
            }
            return;
        }
        if (!weightGradient) {
            for (int n = from; n < to; n++) {
                foldInputGradient(b, n, worker, perSample, columnsWidth);
            }
            return;
        }
        PartSums s = sums[part];
        s.weights.floats((long) filters * rows);
        if (s.bias.length < filters) {
            s.bias = new double[filters];
        }
        Arrays.fill(s.bias, 0, filters, 0);
        if (s.stage.length < perSample) {
            s.stage = new float[perSample];
        }
        for (int n = from; n < to; n++) {
            long gradient = data.address + 4L * n * perSample;
            long patches = columns.address + 4L * n * positions;
            b.sgemm(
                    false,
                    true,
                    filters,
                    rows,
                    positions,
                    1f,
                    gradient,
                    positions,
                    patches,
                    (int) columnsWidth,
                    n == from ? 0f : 1f,
                    s.weights.address,
                    rows);
            if (biasGradient) {
                data.floats.get(n * perSample, s.stage, 0, perSample);
                for (int k = 0; k < filters; k++) {
                    s.bias[k] += Sums.of(s.stage, k * positions, positions);
                }
            }
            if (inputGradient) {
                foldInputGradient(b, n, worker, perSample, columnsWidth);
            }
        }
    }

    /** Sample {@code n}'s input gradient: {@code weightᵀ · gradient} into its block of the columns, then col2im. */
    private void foldInputGradient(Blas b, int n, int worker, int perSample, long columnsWidth) {
        b.sgemm(
                true,
                false,
                rows,
                positions,
                filters,
                1f,
                weight.address,
                rows,
                data.address + 4L * n * perSample,
                positions,
                0f,
                columns.address + 4L * n * positions,
                (int) columnsWidth);
        kernels.runSample(n, worker);
    }
}
