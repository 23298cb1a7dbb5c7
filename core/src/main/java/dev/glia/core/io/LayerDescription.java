package dev.glia.core.io;

/**
 * One layer as a model file describes it.
 *
 * @param type         the layer type; {@code dense} is the only one so far
 * @param name         the layer's name, e.g. {@code Dense #1}
 * @param inputs       values per sample coming in
 * @param units        values per sample going out
 * @param activation   the activation id, e.g. {@code relu} or {@code leaky_relu(alpha=0.2)}
 * @param weightTensor the name of the weight tensor, shape {@code [inputs, units]} (the transpose of
 *                     PyTorch's {@code nn.Linear.weight})
 * @param biasTensor   the name of the bias tensor, shape {@code [units]}
 */
public record LayerDescription(String type, String name, int inputs, int units, String activation,
        String weightTensor, String biasTensor) {
}
