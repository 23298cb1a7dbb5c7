package dev.glia.core.serving;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Layer;
import dev.glia.api.LayerSpec;
import dev.glia.api.PreActivationLayer;
import dev.glia.api.Shape;
import dev.glia.core.LayerSnapshot;
import dev.glia.core.LayerTypes;
import dev.glia.core.Network;
import dev.glia.core.NetworkBuilder;
import dev.glia.core.activations.Activations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A host copy of a network's architecture, parameters and state, from which {@link Predictor} builds identical
 * replicas on other backends. Values are kept as doubles, so a FLOAT32 or FLOAT64 network is copied exactly.
 */
final class ModelWeights {
    private final DType dtype;
    private final Shape inputShape;
    private final List<LayerSnapshot> layers;
    /** Each layer's recipe, from the layer types its own class loader sees (a plugin's included). */
    private final List<LayerSpec> specs;

    private final Activations activations;

    private ModelWeights(
            DType dtype, Shape inputShape, List<LayerSnapshot> layers, List<LayerSpec> specs, Activations activations) {
        this.dtype = dtype;
        this.inputShape = inputShape;
        this.layers = layers;
        this.specs = specs;
        this.activations = activations;
    }

    /** Copies {@code network}'s layers to the host. Call it on the thread that owns the network. */
    static ModelWeights of(Network network) {
        List<LayerSnapshot> layers = new ArrayList<>();
        List<LayerSpec> specs = new ArrayList<>();
        Activations known = Activations.discover();
        Map<String, Activation> own = new LinkedHashMap<>(); // one-liners the registry does not know
        for (Layer layer : network.layers()) {
            LayerSnapshot snapshot = LayerSnapshot.of(layer);
            layers.add(snapshot);
            specs.add(snapshot.spec(LayerTypes.discoverFor(layer)));
            if (layer instanceof PreActivationLayer p
                    && !known.contains(p.activation().id())) {
                own.put(p.activation().id(), p.activation());
            }
        }
        return new ModelWeights(
                network.dtype(),
                network.inputShape(),
                List.copyOf(layers),
                List.copyOf(specs),
                own.isEmpty() ? known : known.with(own.values()));
    }

    /**
     * A new network with these weights on {@code backend}, in the original dtype where the backend supports it,
     * else FLOAT32 (as {@code ModelFile.load} does).
     */
    Network build(Backend backend) {
        NetworkBuilder builder = Network.builder(backend)
                .dtype(backend.supports(dtype) ? dtype : DType.FLOAT32)
                .input(inputShape)
                .activations(activations);
        for (int i = 0; i < layers.size(); i++) {
            builder.add(specs.get(i), layers.get(i).tensors());
        }
        return builder.build();
    }
}
