package dev.glia.core.io;

import dev.glia.api.DType;
import java.util.List;
import java.util.Map;

/**
 * What a model file says about its network, read from its header without loading the weights
 * ({@link ModelFile#describe}).
 *
 * @param formatVersion the version of Glia's description format
 * @param dtype         the element type the weights were saved in
 * @param inputWidth    values per input sample
 * @param layers        the layers, in order
 * @param metadata      the application's own strings saved with the network (e.g. class names)
 */
public record ModelDescription(int formatVersion, DType dtype, int inputWidth, List<LayerDescription> layers,
        Map<String, String> metadata) {
    /** Copies the lists. */
    public ModelDescription {
        layers = List.copyOf(layers);
        metadata = Map.copyOf(metadata);
    }

    /** Values per output sample: the last layer's units. */
    public int outputWidth() {
        return layers.get(layers.size() - 1).units();
    }
}
