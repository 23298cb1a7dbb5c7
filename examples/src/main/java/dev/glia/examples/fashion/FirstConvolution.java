package dev.glia.examples.fashion;

import dev.glia.api.Backend;
import dev.glia.api.Layer;
import dev.glia.api.Parameter;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.core.Network;

/**
 * What a trained CNN's first convolution learned, read through the public API (the layer's parameters and its
 * forward pass) for {@link ConvolutionPictures}: its filters, and the feature maps it makes of one test image.
 *
 * @param filters      number of filters (output channels)
 * @param channels     input channels
 * @param kernelHeight rows of each kernel
 * @param kernelWidth  columns of each kernel
 * @param weights      the kernels, row-major {@code [filters, channels, kernelHeight, kernelWidth]}
 * @param testImage    the index of the test image in the test set
 * @param image        that image as the network saw it, row-major {@code [channels, height, width]}, in [0, 1]
 * @param imageHeight  its rows
 * @param imageWidth   its columns
 * @param mapHeight    rows of each feature map
 * @param mapWidth     columns of each feature map
 * @param featureMaps  the layer's output for the image (after its activation), {@code [filters, mapHeight,
 *                     mapWidth]}
 */
@SuppressWarnings("ArrayRecordComponent") // pictures of one run, never compared
public record FirstConvolution(
        int filters,
        int channels,
        int kernelHeight,
        int kernelWidth,
        float[] weights,
        int testImage,
        float[] image,
        int imageHeight,
        int imageWidth,
        int mapHeight,
        int mapWidth,
        float[] featureMaps) {

    /** Checks that the arrays hold what the sizes say. */
    public FirstConvolution {
        if (weights.length != (long) filters * channels * kernelHeight * kernelWidth
                || image.length != (long) channels * imageHeight * imageWidth
                || featureMaps.length != (long) filters * mapHeight * mapWidth) {
            throw new IllegalArgumentException("Filters, image or feature maps do not match the sizes given");
        }
    }

    /**
     * Reads the first layer of {@code net}, a convolution taking {@code [C, H, W]} and giving {@code [K, OH, OW]}
     * with a parameter {@code weight} of {@code [K, C, KH, KW]} (or {@code [K, C·KH·KW]} with square kernels),
     * and runs {@code image} (one sample of the network's input shape) through it, in inference mode.
     *
     * @throws IllegalArgumentException when the first layer is not such a convolution
     */
    public static FirstConvolution of(Network net, float[] image, int testImage) {
        Layer layer = net.layers().get(0);
        Shape in = layer.inputShape();
        Shape out = layer.outputShape();
        if (in.rank() != 3 || out.rank() != 3) {
            throw new IllegalArgumentException("The first layer, " + layer.name() + ", takes " + in + " and gives "
                    + out + "; a 2-D convolution takes [C, H, W] and gives [K, OH, OW]");
        }
        int filters = out.dim(0);
        int channels = in.dim(0);
        Parameter weight = layer.parameters().stream()
                .filter(p -> p.name().equals("weight"))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "The first layer, " + layer.name() + ", has no parameter named weight"));
        Shape w = weight.value().shape();
        int perFilter = w.size() / Math.max(1, filters);
        int kernelHeight;
        int kernelWidth;
        if (w.rank() == 4) {
            kernelHeight = w.dim(2);
            kernelWidth = w.dim(3);
        } else {
            kernelHeight = (int) Math.round(Math.sqrt((double) perFilter / channels));
            kernelWidth = kernelHeight;
        }
        if (w.dim(0) != filters || (long) filters * channels * kernelHeight * kernelWidth != w.size()) {
            throw new IllegalArgumentException("The weight of " + layer.name() + " has shape " + w + "; expected ["
                    + filters + ", " + channels + ", KH, KW] for " + filters + " filters over " + channels
                    + " channels");
        }
        Backend backend = net.backend();
        float[] weights = new float[w.size()];
        backend.download(weight.value(), weights);
        float[] maps = new float[out.size()];
        try (Tensor x = backend.allocate(in.batchOf(1), net.dtype())) {
            backend.write(x, image);
            backend.download(layer.forward(x, false), maps);
        }
        return new FirstConvolution(
                filters,
                channels,
                kernelHeight,
                kernelWidth,
                weights,
                testImage,
                image.clone(),
                in.dim(1),
                in.dim(2),
                out.dim(1),
                out.dim(2),
                maps);
    }
}
