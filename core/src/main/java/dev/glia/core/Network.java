package dev.glia.core;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.FusedLoss;
import dev.glia.api.Layer;
import dev.glia.api.Loss;
import dev.glia.api.Optimizer;
import dev.glia.api.Parameter;
import dev.glia.api.PreActivationLayer;
import dev.glia.api.ScratchWorkspace;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import dev.glia.core.losses.MaskableLoss;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * A feed-forward network of layers on one backend. Build it with {@link #builder(Backend)}, train it
 * with {@link #fit}, use it with {@link #predict}, and close it to free its memory.
 *
 * <pre>{@code
 * try (Network net = Network.builder(backend).input(2).dense(8, "tanh").dense(1, "sigmoid").seed(7).build()) {
 *     net.fit(data, TrainingOptions.builder().loss(Losses.binaryCrossEntropy())
 *             .optimizer(Optimizers.adam(0.05)).epochs(500).batchSize(4).build());
 *     float[][] out = net.predict(new float[][] {{0, 1}});
 * }
 * }</pre>
 */
public final class Network implements AutoCloseable {
    private static final Expr ZERO = Expr.constant(0);

    private final Backend backend;
    private final DType dtype;
    private final Shape inputShape;
    private final List<Layer> layers;
    private final ScratchWorkspace workspace;
    private final Set<Optimizer> optimizers = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    Network(Backend backend, DType dtype, Shape inputShape, List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("A network needs at least one layer");
        }
        this.backend = backend;
        this.dtype = dtype;
        this.inputShape = inputShape;
        this.layers = List.copyOf(layers);
        this.workspace = new ScratchWorkspace(backend);
    }

    /** Starts a network on {@code backend}. */
    public static NetworkBuilder builder(Backend backend) {
        return new NetworkBuilder(backend);
    }

    /** The backend every tensor of this network lives on. */
    public Backend backend() {
        return backend;
    }

    /** The element type of parameters and activations. */
    public DType dtype() {
        return dtype;
    }

    /** The layers, in order. */
    public List<Layer> layers() {
        return layers;
    }

    /** The shape of one input sample, without the batch dimension. */
    public Shape inputShape() {
        return inputShape;
    }

    /** The shape of one output sample. */
    public Shape outputShape() {
        return layers.get(layers.size() - 1).outputShape();
    }

    /** Values per input sample. */
    public int inputWidth() {
        return inputShape.size();
    }

    /** Values per output sample. */
    public int outputWidth() {
        return layers.get(layers.size() - 1).outputShape().size();
    }

    /** Number of trainable scalars. */
    public long parameterCount() {
        return layers.stream().mapToLong(Layer::parameterCount).sum();
    }

    /** Every state buffer (running statistics), layer by layer, in each layer's order. */
    public List<Tensor> stateBuffers() {
        List<Tensor> all = new ArrayList<>();
        layers.forEach(l -> all.addAll(l.state().values()));
        return all;
    }

    /** Every trainable parameter, layer by layer. */
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        layers.forEach(l -> all.addAll(l.parameters()));
        return all;
    }

    /**
     * Runs a batch through the network for inference. The result is a network-owned buffer that the
     * next call overwrites.
     */
    public Tensor forward(Tensor batch) {
        return forward(batch, false);
    }

    private Tensor forward(Tensor batch, boolean training) {
        checkOpen();
        Tensor t = batch;
        for (Layer layer : layers) {
            t = layer.forward(t, training);
        }
        return t;
    }

    /** Predicts the outputs of each row of {@code inputs}. */
    public float[][] predict(float[][] inputs) {
        Dataset d = Dataset.of(inputs, new float[inputs.length][1]);
        float[] flat = predict(d);
        float[][] out = new float[inputs.length][outputWidth()];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(flat, i * outputWidth(), out[i], 0, outputWidth());
        }
        return out;
    }

    /** Predicts every sample of {@code data} in batches of 256; row-major outputs. */
    public float[] predict(Dataset data) {
        checkOpen();
        checkWidth(data);
        int n = data.size();
        int width = outputWidth();
        float[] out = new float[n * width];
        int batchSize = Math.min(256, n);
        int[] order = identity(n);
        float[] hostIn = new float[batchSize * data.featureWidth()];
        float[] hostOut = new float[batchSize * width];
        for (int from = 0; from < n; from += batchSize) {
            int count = Math.min(batchSize, n - from);
            Tensor x = inputTensor("predict.x" + slot(count, batchSize), count);
            float[] in = count == batchSize ? hostIn : new float[count * data.featureWidth()];
            data.copyFeatures(order, from, count, in);
            writeInput(x, in, from);
            Tensor y = forward(x, false);
            float[] o = count == batchSize ? hostOut : new float[count * width];
            backend.download(y, o);
            System.arraycopy(o, 0, out, from * width, count * width);
        }
        return out;
    }

    /**
     * Trains on {@code data}. The network takes ownership of the options' optimiser and closes it
     * with itself, so its state carries over to a later {@code fit} with the same options.
     *
     * @throws TrainingDivergedException when the loss becomes NaN or infinite
     */
    public TrainingHistory fit(Dataset data, TrainingOptions options) {
        checkOpen();
        if (options.truncatedBptt() == 0) { // else the fit loop checks each chunk of time steps
            checkWidth(data);
        }
        checkMask(data, options.loss());
        if (options.validation() != null) {
            if (options.truncatedBptt() == 0) {
                checkWidth(options.validation());
            }
            checkMask(options.validation(), options.loss());
        }
        optimizers.add(options.optimizer());
        return FitLoop.run(this, data, options);
    }

    /** One optimiser step on samples {@code order[from..from+count)}; returns the batch's mean loss. */
    double trainStep(
            Dataset data,
            int[] order,
            int from,
            int count,
            Loss loss,
            Optimizer optimizer,
            List<Parameter> parameters) {
        Tensor x = inputTensor("train.x." + count, count);
        Tensor target = targetTensor("train.y." + count, count, data);
        writeInput(x, stage("train.hostX." + count, data, order, from, count, true), -1);
        backend.write(target, stageTargets("train.host." + count, data, order, from, count, loss, -1));
        for (Parameter p : parameters) {
            backend.elementwise(ZERO, p.gradient());
        }
        Tensor y = forward(x, true);
        Layer last = layers.get(layers.size() - 1);
        double value;
        Tensor grad;
        PreActivationLayer logits = fusedWith(loss, last);
        if (logits != null) {
            FusedLoss fused = (FusedLoss) loss;
            checkLossShape(loss, y, target);
            value = fused.valueFromLogits(workspace, logits.lastPreActivation(), target);
            Tensor dz = logits.preActivationGradient();
            fused.gradientFromLogits(workspace, logits.lastPreActivation(), y, target, dz);
            grad = logits.backwardFromPreActivation(dz, layers.size() > 1);
        } else {
            checkLossShape(loss, y, target);
            value = loss.value(workspace, y, target);
            Tensor dy = workspace.buffer("train.dy." + count, y.shape(), dtype);
            loss.gradient(workspace, y, target, dy);
            grad = last.backward(dy, layers.size() > 1);
        }
        for (int i = layers.size() - 2; i >= 0; i--) { // the first layer's input is data: no gradient
            grad = layers.get(i).backward(grad, i > 0);
        }
        optimizer.step(parameters);
        return value;
    }

    /** The last layer, when {@code loss} fuses with its activation and so starts from its pre-activation. */
    private static PreActivationLayer fusedWith(Loss loss, Layer last) {
        if (loss instanceof FusedLoss f
                && last instanceof PreActivationLayer p
                && f.activationId().equals(p.activation().id())) {
            return p;
        }
        return null;
    }

    /** The mean loss over {@code data} (over its unmasked steps, with a mask), without training. */
    public double evaluateLoss(Dataset data, Loss loss) {
        checkMask(data, loss);
        return evaluate(data, loss, false)[0];
    }

    /**
     * The mean loss over {@code data} and, if {@code accuracy}, the share of samples classified correctly
     * (the row's argmax, computed on the backend, against the target's; one output: the side of 0.5), else NaN.
     */
    double[] evaluate(Dataset data, Loss loss, boolean accuracy) {
        checkOpen();
        checkWidth(data);
        int n = data.size();
        int batchSize = Math.min(256, n);
        int[] order = identity(n);
        double sum = 0;
        long weights = 0;
        long correct = 0;
        long counted = 0;
        for (int from = 0; from < n; from += batchSize) {
            int count = Math.min(batchSize, n - from);
            Tensor x = inputTensor("eval.x" + slot(count, batchSize), count);
            Tensor target = targetTensor("eval.y" + slot(count, batchSize), count, data);
            writeInput(x, stage("eval.hostX" + slot(count, batchSize), data, order, from, count, true), from);
            float[] hostTarget =
                    stageTargets("eval.host" + slot(count, batchSize), data, order, from, count, loss, from);
            backend.write(target, hostTarget);
            Tensor y = forward(x, false);
            checkLossShape(loss, y, target);
            int weight = data.weight(order, from, count);
            sum += loss.value(workspace, y, target) * weight;
            weights += weight;
            if (accuracy) {
                long[] c = countCorrect(y, hostTarget);
                correct += c[0];
                counted += c[1];
            }
        }
        return new double[] {
            weights == 0 ? 0 : sum / weights,
            accuracy ? (counted == 0 ? Double.NaN : (double) correct / counted) : Double.NaN
        };
    }

    /**
     * How many rows of the output are classified correctly, and how many rows hold a target: a row is a sample,
     * or a time step of a {@code [T, V]} output; its class is its argmax (computed on the backend) and the
     * target's is its largest value or its class id; with one output, the side of 0.5. Rows without a target (a
     * class id of {@link MaskableLoss#NO_TARGET}, a row of zeros: masked steps) are not counted.
     */
    private long[] countCorrect(Tensor y, float[] hostTarget) {
        Shape s = y.shape();
        int width = s.dim(s.rank() - 1);
        int rows = s.size() / width;
        boolean ids = hostTarget.length == rows && width > 1;
        float[] predicted = new float[rows];
        if (width == 1) {
            backend.download(y, predicted);
        } else {
            Tensor argmax = workspace.buffer("eval.argmax." + rows, Shape.of(rows), dtype);
            Tensor matrix = s.rank() == 2 ? y : backend.reshape(y, Shape.matrix(rows, width));
            try {
                backend.argmax(matrix, 1, argmax);
            } finally {
                if (matrix != y) {
                    matrix.close();
                }
            }
            backend.download(argmax, predicted);
        }
        long correct = 0;
        long counted = 0;
        for (int i = 0; i < rows; i++) {
            int expected;
            if (width == 1) {
                correct += (predicted[i] >= 0.5f) == (hostTarget[i] >= 0.5f) ? 1 : 0;
                counted++;
                continue;
            } else if (ids) {
                expected = (int) hostTarget[i];
            } else {
                expected = 0;
                boolean any = hostTarget[i * width] != 0;
                for (int c = 1; c < width; c++) {
                    any |= hostTarget[i * width + c] != 0;
                    if (hostTarget[i * width + c] > hostTarget[i * width + expected]) {
                        expected = c;
                    }
                }
                expected = any ? expected : MaskableLoss.NO_TARGET;
            }
            if (expected != MaskableLoss.NO_TARGET) {
                counted++;
                correct += (int) predicted[i] == expected ? 1 : 0;
            }
        }
        return new long[] {correct, counted};
    }

    /**
     * The output and the targets must have one shape, or, for a {@link MaskableLoss}, the targets hold one class
     * id per row of the output's last axis.
     */
    private void checkLossShape(Loss loss, Tensor y, Tensor target) {
        if (y.shape().equals(target.shape())) {
            return;
        }
        Shape s = y.shape();
        if (loss instanceof MaskableLoss && (long) target.shape().size() * s.dim(s.rank() - 1) == s.size()) {
            return;
        }
        throw new IllegalArgumentException("The network outputs " + y.shape() + " per batch but the targets are "
                + target.shape() + " for loss " + loss.id() + "; the last layer needs "
                + target.shape().dim(1)
                + " units" + (loss instanceof MaskableLoss ? ", or the targets one class id per output row" : ""));
    }

    /** A mask needs a loss that can leave masked steps out. */
    private static void checkMask(Dataset data, Loss loss) {
        if (data.hasMask() && !(loss instanceof MaskableLoss)) {
            throw new IllegalArgumentException("The data has a mask but loss " + loss.id() + " cannot leave masked"
                    + " steps out; use Losses.softmaxCrossEntropy() or data without a mask");
        }
    }

    /**
     * The staging tensor of {@code rows} samples' targets: of the network's output shape when they hold as many
     * values (any per-sample shape, e.g. one-hot rows at each of T steps), else {@code [rows, targetWidth]} (one
     * class id per step).
     */
    private Tensor targetTensor(String key, int rows, Dataset data) {
        Shape shape = data.targetWidth() == outputWidth()
                ? outputShape().batchOf(rows)
                : Shape.matrix(rows, data.targetWidth());
        return workspace.buffer(key, shape, dtype);
    }

    /**
     * Stages the targets of a batch, masked steps marked as holding no target; class ids (targets of another size
     * than the output, for a {@link MaskableLoss}) must be whole numbers in [-1, classes), checked here with the sample named ({@code first}
     * as in {@link #writeInput}).
     */
    private float[] stageTargets(String key, Dataset data, int[] order, int from, int count, Loss loss, int first) {
        float[] host = stage(key + "Y", data, order, from, count, false);
        if (data.hasMask()) {
            float[] mask = hostBuffers.get(key + "Mask");
            if (mask == null || mask.length != count * data.maskWidth()) {
                mask = new float[count * data.maskWidth()];
                hostBuffers.put(key + "Mask", mask);
            }
            data.copyMask(order, from, count, mask);
            data.applyMask(host, mask, count);
        }
        if (loss instanceof MaskableLoss && data.targetWidth() != outputWidth()) {
            Shape out = outputShape();
            int classes = out.dim(out.rank() - 1);
            int width = data.targetWidth();
            for (int i = 0; i < host.length; i++) {
                float id = host[i];
                if (id != (int) id || id < MaskableLoss.NO_TARGET || id >= classes) {
                    throw new IllegalArgumentException("The targets are class ids (" + width + " per sample for "
                            + out + " outputs), but "
                            + (first >= 0 ? "sample " + (first + i / width) : "a sample of the batch")
                            + " holds " + id + " at position " + i % width + "; a class id is a whole number in [0, "
                            + classes + "), or -1 for no target");
                }
            }
        }
        return host;
    }

    /**
     * The staging tensor of a batch of {@code rows} inputs under {@code key}: {@code [rows, inputShape...]}, of
     * the network's dtype, or INT32 when the first layer takes indices. Reallocated when the batch size changes.
     */
    private Tensor inputTensor(String key, int rows) {
        DType type = layers.get(0).takesIndices() ? DType.INT32 : dtype;
        return workspace.buffer(key, inputShape.batchOf(rows), type);
    }

    /**
     * Writes a staged batch into the input tensor; for INT32 (token ids) each value must be a whole number, and
     * a failure names the sample ({@code first} is the batch's first sample in data order, or -1 when shuffled).
     */
    private void writeInput(Tensor x, float[] host, int first) {
        if (x.dtype() != DType.INT32) {
            backend.write(x, host);
            return;
        }
        if (hostIndices.length != host.length) {
            hostIndices = new int[host.length];
        }
        int[] ids = hostIndices;
        int width = inputShape.size();
        for (int i = 0; i < host.length; i++) {
            float v = host[i];
            if (v != (int) v) {
                throw new IllegalArgumentException(layers.get(0).name() + " takes whole-number token ids, but "
                        + (first >= 0 ? "sample " + (first + i / width) : "a sample of the batch") + " holds " + v
                        + " at position " + i % width);
            }
            ids[i] = (int) v;
        }
        backend.write(x, ids);
    }

    private int[] hostIndices = new int[0];

    /**
     * The buffer slot of a batch in inference and evaluation: one for full batches and one for the last, shorter
     * batch, whatever their sizes. A service that predicts batches of ever new sizes so reuses two buffers
     * instead of keeping one per size. (Training keeps one per size: a fit has only two.)
     */
    private static String slot(int count, int batchSize) {
        return count == batchSize ? ".full" : ".tail";
    }

    private final java.util.Map<String, float[]> hostBuffers = new java.util.HashMap<>();

    private float[] stage(String key, Dataset data, int[] order, int from, int count, boolean features) {
        int width = features ? data.featureWidth() : data.targetWidth();
        float[] host = hostBuffers.get(key);
        if (host == null || host.length != count * width) {
            host = new float[count * width];
            hostBuffers.put(key, host);
        }
        if (features) {
            data.copyFeatures(order, from, count, host);
        } else {
            data.copyTargets(order, from, count, host);
        }
        return host;
    }

    /**
     * The data's samples must hold as many values as the network's input shape; a sample of another shape but
     * the same size (a flat row of a grey image) is taken in row-major order.
     */
    void checkWidth(Dataset data) {
        if (data.featureWidth() != inputWidth()) {
            throw new IllegalArgumentException(layers.get(0).name() + " expects inputs of shape " + inputShape + " ("
                    + inputWidth() + " values per sample), but the data's samples are " + data.sampleShape() + " ("
                    + data.featureWidth() + " values)");
        }
    }

    static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /**
     * A new network computing the same function in which every run of dense layers joined only by
     * the identity is folded into one layer: {@code (x W1 + b1) W2 + b2 = x (W1 W2) + (b1 W2 + b2)}.
     * This is why a network without activations is no deeper than one affine map.
     */
    public Network foldAffine() {
        checkOpen();
        return AffineFolding.fold(this);
    }

    /** A table of the layers: each one's output shape per sample, activation and parameter count. */
    public String summary() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"layer", "output", "activation", "parameters"});
        rows.add(new String[] {"input", inputShape.toString(), "", ""});
        for (Layer l : layers) {
            String activation =
                    l instanceof PreActivationLayer p ? p.activation().id() : "";
            rows.add(new String[] {
                l.name(), l.outputShape().toString(), activation, String.format(Locale.ROOT, "%,d", l.parameterCount())
            });
        }
        int[] widths = new int[4];
        for (String[] r : rows) {
            for (int c = 0; c < 4; c++) {
                widths[c] = Math.max(widths[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Network on ")
                .append(backend.name())
                .append(" (")
                .append(dtype.name().toLowerCase(Locale.ROOT))
                .append(")\n");
        for (String[] r : rows) {
            sb.append(String.format(
                                    Locale.ROOT,
                                    "%-" + widths[0] + "s  %-" + widths[1] + "s  %-" + widths[2] + "s  %" + widths[3]
                                            + "s",
                                    r[0],
                                    r[1],
                                    r[2],
                                    r[3])
                            .stripTrailing())
                    .append('\n');
        }
        sb.append(String.format(Locale.ROOT, "Total parameters: %,d", parameterCount()));
        return sb.toString();
    }

    /** The activation of each layer, in order (null for layers without one). */
    List<Activation> activations() {
        List<Activation> list = new ArrayList<>();
        for (Layer l : layers) {
            list.add(l instanceof PreActivationLayer p ? p.activation() : null);
        }
        return list;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("This network was closed");
        }
    }

    /** Frees every layer, buffer and the optimisers it trained with. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        layers.forEach(Layer::close);
        workspace.close();
        optimizers.forEach(Optimizer::close);
        optimizers.clear();
    }
}
