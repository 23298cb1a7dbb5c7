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
    private final Activation activation;
    /** Whether the activation is the identity (asked once: the activation answers from its formula). */
    private final boolean identity;

    private final Parameter weight;
    private final Parameter bias;
    private final ScratchWorkspace workspace;
    /** For an element-wise activation, its kernels, derived once (null otherwise). */
    private final Expr forwardKernel;

    private final Expr backwardKernel;
    private final PerBatch<Buffers> buffersByBatch = new PerBatch<>(Buffers::new);
    private Tensor lastInput;
    private Buffers last;

    /** The per-batch-size buffers. */
    private final class Buffers implements PerBatch.Buffers {
        final Tensor z;
        final Tensor y;
        final Tensor dz;
        Tensor dx;

        Buffers(int batch) {
            Shape out = Shape.matrix(batch, units);
            z = backend.allocate(out, dtype);
            y = isIdentity() ? z : backend.allocate(out, dtype);
            dz = backend.allocate(out, dtype);
        }

        Tensor dx(int batch) {
            if (dx == null) {
                dx = backend.allocate(Shape.matrix(batch, inputs), dtype);
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

    /**
     * A layer whose weight ([inputs, units]) and bias ([1, units]) tensors come from {@code context}: new ones
     * drawn by {@code weights} and zero biases, or saved ones.
     */
    Dense(LayerContext context, int inputs, int units, Activation activation, LayerContext.Initial weights) {
        this.name = context.layerName("Dense");
        this.backend = context.backend();
        this.dtype = context.dtype();
        this.inputs = inputs;
        this.units = units;
        this.activation = activation;
        this.identity = activation.isIdentity();
        if (activation instanceof ElementwiseActivation e) {
            this.forwardKernel = e.forwardExpr();
            this.backwardKernel = e.backwardExpr();
        } else {
            this.forwardKernel = null;
            this.backwardKernel = null;
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
        return Shape.of(inputs);
    }

    @Override
    public Shape outputShape() {
        return Shape.of(units);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        Shape s = input.shape();
        if (s.rank() != 2 || s.dim(1) != inputs) {
            throw new IllegalArgumentException(name + " expects " + inputs + " inputs, got a batch of shape " + s
                    + "; a batch must be [batchSize, " + inputs + "]");
        }
        last = null; // as in Conv2D: the buffers of the last training pass may be evicted just below
        lastInput = null;
        Buffers buf = buffersByBatch.get(s.dim(0));
        backend.gemm(false, false, 1, input, weight.value(), 0, buf.z);
        backend.elementwise(ADD, buf.z, buf.z, bias.value());
        if (forwardKernel != null) {
            if (!isIdentity()) {
                backend.elementwise(forwardKernel, buf.y, buf.z);
            }
        } else {
            activation.forward(workspace, buf.z, buf.y);
        }
        lastInput = training ? input : null;
        last = training ? buf : null;
        return buf.y;
    }

    @Override
    public Tensor lastPreActivation() {
        checkTrained();
        return last.z;
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean inputGradientNeeded) {
        checkTrained();
        if (!gradOutput.shape().equals(last.y.shape())) {
            throw new IllegalArgumentException(name + ": the output gradient has shape " + gradOutput.shape()
                    + " but the last training output was " + last.y.shape());
        }
        if (isIdentity()) {
            return backwardFromPreActivation(gradOutput, inputGradientNeeded);
        }
        if (backwardKernel != null) {
            backend.elementwise(backwardKernel, last.dz, last.z, last.y, gradOutput);
        } else {
            activation.backward(workspace, last.z, last.y, gradOutput, last.dz);
        }
        return backwardFromPreActivation(last.dz, inputGradientNeeded);
    }

    @Override
    public Tensor preActivationGradient() {
        checkTrained();
        return last.dz;
    }

    /**
     * Adds {@code x^T dz} to the weight gradient and the column sums of {@code dz} to the bias gradient (through
     * a scratch row: a reduction overwrites its output), then returns {@code dz W^T}.
     */
    @Override
    public Tensor backwardFromPreActivation(Tensor dz, boolean inputGradientNeeded) {
        checkTrained();
        backend.gemm(true, false, 1, lastInput, dz, 1, weight.gradient());
        Tensor columnSums = workspace.buffer("bias.columnSums", bias.gradient().shape(), dtype);
        backend.sum(dz, 0, columnSums);
        backend.elementwise(ADD, bias.gradient(), bias.gradient(), columnSums);
        if (!inputGradientNeeded) {
            return null;
        }
        Tensor dx = last.dx(lastInput.shape().dim(0));
        backend.gemm(false, true, 1, dz, weight.value(), 0, dx);
        return dx;
    }

    private void checkTrained() {
        if (last == null) {
            throw new IllegalStateException(name + ": backward needs a forward pass with training=true first");
        }
    }

    @Override
    public void close() {
        buffersByBatch.close();
        workspace.close();
        weight.value().close();
        weight.gradient().close();
        bias.value().close();
        bias.gradient().close();
        last = null;
        lastInput = null;
    }
}
