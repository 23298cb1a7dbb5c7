package dev.glia.core.internal;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.ElementwiseActivation;
import dev.glia.api.Layer;
import dev.glia.api.Parameter;
import dev.glia.api.ScratchWorkspace;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fully connected layer: {@code y = f(x W + b)} with W of shape [inputs, units] and b of shape
 * [1, units]. Buffers are kept per batch size (the few most recent), so steady-state training
 * allocates nothing.
 */
public final class Dense implements Layer {
    private static final Expr ADD = Expr.input(0).add(Expr.input(1));
    private static final int KEPT_BATCH_SIZES = 3;

    private final String name;
    private final Backend backend;
    private final DType dtype;
    private final int inputs;
    private final int units;
    private final Activation activation;
    private final Parameter weight;
    private final Parameter bias;
    private final ScratchWorkspace workspace;
    /** For an element-wise activation, its kernels, derived once (null otherwise). */
    private final Expr forwardKernel;
    private final Expr backwardKernel;
    private final Map<Integer, Buffers> buffersByBatch = new LinkedHashMap<>(4, 0.75f, true);
    private boolean needsInputGradient = true;
    private Tensor lastInput;
    private Buffers last;

    /** The per-batch-size buffers. */
    private final class Buffers implements AutoCloseable {
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
     * A layer with the given weights (row-major [inputs, units]) and biases ([units]), copied to the
     * backend.
     */
    public Dense(String name, Backend backend, DType dtype, int inputs, int units, Activation activation,
            double[] weights, double[] biases) {
        this.name = name;
        this.backend = backend;
        this.dtype = dtype;
        this.inputs = inputs;
        this.units = units;
        this.activation = activation;
        this.workspace = new ScratchWorkspace(backend);
        if (activation instanceof ElementwiseActivation e) {
            this.forwardKernel = e.forwardExpr();
            this.backwardKernel = e.backwardExpr();
        } else {
            this.forwardKernel = null;
            this.backwardKernel = null;
        }
        Shape w = Shape.matrix(inputs, units);
        Shape b = Shape.matrix(1, units);
        this.weight = new Parameter("weight", upload(weights, w), backend.allocate(w, dtype));
        this.bias = new Parameter("bias", upload(biases, b), backend.allocate(b, dtype));
    }

    private Tensor upload(double[] values, Shape shape) {
        Tensor t = backend.allocate(shape, dtype);
        backend.write(t, values);
        return t;
    }

    /** Whether the activation is the identity, so y is z itself. */
    private boolean isIdentity() {
        return "identity".equals(activation.id());
    }

    /** The first layer of a network needs no gradient with respect to its input. */
    public void setNeedsInputGradient(boolean needed) {
        this.needsInputGradient = needed;
    }

    /** The activation. */
    public Activation activation() {
        return activation;
    }

    /** The weight parameter, [inputs, units]. */
    public Parameter weight() {
        return weight;
    }

    /** The bias parameter, [1, units]. */
    public Parameter bias() {
        return bias;
    }

    /** Number of units (outputs per sample). */
    public int units() {
        return units;
    }

    @Override
    public String name() {
        return name;
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
        Buffers buf = buffers(s.dim(0));
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

    /** The pre-activation of the last training forward pass (the logits, for a fused loss). */
    public Tensor lastPreActivation() {
        checkTrained();
        return last.z;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        checkTrained();
        if (isIdentity()) {
            return backwardFromPreActivation(gradOutput);
        }
        if (backwardKernel != null) {
            backend.elementwise(backwardKernel, last.dz, last.z, last.y, gradOutput);
        } else {
            activation.backward(workspace, last.z, last.y, gradOutput, last.dz);
        }
        return backwardFromPreActivation(last.dz);
    }

    /** The gradient buffer for the pre-activation of the last training pass. */
    public Tensor preActivationGradient() {
        checkTrained();
        return last.dz;
    }

    /**
     * Backward from the gradient with respect to the pre-activation {@code z}: writes the parameter
     * gradients and returns the input gradient (null for the first layer).
     */
    public Tensor backwardFromPreActivation(Tensor dz) {
        checkTrained();
        backend.gemm(true, false, 1, lastInput, dz, 0, weight.gradient());
        backend.sum(dz, 0, bias.gradient());
        if (!needsInputGradient) {
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

    private Buffers buffers(int batch) {
        Buffers b = buffersByBatch.get(batch);
        if (b == null) {
            if (buffersByBatch.size() >= KEPT_BATCH_SIZES) {
                var eldest = buffersByBatch.entrySet().iterator().next();
                if (eldest.getValue() == last) {
                    last = null;
                }
                eldest.getValue().close();
                buffersByBatch.remove(eldest.getKey());
            }
            b = new Buffers(batch);
            buffersByBatch.put(batch, b);
        }
        return b;
    }

    @Override
    public void close() {
        buffersByBatch.values().forEach(Buffers::close);
        buffersByBatch.clear();
        workspace.close();
        weight.value().close();
        weight.gradient().close();
        bias.value().close();
        bias.gradient().close();
        last = null;
        lastInput = null;
    }
}
