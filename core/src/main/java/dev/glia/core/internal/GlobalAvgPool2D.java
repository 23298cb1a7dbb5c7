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
import java.util.List;
import java.util.Map;

/**
 * The mean of each channel over its height and width: {@code [C, H, W]} becomes {@code [C]}. Forward sums each
 * plane ({@link Backend#sumToShape} into {@code [N, C, 1, 1]}, a view of the output) and scales; backward
 * broadcasts each gradient over its plane, scaled, in one pass.
 */
final class GlobalAvgPool2D implements Layer {
    static final String TYPE = "global_avg_pool2d";

    private final String name;
    private final Backend backend;
    private final DType dtype;
    private final Shape in;
    private final Expr mean;
    private final PerBatch<Buffers> buffers;
    private final ViewCache gradientView = new ViewCache();
    private Buffers last;

    /** One batch size's buffers. */
    private final class Buffers implements PerBatch.Buffers {
        final int batch;
        final Tensor y;
        final Tensor yPlanes;
        Tensor dx;

        Buffers(int batch) {
            this.batch = batch;
            y = backend.allocate(Shape.matrix(batch, in.dim(0)), dtype);
            yPlanes = backend.reshape(y, Shape.of(batch, in.dim(0), 1, 1));
        }

        Tensor dx() {
            if (dx == null) {
                dx = backend.allocate(in.batchOf(batch), dtype);
            }
            return dx;
        }

        @Override
        public void close() {
            y.close();
            if (dx != null) {
                dx.close();
            }
        }
    }

    GlobalAvgPool2D(LayerContext context, Shape in) {
        this.name = context.layerName("GlobalAvgPool2D");
        WindowGeometry.checkImages(name, in);
        this.backend = context.backend();
        this.dtype = context.dtype();
        this.in = in;
        this.mean = Expr.input(0).div(in.dim(1) * in.dim(2));
        this.buffers = new PerBatch<>(Buffers::new);
    }

    static LayerSpec spec() {
        return (in, context) -> new GlobalAvgPool2D(context, in);
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
        return Map.of();
    }

    @Override
    public Shape inputShape() {
        return in;
    }

    @Override
    public Shape outputShape() {
        return Shape.of(in.dim(0));
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
        backend.sumToShape(input, b.yPlanes);
        backend.elementwise(mean, b.y, b.y);
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
        backend.elementwise(mean, dx, gradientView.of(backend, gradOutput, last.yPlanes.shape()));
        return dx;
    }

    @Override
    public void close() {
        buffers.close();
        gradientView.close();
        last = null;
    }

    /** The {@code global_avg_pool2d} type: no configuration. */
    public static final class Type implements LayerType {
        /** For the service loader. */
        public Type() {}

        @Override
        public String id() {
            return TYPE;
        }

        @Override
        public LayerSpec spec(Map<String, Object> config) {
            return GlobalAvgPool2D.spec();
        }
    }
}
