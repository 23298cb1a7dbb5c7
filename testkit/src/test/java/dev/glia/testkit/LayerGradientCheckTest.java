package dev.glia.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.Layer;
import dev.glia.api.LayerContext;
import dev.glia.api.LayerSpec;
import dev.glia.api.Parameter;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The check passes a right layer and fails a wrong input gradient, a wrong parameter gradient and overwriting. */
class LayerGradientCheckTest {
    /** y = w x element-wise with w of the sample's shape; {@code mistake} picks what backward gets wrong. */
    private enum Mistake {
        NONE,
        INPUT,
        PARAMETER,
        OVERWRITES
    }

    private static LayerSpec scale(Mistake mistake) {
        return (in, context) -> new Scale(in, context, mistake);
    }

    private static final class Scale implements Layer {
        private final Backend backend;
        private final Shape shape;
        private final Mistake mistake;
        private final Parameter w;
        private Tensor x;
        private Tensor y;
        private Tensor dx;
        private Tensor dw;

        Scale(Shape shape, LayerContext context, Mistake mistake) {
            this.backend = context.backend();
            this.shape = shape;
            this.mistake = mistake;
            this.w = new Parameter(
                    "w",
                    context.tensor("w", shape, (s, r) -> new double[] {0.5, -1.5, 2}),
                    backend.allocate(shape, context.dtype()));
        }

        @Override
        public String name() {
            return "Scale #1";
        }

        @Override
        public String type() {
            return "scale";
        }

        @Override
        public Map<String, Object> config() {
            return Map.of();
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
            return List.of(w);
        }

        @Override
        public Tensor forward(Tensor input, boolean training) {
            free();
            x = input;
            Shape batch = input.shape();
            y = backend.allocate(batch, input.dtype());
            dx = backend.allocate(batch, input.dtype());
            dw = backend.allocate(Shape.of(1, shape.dim(0)), input.dtype());
            backend.elementwise(Expr.input(0).mul(Expr.input(1)), y, input, w.value());
            return y;
        }

        @Override
        public Tensor backward(Tensor g, boolean inputGradientNeeded) {
            Tensor products = backend.allocate(g.shape(), g.dtype());
            try {
                backend.elementwise(Expr.input(0).mul(Expr.input(1)), products, g, x);
                backend.sum(products, 0, dw);
            } finally {
                products.close();
            }
            double factor = mistake == Mistake.PARAMETER ? 1.01 : 1;
            Expr add = mistake == Mistake.OVERWRITES
                    ? Expr.input(1).mul(factor)
                    : Expr.input(0).add(Expr.input(1).mul(factor));
            backend.elementwise(add, w.gradient(), w.gradient(), dw);
            backend.elementwise(
                    Expr.input(0).mul(Expr.input(1)).mul(mistake == Mistake.INPUT ? -1 : 1), dx, g, w.value());
            return dx;
        }

        private void free() {
            for (Tensor t : new Tensor[] {y, dx, dw}) {
                if (t != null) {
                    t.close();
                }
            }
        }

        @Override
        public void close() {
            free();
            w.value().close();
            w.gradient().close();
        }
    }

    @Test
    void aRightLayerPasses() {
        try (ReferenceBackend backend = new ReferenceBackend()) {
            LayerGradientCheck.of(scale(Mistake.NONE), Shape.of(3)).batch(4).check(backend);
        }
    }

    @Test
    void eachMistakeFailsNamingWhatIsOff() {
        try (ReferenceBackend backend = new ReferenceBackend()) {
            String m = assertThrows(
                            AssertionError.class,
                            () -> LayerGradientCheck.of(scale(Mistake.INPUT), Shape.of(3))
                                    .check(backend))
                    .getMessage();
            assertTrue(m.startsWith("Scale #1: the gradient of the input at element 0"), m);
            m = assertThrows(
                            AssertionError.class,
                            () -> LayerGradientCheck.of(scale(Mistake.PARAMETER), Shape.of(3))
                                    .check(backend))
                    .getMessage();
            assertTrue(m.contains("parameter 'w'") && m.contains("finite differences give"), m);
            m = assertThrows(
                            AssertionError.class,
                            () -> LayerGradientCheck.of(scale(Mistake.OVERWRITES), Shape.of(3))
                                    .check(backend))
                    .getMessage();
            assertTrue(m.contains("after two backward passes (gradients add up)"), m);
        }
    }
}
