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
import dev.glia.api.Window2D;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Max or average pooling over each channel of {@code [C, H, W]} samples, through the backend's
 * {@link Backend#maxPool2d} (which keeps the winners' positions, INT32, for the backward pass) or
 * {@link Backend#avgPool2d} (padding counted as zeros, PyTorch's default). No parameters; buffers per batch size.
 */
final class Pool2D implements Layer {
    static final String MAX = "max_pool2d";
    static final String AVG = "avg_pool2d";

    private final String name;
    private final boolean max;
    private final Backend backend;
    private final DType dtype;
    private final Shape in;
    private final Shape out;
    private final Window2D window;
    private final String paddingMode;
    private final int[] explicitPadding;
    private final PerBatch<Buffers> buffers;
    private Buffers last;

    /** One batch size's buffers. */
    private final class Buffers implements PerBatch.Buffers {
        final int batch;
        final Tensor y;
        final Tensor argmax;
        Tensor dx;

        Buffers(int batch) {
            this.batch = batch;
            Tensors owned = new Tensors();
            try {
                y = owned.add(backend.allocate(out.batchOf(batch), dtype));
                argmax = max ? owned.add(backend.allocate(out.batchOf(batch), DType.INT32)) : null;
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
            for (Tensor t : new Tensor[] {y, argmax, dx}) {
                if (t != null) {
                    t.close();
                }
            }
        }
    }

    Pool2D(
            LayerContext context,
            Shape in,
            boolean max,
            int kernelHeight,
            int kernelWidth,
            int strideHeight,
            int strideWidth,
            String paddingMode,
            int[] explicitPadding) {
        this.name = context.layerName(max ? "MaxPool2D" : "AvgPool2D");
        this.max = max;
        WindowGeometry.checkImages(name, in);
        this.window = WindowGeometry.window(
                name, in, kernelHeight, kernelWidth, strideHeight, strideWidth, paddingMode, explicitPadding, 1, 1);
        if (2 * Math.max(window.padTop(), window.padBottom()) > kernelHeight
                || 2 * Math.max(window.padLeft(), window.padRight()) > kernelWidth) {
            throw new IllegalArgumentException(name + " pads each side by at most half its " + kernelHeight + "×"
                    + kernelWidth + " kernel (as PyTorch does), got padding " + window.padTop() + "/"
                    + window.padBottom() + "/" + window.padLeft() + "/" + window.padRight()
                    + " top/bottom/left/right: use less padding or a larger kernel");
        }
        this.backend = context.backend();
        this.dtype = context.dtype();
        this.in = in;
        this.out = window.outputShape(in);
        this.paddingMode = paddingMode;
        this.explicitPadding = explicitPadding == null ? null : explicitPadding.clone();
        this.buffers = new PerBatch<>(Buffers::new);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return max ? MAX : AVG;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("kernel", WindowGeometry.pair(window.kernelHeight(), window.kernelWidth()));
        config.put("stride", WindowGeometry.pair(window.strideHeight(), window.strideWidth()));
        config.put("padding", WindowGeometry.config(paddingMode, explicitPadding));
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
        return List.of();
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        Shapes.checkBatch(name, input, in);
        last = null;
        Buffers b = buffers.get(input.shape().dim(0));
        if (max) {
            backend.maxPool2d(input, window, b.y, b.argmax);
        } else {
            backend.avgPool2d(input, window, b.y);
        }
        if (training) {
            last = b;
        }
        return b.y;
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean inputGradientNeeded) {
        if (last == null) {
            throw new IllegalStateException(name + ": backward needs a forward pass with training=true first");
        }
        if (!gradOutput.shape().equals(last.y.shape())) {
            throw new IllegalArgumentException(name + ": the output gradient has shape " + gradOutput.shape()
                    + " but the last training output was " + last.y.shape());
        }
        if (!inputGradientNeeded) {
            return null;
        }
        Tensor dx = last.dx();
        if (max) {
            backend.maxPool2dBackward(gradOutput, last.argmax, window, dx);
        } else {
            backend.avgPool2dBackward(gradOutput, window, dx);
        }
        return dx;
    }

    @Override
    public void close() {
        buffers.close();
        last = null;
    }

    /** The recipe; {@code paddingMode} null when {@code explicitPadding} is given. */
    static LayerSpec spec(
            boolean max,
            int kernelHeight,
            int kernelWidth,
            int strideHeight,
            int strideWidth,
            String paddingMode,
            int[] explicitPadding) {
        return (in, context) -> new Pool2D(
                context, in, max, kernelHeight, kernelWidth, strideHeight, strideWidth, paddingMode, explicitPadding);
    }

    private static LayerSpec spec(boolean max, Map<String, Object> config) {
        String type = max ? MAX : AVG;
        int[] kernel = WindowGeometry.pair(config, "kernel", type);
        int[] stride = WindowGeometry.pair(config, "stride", type);
        return spec(
                max,
                kernel[0],
                kernel[1],
                stride[0],
                stride[1],
                WindowGeometry.mode(config, "padding", type),
                WindowGeometry.explicit(config, "padding", type));
    }

    /** The {@code max_pool2d} type: {@code {"kernel": [h, w], "stride": [h, w], "padding": ...}}. */
    public static final class MaxType implements LayerType {
        /** For the service loader. */
        public MaxType() {}

        @Override
        public String id() {
            return MAX;
        }

        @Override
        public LayerSpec spec(Map<String, Object> config) {
            return Pool2D.spec(true, config);
        }
    }

    /** The {@code avg_pool2d} type, configured as {@code max_pool2d}. */
    public static final class AvgType implements LayerType {
        /** For the service loader. */
        public AvgType() {}

        @Override
        public String id() {
            return AVG;
        }

        @Override
        public LayerSpec spec(Map<String, Object> config) {
            return Pool2D.spec(false, config);
        }
    }
}
