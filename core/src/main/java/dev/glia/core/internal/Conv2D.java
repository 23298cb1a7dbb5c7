package dev.glia.core.internal;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.ElementwiseActivation;
import dev.glia.api.LayerContext;
import dev.glia.api.LayerSpec;
import dev.glia.api.LayerType;
import dev.glia.api.Parameter;
import dev.glia.api.PreActivationLayer;
import dev.glia.api.ScratchWorkspace;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.Window2D;
import dev.glia.api.expr.Expr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A 2-D convolution over {@code [C, H, W]} samples: {@code K} filters of {@code C × KH × KW} weights (PyTorch's
 * layout {@code [K, C, KH, KW]}), a bias per filter, then the activation; output {@code [K, OH, OW]}.
 *
 * <p>Forward: {@link Backend#conv2d} gives the pre-activation {@code [N, K, OH, OW]} with the bias added (by
 * default the patches unfolded into columns, {@code [C·KH·KW, N·OH·OW]}, one {@code gemm} with the weights seen as
 * {@code [K, C·KH·KW]}, a permute to batch first and a broadcast add), then one pass applies the activation.
 * Backward: the activation's derivative, then {@link Backend#conv2dBackward} adds the weight and bias gradients
 * and, when the input gradient is needed, writes it ({@code col2im} of the columns' gradient). The layer owns the
 * workspaces both calls share (the columns, which carry the patches, or a backend's own intermediate values, from
 * forward to backward, and the product) and its outputs, per batch size.
 */
final class Conv2D implements PreActivationLayer {
    static final String TYPE = "conv2d";

    private final String name;
    private final Backend backend;
    private final DType dtype;
    private final Shape in;
    private final Shape out;
    private final int filters;
    private final int patch;
    private final Window2D window;
    private final String paddingMode;
    private final int[] explicitPadding;
    private final Activation activation;
    private final boolean identity;
    private final Expr forwardKernel;
    private final Expr backwardKernel;
    private final Parameter weight;
    private final Parameter bias;
    private final Tensor weightMatrix;
    private final Tensor weightGradientMatrix;
    private final ScratchWorkspace workspace;
    private final PerBatch<Buffers> buffers;
    private Tensor lastInput;
    private Buffers last;

    /** One batch size's buffers. */
    private final class Buffers implements PerBatch.Buffers {
        final int batch;
        /** The patches, {@code [C·KH·KW, N·P]}; after a backward pass that needed it, the patches' gradient. */
        final Tensor columns;
        /** {@code [K, N·P]}: the convolution calls' second workspace. */
        final Tensor product;

        final Tensor z;
        final Tensor y;
        final Tensor dz;
        Tensor dx;
        boolean columnsHoldPatches;

        Buffers(int batch) {
            this.batch = batch;
            int positions = out.dim(1) * out.dim(2);
            Tensors owned = new Tensors();
            try {
                columns = owned.add(backend.allocate(Shape.matrix(patch, Math.multiplyExact(batch, positions)), dtype));
                product = owned.add(backend.allocate(Shape.matrix(filters, batch * positions), dtype));
                Shape batchOut = out.batchOf(batch);
                z = owned.add(backend.allocate(batchOut, dtype));
                y = identity ? z : owned.add(backend.allocate(batchOut, dtype));
                dz = owned.add(backend.allocate(batchOut, dtype));
            } catch (RuntimeException e) {
                owned.close();
                throw e;
            }
        }

        Tensor dx() {
            if (dx == null) {
                dx = backend.allocate(in.batchOf(batch), dtype);
            }
            return dx;
        }

        @Override
        public void close() {
            for (Tensor t : new Tensor[] {columns, product, z, y, dz, dx}) {
                if (t != null) {
                    t.close();
                }
            }
        }
    }

    Conv2D(
            LayerContext context,
            Shape in,
            int filters,
            int kernelHeight,
            int kernelWidth,
            Activation activation,
            int strideHeight,
            int strideWidth,
            String paddingMode,
            int[] explicitPadding,
            int dilationHeight,
            int dilationWidth,
            boolean withBias) {
        this.name = context.layerName("Conv2D");
        WindowGeometry.checkImages(name, in);
        this.window = WindowGeometry.window(
                name,
                in,
                kernelHeight,
                kernelWidth,
                strideHeight,
                strideWidth,
                paddingMode,
                explicitPadding,
                dilationHeight,
                dilationWidth);
        long patchSize = (long) in.dim(0) * kernelHeight * kernelWidth;
        long weights = patchSize * filters;
        if (weights > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(name + " would have " + filters + " x " + patchSize + " = " + weights
                    + " weights, more than a tensor holds (2^31 - 9); use fewer filters or a smaller kernel");
        }
        this.backend = context.backend();
        this.dtype = context.dtype();
        this.in = in;
        this.filters = filters;
        this.patch = (int) patchSize;
        Shape o = window.outputShape(in);
        this.out = Shape.of(filters, o.dim(1), o.dim(2));
        this.paddingMode = paddingMode;
        this.explicitPadding = explicitPadding == null ? null : explicitPadding.clone();
        this.activation = activation;
        this.identity = activation.isIdentity();
        if (activation instanceof ElementwiseActivation e) {
            this.forwardKernel = e.forwardExpr();
            this.backwardKernel = e.backwardExpr();
        } else {
            this.forwardKernel = null;
            this.backwardKernel = null;
        }
        int fanIn = patch;
        int fanOut = filters * kernelHeight * kernelWidth;
        boolean he = activation.suitsHeInitialization();
        Shape w = Shape.of(filters, in.dim(0), kernelHeight, kernelWidth);
        Tensors owned = new Tensors();
        try {
            this.weight = new Parameter(
                    "weight",
                    owned.add(context.tensor("weight", w, (shape, random) -> {
                        double[] v = new double[shape.size()];
                        for (int i = 0; i < v.length; i++) {
                            v[i] = he ? WeightInit.he(random, fanIn, fanOut) : WeightInit.xavier(random, fanIn, fanOut);
                        }
                        return v;
                    })),
                    owned.add(backend.allocate(w, dtype)));
            if (withBias) {
                Shape b = Shape.of(filters);
                this.bias = new Parameter(
                        "bias",
                        owned.add(context.tensor("bias", b, LayerContext.Initial.zeros())),
                        owned.add(backend.allocate(b, dtype)));
            } else {
                this.bias = null;
            }
            this.weightMatrix = backend.reshape(weight.value(), Shape.matrix(filters, patch));
            this.weightGradientMatrix = backend.reshape(weight.gradient(), Shape.matrix(filters, patch));
        } catch (RuntimeException e) {
            owned.close();
            throw e;
        }
        this.workspace = new ScratchWorkspace(backend);
        this.buffers = new PerBatch<>(Buffers::new);
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
        config.put("filters", filters);
        config.put("kernel", WindowGeometry.pair(window.kernelHeight(), window.kernelWidth()));
        config.put("stride", WindowGeometry.pair(window.strideHeight(), window.strideWidth()));
        config.put("padding", WindowGeometry.config(paddingMode, explicitPadding));
        config.put("dilation", WindowGeometry.pair(window.dilationHeight(), window.dilationWidth()));
        config.put("bias", bias != null);
        config.put("activation", activation.id());
        return config;
    }

    @Override
    public Shape inputShape() {
        return in;
    }

    @Override
    public Shape outputShape() {
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    @Override
    public Activation activation() {
        return activation;
    }

    /** The window the filters slide with, padding resolved. */
    Window2D window() {
        return window;
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        Shapes.checkBatch(name, input, in);
        last = null;
        lastInput = null;
        Buffers b = buffers.get(input.shape().dim(0));
        backend.conv2d(input, weightMatrix, bias == null ? null : bias.value(), window, b.columns, b.product, b.z);
        b.columnsHoldPatches = true;
        if (!identity) {
            if (forwardKernel == null) {
                activation.forward(workspace, b.z, b.y);
            } else {
                backend.elementwise(forwardKernel, b.y, b.z);
            }
        }
        if (training) {
            last = b;
            lastInput = input;
        }
        return b.y;
    }

    @Override
    public Tensor lastPreActivation() {
        checkTrained();
        return last.z;
    }

    @Override
    public Tensor preActivationGradient() {
        checkTrained();
        return last.dz;
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean inputGradientNeeded) {
        checkTrained();
        checkGradient("output gradient", gradOutput);
        if (identity) {
            return backwardFromPreActivation(gradOutput, inputGradientNeeded);
        }
        if (backwardKernel != null) {
            backend.elementwise(backwardKernel, last.dz, last.z, last.y, gradOutput);
        } else {
            activation.backward(workspace, last.z, last.y, gradOutput, last.dz);
        }
        return backwardFromPreActivation(last.dz, inputGradientNeeded);
    }

    /**
     * Adds the weight gradient and the bias gradient (each filter's sum of {@code dz}) and, when needed, returns
     * the input gradient {@code col2im(Wᵀ · dz)}, all in one {@link Backend#conv2dBackward}.
     */
    @Override
    public Tensor backwardFromPreActivation(Tensor dz, boolean inputGradientNeeded) {
        checkTrained();
        checkGradient("pre-activation gradient", dz);
        Buffers b = last;
        if (!b.columnsHoldPatches) { // a second backward pass after one forward: unfold the input again
            backend.im2col(lastInput, window, b.columns);
        }
        Tensor dx = inputGradientNeeded ? b.dx() : null;
        backend.conv2dBackward(
                lastInput,
                weightMatrix,
                dz,
                window,
                b.columns,
                b.product,
                weightGradientMatrix,
                bias == null ? null : bias.gradient(),
                dx);
        b.columnsHoldPatches = false;
        return dx;
    }

    private void checkTrained() {
        if (last == null) {
            throw new IllegalStateException(name + ": backward needs a forward pass with training=true first");
        }
    }

    private void checkGradient(String what, Tensor g) {
        if (!g.shape().equals(last.z.shape())) {
            throw new IllegalArgumentException(name + ": the " + what + " has shape " + g.shape()
                    + " but the last training output was " + last.z.shape());
        }
    }

    @Override
    public void close() {
        buffers.close();
        workspace.close();
        weight.value().close();
        weight.gradient().close();
        if (bias != null) {
            bias.value().close();
            bias.gradient().close();
        }
        last = null;
        lastInput = null;
    }

    /** The recipe; {@code activation} is an {@link Activation} or an id, {@code paddingMode} null when explicit. */
    static LayerSpec spec(
            int filters,
            int kernelHeight,
            int kernelWidth,
            Object activation,
            int strideHeight,
            int strideWidth,
            String paddingMode,
            int[] explicitPadding,
            int dilationHeight,
            int dilationWidth,
            boolean bias) {
        return (in, context) -> {
            Activation f = activation instanceof Activation a ? a : context.activation((String) activation);
            return new Conv2D(
                    context,
                    in,
                    filters,
                    kernelHeight,
                    kernelWidth,
                    f,
                    strideHeight,
                    strideWidth,
                    paddingMode,
                    explicitPadding,
                    dilationHeight,
                    dilationWidth,
                    bias);
        };
    }

    /**
     * The {@code conv2d} type: configuration {@code {"filters": K, "kernel": [h, w], "stride": [h, w], "padding":
     * "valid" | "same" | [top, bottom, left, right], "dilation": [h, w], "bias": true, "activation": id}}; tensors
     * {@code weight} [K, C, KH, KW] and {@code bias} [K].
     */
    public static final class Type implements LayerType {
        /** For the service loader. */
        public Type() {}

        @Override
        public String id() {
            return TYPE;
        }

        @Override
        public LayerSpec spec(Map<String, Object> config) {
            int[] kernel = WindowGeometry.pair(config, "kernel", TYPE);
            int[] stride = WindowGeometry.pair(config, "stride", TYPE);
            int[] dilation = WindowGeometry.pair(config, "dilation", TYPE);
            if (!(config.get("bias") instanceof Boolean bias)) {
                throw new IllegalArgumentException(
                        "Layer type '" + TYPE + "': 'bias' must be true or false, got " + config.get("bias"));
            }
            return Conv2D.spec(
                    Configs.positiveInt(config, "filters", TYPE),
                    kernel[0],
                    kernel[1],
                    Configs.string(config, "activation", TYPE),
                    stride[0],
                    stride[1],
                    WindowGeometry.mode(config, "padding", TYPE),
                    WindowGeometry.explicit(config, "padding", TYPE),
                    dilation[0],
                    dilation[1],
                    bias);
        }
    }
}
