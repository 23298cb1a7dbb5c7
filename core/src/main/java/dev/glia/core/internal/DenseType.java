package dev.glia.core.internal;

import dev.glia.api.Activation;
import dev.glia.api.LayerContext;
import dev.glia.api.LayerSpec;
import dev.glia.api.LayerType;
import java.util.Map;

/**
 * The {@code dense} layer type: configuration {@code {"units": n, "activation": id}}; tensors {@code weight}
 * [inputs, units] and {@code bias} [units]. Samples are [inputs], or [steps, inputs] for a layer applied at each
 * time step (the input shape a model file stores says which).
 */
public final class DenseType implements LayerType {
    /** For the service loader. */
    public DenseType() {}

    @Override
    public String id() {
        return Dense.TYPE;
    }

    @Override
    public LayerSpec spec(Map<String, Object> config) {
        int units = Configs.positiveInt(config, "units", Dense.TYPE);
        String activation = Configs.string(config, "activation", Dense.TYPE);
        return spec(units, activation, null);
    }

    /**
     * A dense layer of {@code units} with {@code activation} (an {@link Activation} or an id), whose new weights
     * come from {@code weights} or, when null, He initialisation for an activation that
     * {@linkplain Activation#suitsHeInitialization suits it} and Xavier otherwise.
     */
    public static LayerSpec spec(int units, Object activation, LayerContext.Initial weights) {
        if (units < 1) {
            throw new IllegalArgumentException("A dense layer needs at least 1 unit, got " + units);
        }
        return (inputShape, context) -> {
            String name = "Dense #" + context.position();
            if (inputShape.rank() > 2) {
                throw new IllegalArgumentException(name + " takes samples of shape [features] or, at each time step,"
                        + " [steps, features]; its input is " + inputShape + ": add a flatten layer before it");
            }
            int steps = inputShape.rank() == 2 ? inputShape.dim(0) : 0;
            int inputs = inputShape.dim(inputShape.rank() - 1);
            long elements = (long) inputs * units;
            if (elements > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(name + " would have " + inputs + " x " + units + " = " + elements
                        + " weights, more than a tensor holds (2^31 - 9); use fewer units");
            }
            Activation f = activation instanceof Activation a ? a : context.activation((String) activation);
            LayerContext.Initial initial = weights != null
                    ? weights
                    : (shape, random) -> WeightInit.draw(f.suitsHeInitialization(), inputs, units, random);
            return new Dense(context, steps, inputs, units, f, initial);
        };
    }
}
