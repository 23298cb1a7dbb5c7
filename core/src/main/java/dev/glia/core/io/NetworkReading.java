package dev.glia.core.io;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Layer;
import dev.glia.api.LayerSpec;
import dev.glia.api.Shape;
import dev.glia.core.LayerTypes;
import dev.glia.core.Network;
import dev.glia.core.NetworkBuilder;
import dev.glia.core.TensorValues;
import dev.glia.core.activations.Activations;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the network a checked description and its tensors describe: each layer from its type's recipe and its
 * configuration, its tensors from the file. Every failure is a {@link ModelFileException} naming the file and
 * the layer.
 */
final class NetworkReading {
    private NetworkReading() {}

    static Network build(
            ModelDescription d,
            Safetensors.Header header,
            Map<String, double[]> values,
            Backend backend,
            DType dtype,
            Activations activations,
            LayerTypes types,
            String file) {
        NetworkBuilder builder =
                Network.builder(backend).dtype(dtype).input(d.inputShape()).activations(activations);
        for (int i = 0; i < d.layers().size(); i++) {
            LayerDescription l = d.layers().get(i);
            String at = "Model file " + file + ", layer " + (i + 1) + " (" + l.name() + ")";
            LayerSpec spec;
            try {
                if (l.activation() != null) {
                    activations.get(l.activation());
                }
                spec = types.get(l.type()).spec(l.config());
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(at + ": " + e.getMessage(), e);
            }
            Map<String, TensorValues> saved = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : l.tensors().entrySet()) {
                Shape shape = Shape.of(header.tensor(e.getValue()).shape());
                saved.put(e.getKey(), new TensorValues(shape, values.get(e.getValue())));
            }
            builder.add(spec, saved);
        }
        Network network;
        try {
            network = builder.build();
        } catch (IllegalArgumentException e) {
            throw new ModelFileException("Model file " + file + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < d.layers().size(); i++) {
            Layer layer = network.layers().get(i);
            LayerDescription l = d.layers().get(i);
            if (!layer.outputShape().equals(l.outputShape())) {
                network.close();
                throw new ModelFileException("Model file " + file + ", layer " + (i + 1) + " (" + l.name()
                        + ") gives outputs of shape " + layer.outputShape() + " but the file says " + l.outputShape()
                        + "; the file is damaged");
            }
        }
        return network;
    }
}
