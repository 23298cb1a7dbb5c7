package dev.glia.core.io;

import dev.glia.api.DType;
import dev.glia.api.Shape;
import java.util.List;
import java.util.Map;

/**
 * What a model file says about its network, read from its header without loading the weights
 * ({@link ModelFile#describe}).
 *
 * @param formatVersion the version of Glia's description format the file was written in (1 or 2)
 * @param dtype         the element type the weights were saved in
 * @param inputShape    the shape of one input sample
 * @param layers        the layers, in order
 * @param metadata      the application's own strings saved with the network (e.g. class names)
 */
public record ModelDescription(
        int formatVersion, DType dtype, Shape inputShape, List<LayerDescription> layers, Map<String, String> metadata) {
    /** Copies the lists. */
    public ModelDescription {
        layers = List.copyOf(layers);
        metadata = Map.copyOf(metadata);
    }

    /** Values per input sample. */
    public int inputWidth() {
        return inputShape.size();
    }

    /** The shape of one output sample: the last layer's. */
    public Shape outputShape() {
        return layers.get(layers.size() - 1).outputShape();
    }

    /** Values per output sample. */
    public int outputWidth() {
        return outputShape().size();
    }
}
