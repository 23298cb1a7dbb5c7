package dev.glia.core.layers;

import dev.glia.api.Backend;
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
 * A plugin layer type, registered in this module's test {@code META-INF/services}: {@code y = s x} with one
 * trainable scalar {@code s} and a non-trained counter of training passes as state. Written only against the
 * api, as a plugin would be.
 */
public final class ScaleLayerType implements LayerType {
    static final String ID = "test_scale";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public LayerSpec spec(Map<String, Object> config) {
        Object f = config.get("initial");
        if (!(f instanceof Number n)) {
            throw new IllegalArgumentException("test_scale needs a number 'initial', got " + f);
        }
        return spec(n.doubleValue());
    }

    static LayerSpec spec(double initial) {
        return (in, context) -> new Scale(in, context, initial);
    }

    private static final class Scale implements Layer {
        private final String name;
        private final Backend backend;
        private final Shape shape;
        private final double initial;
        private final Parameter s;
        private final Tensor passes;
        private Tensor y;
        private Tensor dx;
        private Tensor x;

        Scale(Shape shape, LayerContext context, double initial) {
            this.name = context.layerName("Scale");
            this.backend = context.backend();
            this.shape = shape;
            this.initial = initial;
            Tensor value = context.tensor("s", Shape.of(1), LayerContext.Initial.constant(initial));
            this.s = new Parameter("s", value, backend.allocate(Shape.of(1), context.dtype()));
            this.passes = context.tensor("passes", Shape.of(1), LayerContext.Initial.zeros());
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String type() {
            return ID;
        }

        @Override
        public Map<String, Object> config() {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("initial", initial);
            return c;
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
            return List.of(s);
        }

        @Override
        public Map<String, Tensor> state() {
            return Map.of("passes", passes);
        }

        @Override
        public Tensor forward(Tensor input, boolean training) {
            if (y == null || !y.shape().equals(input.shape())) {
                close(y, dx);
                y = backend.allocate(input.shape(), input.dtype());
                dx = backend.allocate(input.shape(), input.dtype());
            }
            backend.elementwise(Expr.input(0).mul(Expr.input(1)), y, input, s.value());
            if (training) {
                backend.elementwise(Expr.input(0).add(1), passes, passes);
                x = input;
            }
            return y;
        }

        @Override
        public Tensor backward(Tensor gradOutput, boolean inputGradientNeeded) {
            // ds += sum(g * x), through dx as scratch
            backend.elementwise(Expr.input(0).mul(Expr.input(1)), dx, gradOutput, x);
            double[] products = dx.toDoubleArray();
            double sum = 0;
            for (double p : products) {
                sum += p;
            }
            double[] old = s.gradient().toDoubleArray();
            backend.write(s.gradient(), new double[] {old[0] + sum});
            if (!inputGradientNeeded) {
                return null;
            }
            backend.elementwise(Expr.input(0).mul(Expr.input(1)), dx, gradOutput, s.value());
            return dx;
        }

        @Override
        public void close() {
            close(y, dx, s.value(), s.gradient(), passes);
        }

        private static void close(Tensor... tensors) {
            for (Tensor t : tensors) {
                if (t != null) {
                    t.close();
                }
            }
        }
    }
}
