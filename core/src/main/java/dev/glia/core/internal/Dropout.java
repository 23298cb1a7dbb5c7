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
 * Inverted dropout: in training each value is kept with probability {@code 1 - rate} and scaled by
 * {@code 1 / (1 - rate)}, else zeroed, so inference is the identity and needs no rescaling. The keep decisions
 * come from the backend's counter-based generator ({@link Backend#randomUniform}) under a seed drawn from the
 * network's and a counter that advances with each training pass, so a network seed gives the same masks on
 * every backend. Training passes keep the uniform draws until backward, which applies the same mask.
 */
final class Dropout implements Layer {
    static final String TYPE = "dropout";

    private final String name;
    private final Backend backend;
    private final DType dtype;
    private final Shape shape;
    private final double rate;
    private final long seed;
    private final Expr keep;
    private final Expr backwardKernel;
    private long offset;
    private Tensor uniform;
    private Tensor y;
    private Tensor dx;
    private boolean trained;

    Dropout(LayerContext context, Shape shape, double rate) {
        this.name = context.layerName("Dropout");
        this.backend = context.backend();
        this.dtype = context.dtype();
        this.shape = shape;
        this.rate = rate;
        this.seed = context.seed();
        Expr kept = Expr.input(1).ge(Expr.constant(rate)); // u >= rate with probability 1 - rate
        this.keep = Expr.where(kept, Expr.input(0).mul(1 / (1 - rate)), Expr.constant(0));
        this.backwardKernel = keep; // dx = g / (1 - rate) where kept: the same formula over g
    }

    /** The recipe of a dropout layer dropping a share {@code rate} in [0, 1). */
    static LayerSpec spec(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("A dropout rate is in [0, 1), got " + rate);
        }
        return (in, context) -> new Dropout(context, in, rate);
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
        config.put("rate", rate);
        return config;
    }

    @Override
    public Shape inputShape() {
        return shape;
    }

    @Override
    public Shape outputShape() {
        return shape;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        Shapes.checkBatch(name, input, shape);
        trained = training;
        if (!training || rate == 0) {
            return input;
        }
        if (uniform == null || !uniform.shape().equals(input.shape())) {
            closeBuffers();
            uniform = backend.allocate(input.shape(), dtype);
            y = backend.allocate(input.shape(), dtype);
            dx = backend.allocate(input.shape(), dtype);
        }
        backend.randomUniform(uniform, seed, offset, 0, 1);
        offset += (input.shape().size() + 3) / 4;
        backend.elementwise(keep, y, input, uniform);
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean inputGradientNeeded) {
        if (!trained) {
            throw new IllegalStateException(name + ": backward needs a forward pass with training=true first");
        }
        Shapes.checkBatch(name + "'s output gradient", gradOutput, shape);
        if (!inputGradientNeeded) {
            return null;
        }
        if (rate == 0) {
            return gradOutput;
        }
        backend.elementwise(backwardKernel, dx, gradOutput, uniform);
        return dx;
    }

    private void closeBuffers() {
        for (Tensor t : new Tensor[] {uniform, y, dx}) {
            if (t != null) {
                t.close();
            }
        }
        uniform = null;
        y = null;
        dx = null;
    }

    @Override
    public void close() {
        closeBuffers();
    }

    /** The {@code dropout} type: configuration {@code {"rate": r}}. */
    public static final class Type implements LayerType {
        /** For the service loader. */
        public Type() {}

        @Override
        public String id() {
            return TYPE;
        }

        @Override
        public LayerSpec spec(Map<String, Object> config) {
            return Dropout.spec(Configs.number(config, "rate", TYPE, 0, 1));
        }
    }
}
