package dev.glia.core.internal;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Layer;
import dev.glia.api.LayerContext;
import dev.glia.api.LayerSpec;
import dev.glia.api.LayerType;
import dev.glia.api.Parameter;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batch normalisation (Ioffe and Szegedy, 2015) over features, as PyTorch's {@code BatchNorm1d} on [N, F], or
 * per channel, as its {@code BatchNorm2d} on [N, C, H, W]:
 * {@code y = gamma (x - mean) / sqrt(var + eps) + beta}, where training uses the batch's mean and biased
 * variance (over the batch, and per channel over the height and width too) and updates the running ones
 * ({@code running = (1 - momentum) running + momentum batch}, the variance unbiased), and inference uses the
 * running ones. gamma starts at 1 and beta at 0; the running mean at 0 and variance at 1, each of [F] or [C].
 * The running statistics are {@link #state()}, saved in model files. Per channel, the per-channel tensors are
 * read and written through [1, C, 1, 1] views that broadcast along the channel axis.
 */
final class BatchNorm implements Layer {
    static final String TYPE = "batch_norm";
    static final String TYPE_2D = "batch_norm2d";
    private static final Expr X = Expr.input(0);

    private final String name;
    private final Backend backend;
    private final DType dtype;
    private final boolean perChannel;
    private final Shape in;
    private final int features;
    private final double momentum;
    private final double epsilon;
    private final Parameter gamma;
    private final Parameter beta;
    private final Tensor runningMean;
    private final Tensor runningVar;
    /** Per-feature rows: the batch's mean, 1 / sqrt(var + eps), and two sums of backward. */
    private final Tensor mean;

    private final Tensor inverseStd;
    private final Tensor sumG;
    private final Tensor sumGXhat;
    /** The per-feature tensors as the element-wise operations and reductions see them (views per channel). */
    private final Tensor gammaB;

    private final Tensor betaB;
    private final Tensor runningMeanB;
    private final Tensor runningVarB;
    private final Tensor meanB;
    private final Tensor inverseStdB;
    private final Tensor sumGB;
    private final Tensor sumGXhatB;
    private final Expr centred = X.sub(Expr.input(1));
    private Tensor xhat;
    private Tensor y;
    private Tensor dx;
    private Tensor scratch;
    private boolean trained;

    BatchNorm(LayerContext context, Shape in, boolean perChannel, double momentum, double epsilon) {
        this.name = context.layerName(perChannel ? "BatchNorm2D" : "BatchNorm");
        if (perChannel) {
            WindowGeometry.checkImages(name, in);
        } else if (in.rank() != 1) {
            throw new IllegalArgumentException(name + " normalises features, [features] per sample; its input is " + in
                    + ": add a flatten layer before it");
        }
        this.backend = context.backend();
        this.dtype = context.dtype();
        this.perChannel = perChannel;
        this.in = in;
        this.features = in.dim(0);
        this.momentum = momentum;
        this.epsilon = epsilon;
        Shape f = Shape.of(features);
        Tensors owned = new Tensors();
        try {
            this.gamma = new Parameter(
                    "gamma",
                    owned.add(context.tensor("gamma", f, LayerContext.Initial.constant(1))),
                    owned.add(backend.allocate(f, dtype)));
            this.beta = new Parameter(
                    "beta",
                    owned.add(context.tensor("beta", f, LayerContext.Initial.zeros())),
                    owned.add(backend.allocate(f, dtype)));
            this.runningMean = owned.add(context.tensor("running_mean", f, LayerContext.Initial.zeros()));
            this.runningVar = owned.add(context.tensor("running_var", f, LayerContext.Initial.constant(1)));
            this.mean = owned.add(backend.allocate(f, dtype));
            this.inverseStd = owned.add(backend.allocate(f, dtype));
            this.sumG = owned.add(backend.allocate(f, dtype));
            this.sumGXhat = owned.add(backend.allocate(f, dtype));
            this.gammaB = broadcast(gamma.value());
            this.betaB = broadcast(beta.value());
            this.runningMeanB = broadcast(runningMean);
            this.runningVarB = broadcast(runningVar);
            this.meanB = broadcast(mean);
            this.inverseStdB = broadcast(inverseStd);
            this.sumGB = broadcast(sumG);
            this.sumGXhatB = broadcast(sumGXhat);
        } catch (RuntimeException e) {
            owned.close();
            throw e;
        }
    }

    /** Per channel, a [1, C, 1, 1] view of a per-channel tensor; over features, the tensor itself. */
    private Tensor broadcast(Tensor perFeature) {
        return perChannel ? backend.reshape(perFeature, Shape.of(1, features, 1, 1)) : perFeature;
    }

    /** Sums {@code x} over the batch (and per channel over height and width) into {@code out}, a broadcast form. */
    private void reduce(Tensor x, Tensor out) {
        if (perChannel) {
            backend.sumToShape(x, out);
        } else {
            backend.sum(x, 0, out);
        }
    }

    /** Values per statistic in a batch of {@code batch} samples. */
    private int count(int batch) {
        return perChannel ? batch * in.dim(1) * in.dim(2) : batch;
    }

    static LayerSpec spec(double momentum, double epsilon) {
        return spec(false, momentum, epsilon);
    }

    /** The recipe of a normalisation over features or, {@code perChannel}, per channel of [C, H, W]. */
    static LayerSpec spec(boolean perChannel, double momentum, double epsilon) {
        if (!(momentum > 0 && momentum <= 1)) {
            throw new IllegalArgumentException("A batch normalisation's momentum is in (0, 1], got " + momentum);
        }
        if (!(epsilon > 0 && epsilon < 1)) {
            throw new IllegalArgumentException("A batch normalisation's epsilon is in (0, 1), got " + epsilon);
        }
        return (in, context) -> new BatchNorm(context, in, perChannel, momentum, epsilon);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return perChannel ? TYPE_2D : TYPE;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("momentum", momentum);
        config.put("epsilon", epsilon);
        return config;
    }

    @Override
    public Shape inputShape() {
        return in;
    }

    @Override
    public Shape outputShape() {
        return in;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(gamma, beta);
    }

    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("running_mean", runningMean);
        state.put("running_var", runningVar);
        return state;
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        Shapes.checkBatch(name, input, inputShape());
        int batch = input.shape().dim(0);
        int n = count(batch);
        buffers(input.shape());
        trained = training;
        if (!training) {
            // y = gamma (x - running mean) / sqrt(running var + eps) + beta
            backend.elementwise(
                    centred.div(Expr.input(2).add(epsilon).sqrt())
                            .mul(Expr.input(3))
                            .add(Expr.input(4)),
                    y,
                    input,
                    runningMeanB,
                    runningVarB,
                    gammaB,
                    betaB);
            return y;
        }
        if (n < 2) {
            throw new IllegalArgumentException(name + " needs at least 2 "
                    + (perChannel ? "values per channel (samples × height × width)" : "samples")
                    + " per training batch to estimate a variance, got a batch of " + batch + "; use a larger batch");
        }
        reduce(input, meanB);
        backend.elementwise(X.div(n), mean, mean);
        backend.elementwise(centred.mul(centred), scratch, input, meanB);
        reduce(scratch, inverseStdB); // the sum of squares, for now
        double unbiased = (double) n / (n - 1);
        // running var takes the unbiased batch variance, then inverseStd becomes 1 / sqrt(biased var + eps)
        backend.elementwise(
                X.mul(1 - momentum).add(Expr.input(1).mul(momentum * unbiased / n)),
                runningVar,
                runningVar,
                inverseStd);
        backend.elementwise(X.div(n).add(epsilon).sqrt().recip(), inverseStd, inverseStd);
        backend.elementwise(X.mul(1 - momentum).add(Expr.input(1).mul(momentum)), runningMean, runningMean, mean);
        backend.elementwise(centred.mul(Expr.input(2)), xhat, input, meanB, inverseStdB);
        backend.elementwise(X.mul(Expr.input(1)).add(Expr.input(2)), y, xhat, gammaB, betaB);
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean inputGradientNeeded) {
        if (!trained) {
            throw new IllegalStateException(name + ": backward needs a forward pass with training=true first");
        }
        if (!gradOutput.shape().equals(y.shape())) {
            throw new IllegalArgumentException(name + ": the output gradient has shape " + gradOutput.shape()
                    + " but the last training output was " + y.shape());
        }
        int n = count(gradOutput.shape().dim(0));
        reduce(gradOutput, sumGB);
        backend.elementwise(X.mul(Expr.input(1)), scratch, gradOutput, xhat);
        reduce(scratch, sumGXhatB);
        backend.elementwise(X.add(Expr.input(1)), beta.gradient(), beta.gradient(), sumG);
        backend.elementwise(X.add(Expr.input(1)), gamma.gradient(), gamma.gradient(), sumGXhat);
        if (!inputGradientNeeded) {
            return null;
        }
        // dx = gamma istd / n (n g - sum g - xhat sum(g xhat))
        Expr g = Expr.input(0);
        Expr xh = Expr.input(1);
        backend.elementwise(
                Expr.input(2)
                        .mul(Expr.input(3))
                        .div(n)
                        .mul(g.mul(n).sub(Expr.input(4)).sub(xh.mul(Expr.input(5)))),
                dx,
                gradOutput,
                xhat,
                gammaB,
                inverseStdB,
                sumGB,
                sumGXhatB);
        return dx;
    }

    private void buffers(Shape batch) {
        if (y != null && y.shape().equals(batch)) {
            return;
        }
        closeBuffers();
        xhat = backend.allocate(batch, dtype);
        y = backend.allocate(batch, dtype);
        dx = backend.allocate(batch, dtype);
        scratch = backend.allocate(batch, dtype);
    }

    private void closeBuffers() {
        for (Tensor t : new Tensor[] {xhat, y, dx, scratch}) {
            if (t != null) {
                t.close();
            }
        }
        xhat = null;
        y = null;
        dx = null;
        scratch = null;
    }

    @Override
    public void close() {
        closeBuffers();
        for (Tensor t : new Tensor[] {
            gamma.value(),
            gamma.gradient(),
            beta.value(),
            beta.gradient(),
            runningMean,
            runningVar,
            mean,
            inverseStd,
            sumG,
            sumGXhat
        }) {
            t.close();
        }
    }

    private static LayerSpec spec(boolean perChannel, Map<String, Object> config) {
        String type = perChannel ? TYPE_2D : TYPE;
        return BatchNorm.spec(
                perChannel,
                Configs.number(config, "momentum", type, Double.MIN_VALUE, Math.nextUp(1.0)),
                Configs.number(config, "epsilon", type, Double.MIN_VALUE, 1));
    }

    /** The {@code batch_norm} type: configuration {@code {"momentum": m, "epsilon": e}}. */
    public static final class Type implements LayerType {
        /** For the service loader. */
        public Type() {}

        @Override
        public String id() {
            return TYPE;
        }

        @Override
        public LayerSpec spec(Map<String, Object> config) {
            return BatchNorm.spec(false, config);
        }
    }

    /**
     * The {@code batch_norm2d} type, per channel of [C, H, W]: configuration as {@code batch_norm}; tensors
     * {@code gamma}, {@code beta}, {@code running_mean} and {@code running_var}, each [C].
     */
    public static final class Type2D implements LayerType {
        /** For the service loader. */
        public Type2D() {}

        @Override
        public String id() {
            return TYPE_2D;
        }

        @Override
        public LayerSpec spec(Map<String, Object> config) {
            return BatchNorm.spec(true, config);
        }
    }
}
