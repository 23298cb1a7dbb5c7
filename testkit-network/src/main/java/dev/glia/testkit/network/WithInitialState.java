package dev.glia.testkit.network;

import dev.glia.api.Backend;
import dev.glia.api.Layer;
import dev.glia.api.LayerContext;
import dev.glia.api.LayerSpec;
import dev.glia.api.Parameter;
import dev.glia.api.RecurrentLayer;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A recurrent layer whose initial state is given, seen as parameters {@code h0} (and {@code c0}) of
 * {@code [batch, H]}: each forward pass sets them as the initial state and each backward pass adds
 * {@link RecurrentLayer#initialStateGradient()} into their gradients, so a layer gradient check covers the
 * initial state's gradient like any weight's.
 */
final class WithInitialState implements LayerSpec {
    private static final Expr ADD = Expr.input(0).add(Expr.input(1));
    private final LayerSpec recurrent;
    private final int batch;

    WithInitialState(LayerSpec recurrent, int batch) {
        this.recurrent = recurrent;
        this.batch = batch;
    }

    @Override
    public Layer build(Shape inputShape, LayerContext context) {
        RecurrentLayer inner = (RecurrentLayer) recurrent.build(inputShape, context);
        Backend backend = context.backend();
        List<Parameter> state = new ArrayList<>();
        Shape shape = Shape.of(batch, inner.hiddenSize());
        try {
            for (String name : inner.stateNames()) {
                Tensor value = context.tensor(name + "0", shape, (s, random) -> {
                    double[] v = new double[s.size()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = random.nextDouble() * 2 - 1;
                    }
                    return v;
                });
                state.add(new Parameter(name + "0", value, backend.allocate(shape, context.dtype())));
            }
        } catch (RuntimeException e) {
            state.forEach(p -> {
                p.value().close();
                p.gradient().close();
            });
            inner.close();
            throw e;
        }
        List<Tensor> values = state.stream().map(Parameter::value).toList();
        List<Parameter> parameters = new ArrayList<>(inner.parameters());
        parameters.addAll(state);
        return new Layer() {
            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public String type() {
                return inner.type();
            }

            @Override
            public Map<String, Object> config() {
                return inner.config();
            }

            @Override
            public Shape inputShape() {
                return inner.inputShape();
            }

            @Override
            public Shape outputShape() {
                return inner.outputShape();
            }

            @Override
            public List<Parameter> parameters() {
                return parameters;
            }

            @Override
            public Tensor forward(Tensor input, boolean training) {
                inner.initialState(values);
                return inner.forward(input, training);
            }

            @Override
            public Tensor backward(Tensor gradOutput, boolean inputGradientNeeded) {
                Tensor dx = inner.backward(gradOutput, inputGradientNeeded);
                List<Tensor> g = inner.initialStateGradient();
                for (int k = 0; k < state.size(); k++) {
                    Tensor sum = state.get(k).gradient();
                    backend.elementwise(ADD, sum, sum, g.get(k));
                }
                return dx;
            }

            @Override
            public void close() {
                inner.close();
                for (Parameter p : state) {
                    p.value().close();
                    p.gradient().close();
                }
            }
        };
    }
}
