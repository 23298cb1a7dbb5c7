package dev.glia.core.internal;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.ElementwiseActivation;
import dev.glia.api.LayerContext;
import dev.glia.api.Parameter;
import dev.glia.api.PreActivationLayer;
import dev.glia.api.ScratchWorkspace;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fully connected layer: {@code y = f(x W + b)} with W of shape [inputs, units] and b of shape
 * [units] (one row, broadcast down the batch). Buffers are kept per batch size (the few most recent), so steady-state training
 * allocates nothing. Built through {@link DenseType}.
 *
 * <p><b>At each time step.</b> Given samples of shape {@code [steps, inputs]} (a sequence), the same W and b apply
 * to every step: a batch {@code [N, T, inputs]} gives {@code [N, T, units]}. The layer sees the batch as the
 * {@code [N·T, inputs]} matrix through a {@link Backend#reshape} view (nothing is copied), so forward is still one
 * {@code gemm}, the activation (softmax included) acts on each step's row, and backward adds every step's
 * contribution to the weight and bias gradients in the same {@code gemm} and column sum.
 */
public final class Dense implements PreActivationLayer, AffineLayer {
    /** The type id in model files. */
    public static final String TYPE = "dense";

    private static final Expr ADD = Expr.input(0).add(Expr.input(1));

    private final String name;
    private final Backend backend;
    private final DType dtype;
    private final int inputs;
    private final int units;
    /** Time steps per sample, or 0 for samples of shape [inputs]. */
    private final int steps;

    private final Activation activation;
    /** Whether the activation is the identity (asked once: the activation answers from its formula). */
    private final boolean identity;

    private final Parameter weight;
    private final Parameter bias;
    private final ScratchWorkspace workspace;
    /** For an element-wise activation, its kernels, derived once (null otherwise). */
    private final Expr forwardKernel;

    private final Expr backwardKernel;
    /**
     * For inference with an element-wise activation: {@code f(z + b)} in one pass (inputs z and b), so that the bias
     * add and the activation are one call and z is not written back (null otherwise).
     */
    private final Expr biasedForwardKernel;

    private final PerBatch<Buffers> buffersByBatch = new PerBatch<>(Buffers::new);
    /** The [N·T, inputs] view of the last input, and of the last output gradient (time steps only). */
    private final ViewCache inputRows = new ViewCache();

    private final ViewCache gradientRows = new ViewCache();
    /** The last training input as a matrix, [N, inputs] or [N·T, inputs]. */
    private Tensor lastInput;

    private Buffers last;

    /**
     * The per-batch-size buffers: matrices of one row per sample (per sample and step with time steps), and for
     * time steps their [N, T, ...] views, which are what the layer hands out.
     */
    private final class Buffers implements PerBatch.Buffers {
        final int batch;
        final Tensor z;
        final Tensor y;
        final Tensor dz;
        final Tensor zOut;
        final Tensor yOut;
        final Tensor dzOut;
        Tensor dx;
        Tensor dxOut;

        Buffers(int batch) {
            this.batch = batch;
            Shape out = Shape.matrix(rows(batch), units);
            z = backend.allocate(out, dtype);
            y = isIdentity() ? z : backend.allocate(out, dtype);
            dz = backend.allocate(out, dtype);
            zOut = perSample(z, units);
            yOut = perSample(y, units);
            dzOut = perSample(dz, units);
        }

        /** A matrix seen as [batch, steps, width] with time steps; the matrix itself otherwise. */
        private Tensor perSample(Tensor matrix, int width) {
            return steps == 0 ? matrix : backend.reshape(matrix, Shape.of(batch, steps, width));
        }

        Tensor dx() {
            if (dx == null) {
                dx = backend.allocate(Shape.matrix(rows(batch), inputs), dtype);
                dxOut = perSample(dx, inputs);
            }
            return dx;
        }

        @Override
        public void close() {
            z.close();
            y.close();
            dz.close();
            if (dx != null) {
                dx.close();
            }
        }
    }

    /** Rows of the matrix a batch is seen as: one per sample, or per sample and step. */
    private int rows(int batch) {
        return steps == 0 ? batch : Math.multiplyExact(batch, steps);
    }

    /**
     * A layer whose weight ([inputs, units]) and bias ([1, units]) tensors come from {@code context}: new ones
     * drawn by {@code weights} and zero biases, or saved ones; applied at each of {@code steps} time steps, or to
     * samples of shape [inputs] when {@code steps} is 0.
     */
    Dense(LayerContext context, int steps, int inputs, int units, Activation activation, LayerContext.Initial weights) {
        this.name = context.layerName("Dense");
        this.backend = context.backend();
        this.dtype = context.dtype();
        this.steps = steps;
        this.inputs = inputs;
        this.units = units;
        this.activation = activation;
        this.identity = activation.isIdentity();
        if (activation instanceof ElementwiseActivation e) {
            this.forwardKernel = e.forwardExpr();
            this.backwardKernel = e.backwardExpr();
            this.biasedForwardKernel = forwardKernel.substitute(0, ADD).simplify();
        } else {
            this.forwardKernel = null;
            this.backwardKernel = null;
            this.biasedForwardKernel = null;
        }
        Shape w = Shape.matrix(inputs, units);
        Shape b = Shape.of(units);
        Tensors owned = new Tensors();
        try {
            this.weight = new Parameter(
                    "weight", owned.add(context.tensor("weight", w, weights)), owned.add(backend.allocate(w, dtype)));
            this.bias = new Parameter(
                    "bias",
                    owned.add(context.tensor("bias", b, LayerContext.Initial.zeros())),
                    owned.add(backend.allocate(b, dtype)));
        } catch (RuntimeException e) {
            owned.close();
            throw e;
        }
        this.workspace = new ScratchWorkspace(backend);
    }

    /** Whether the activation is the identity, so y is z itself. */
    private boolean isIdentity() {
        return identity;
    }

    @Override
    public Activation activation() {
        return activation;
    }

    @Override
    public Parameter weight() {
        return weight;
    }

    @Override
    public Parameter bias() {
        return bias;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("units", units);
        config.put("activation", activation.id());
        return config;
    }

    @Override
    public Shape inputShape() {
        return steps == 0 ? Shape.of(inputs) : Shape.of(steps, inputs);
    }

    @Override
    public Shape outputShape() {
        return steps == 0 ? Shape.of(units) : Shape.of(steps, units);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        Shape s = input.shape();
        if (!s.equals(inputShape().batchOf(s.dim(0)))) {
            throw new IllegalArgumentException(
                    steps == 0
                            ? name + " expects " + inputs + " inputs, got a batch of shape " + s
                                    + "; a batch must be [batchSize, " + inputs + "]"
                            : name + " expects samples of shape " + inputShape() + ", got a batch of shape " + s
                                    + "; a batch must be [batchSize, " + steps + ", " + inputs + "]");
        }
        last = null; // as in Conv2D: the buffers of the last training pass may be evicted just below
        lastInput = null;
        Buffers buf = buffersByBatch.get(s.dim(0));
        Tensor x = steps == 0
                ? input
                : inputRows.of(backend, input, Shape.matrix(buf.z.shape().dim(0), inputs));
        backend.gemm(false, false, 1, x, weight.value(), 0, buf.z);
        if (!training && biasedForwardKernel != null && !isIdentity()) {
            backend.elementwise(biasedForwardKernel, buf.y, buf.z, bias.value());
            return buf.yOut;
        }
        backend.elementwise(ADD, buf.z, buf.z, bias.value());
        if (forwardKernel != null) {
            if (!isIdentity()) {
                backend.elementwise(forwardKernel, buf.y, buf.z);
            }
        } else {
            activation.forward(workspace, buf.z, buf.y);
        }
        lastInput = training ? x : null;
        last = training ? buf : null;
        return buf.yOut;
    }

    @Override
    public Tensor lastPreActivation() {
        checkTrained();
        return last.zOut;
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean inputGradientNeeded) {
        checkTrained();
        Tensor dy = asRows(gradOutput, "output gradient");
        if (isIdentity()) {
            return backwardFromPreActivation(dy, inputGradientNeeded);
        }
        if (backwardKernel != null) {
            backend.elementwise(backwardKernel, last.dz, last.z, last.y, dy);
        } else {
            activation.backward(workspace, last.z, last.y, dy, last.dz);
        }
        return backwardFromPreActivation(last.dz, inputGradientNeeded);
    }

    /**
     * A gradient of the last training output's shape ([N, units] or [N, T, units]) as the [rows, units] matrix
     * the layer computes with; the layer's own buffers map to their matrices without a new view.
     */
    private Tensor asRows(Tensor gradient, String what) {
        if (!gradient.shape().equals(last.yOut.shape()) && !gradient.shape().equals(last.y.shape())) {
            throw new IllegalArgumentException(name + ": the " + what + " has shape " + gradient.shape()
                    + " but the last training output was " + last.yOut.shape());
        }
        if (steps == 0 || gradient.shape().rank() == 2) {
            return gradient;
        }
        if (gradient == last.dzOut) {
            return last.dz;
        }
        return gradientRows.of(backend, gradient, last.y.shape());
    }

    @Override
    public Tensor preActivationGradient() {
        checkTrained();
        return last.dzOut;
    }

    /**
     * Adds {@code x^T dz} to the weight gradient and the column sums of {@code dz} to the bias gradient (through
     * a scratch row: a reduction overwrites its output), then returns {@code dz W^T}.
     */
    @Override
    public Tensor backwardFromPreActivation(Tensor gradZ, boolean inputGradientNeeded) {
        checkTrained();
        Tensor dz = asRows(gradZ, "pre-activation gradient");
        backend.gemm(true, false, 1, lastInput, dz, 1, weight.gradient());
        Tensor columnSums = workspace.buffer("bias.columnSums", bias.gradient().shape(), dtype);
        backend.sum(dz, 0, columnSums);
        backend.elementwise(ADD, bias.gradient(), bias.gradient(), columnSums);
        if (!inputGradientNeeded) {
            return null;
        }
        backend.gemm(false, true, 1, dz, weight.value(), 0, last.dx());
        return last.dxOut;
    }

    private void checkTrained() {
        if (last == null) {
            throw new IllegalStateException(name + ": backward needs a forward pass with training=true first");
        }
    }

    @Override
    public void close() {
        buffersByBatch.close();
        inputRows.close();
        gradientRows.close();
        workspace.close();
        weight.value().close();
        weight.gradient().close();
        bias.value().close();
        bias.gradient().close();
        last = null;
        lastInput = null;
    }
}
