package dev.glia.core.serving;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Layer;
import dev.glia.core.Network;
import dev.glia.core.NetworkBuilder;
import dev.glia.core.internal.Dense;
import java.util.ArrayList;
import java.util.List;

/**
 * A host copy of a network's architecture and parameter values, from which {@link Predictor} builds identical
 * replicas on other backends. Values are kept as doubles, so a FLOAT32 or FLOAT64 network is copied exactly.
 */
final class ModelWeights {
    @SuppressWarnings("ArrayRecordComponent") // a private host copy, never compared or handed out
    private record DenseWeights(int units, Activation activation, double[] weights, double[] biases) {
    }

    private final DType dtype;
    private final int inputWidth;
    private final List<DenseWeights> layers;

    private ModelWeights(DType dtype, int inputWidth, List<DenseWeights> layers) {
        this.dtype = dtype;
        this.inputWidth = inputWidth;
        this.layers = layers;
    }

    /**
     * Copies {@code network}'s parameters to the host. Call it on the thread that owns the network.
     *
     * @throws IllegalArgumentException for a layer that is not dense (the only kind a model file holds today)
     */
    static ModelWeights of(Network network) {
        List<DenseWeights> layers = new ArrayList<>();
        for (Layer layer : network.layers()) {
            if (!(layer instanceof Dense dense)) {
                throw new IllegalArgumentException("A predictor can copy dense layers only, but layer " + layer.name()
                        + " is a " + layer.getClass().getSimpleName() + "; save the network and use Predictor.fromFile");
            }
            layers.add(new DenseWeights(dense.units(), dense.activation(), dense.weight().value().toDoubleArray(),
                    dense.bias().value().toDoubleArray()));
        }
        return new ModelWeights(network.dtype(), network.inputWidth(), List.copyOf(layers));
    }

    /**
     * A new network with these weights on {@code backend}, in the original dtype where the backend supports it,
     * else FLOAT32 (as {@code ModelFile.load} does).
     */
    Network build(Backend backend) {
        NetworkBuilder builder = Network.builder(backend).dtype(backend.supports(dtype) ? dtype : DType.FLOAT32)
                .input(inputWidth);
        for (DenseWeights l : layers) {
            builder.dense(l.units(), l.activation(), l.weights(), l.biases());
        }
        return builder.build();
    }
}
