package dev.glia.core.internal;

import dev.glia.api.Backend;
import dev.glia.api.Layer;
import dev.glia.api.LayerContext;
import dev.glia.api.Parameter;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flatten and Reshape: the same values seen with another per-sample shape, as a zero-copy view over the input
 * (forward) and over the output gradient (backward), so they cost nothing.
 */
final class Reshape implements Layer {
    private final String name;
    private final String type;
    private final Backend backend;
    private final Shape in;
    private final Shape out;
    private final ViewCache forwardView = new ViewCache();
    private final ViewCache backwardView = new ViewCache();
    private boolean trained;

    Reshape(LayerContext context, String kind, String type, Shape in, Shape out) {
        this.name = context.layerName(kind);
        if (in.size() != out.size()) {
            throw new IllegalArgumentException(name + " cannot show samples of shape " + in + " (" + in.size()
                    + " values) as " + out + " (" + out.size() + " values)");
        }
        this.type = type;
        this.backend = context.backend();
        this.in = in;
        this.out = out;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        if (type.equals(ReshapeTypes.RESHAPE)) {
            List<Integer> dims = new ArrayList<>();
            for (int d : out.dims()) {
                dims.add(d);
            }
            config.put("shape", dims);
        }
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
        trained = training;
        return forwardView.of(backend, input, out.batchOf(input.shape().dim(0)));
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean inputGradientNeeded) {
        if (!trained) {
            throw new IllegalStateException(name + ": backward needs a forward pass with training=true first");
        }
        Shapes.checkBatch(name + "'s output gradient", gradOutput, out);
        if (!inputGradientNeeded) {
            return null;
        }
        return backwardView.of(
                backend, gradOutput, in.batchOf(gradOutput.shape().dim(0)));
    }

    @Override
    public void close() {
        forwardView.close();
        backwardView.close();
    }
}
