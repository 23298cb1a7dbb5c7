package dev.glia.core.internal;

import dev.glia.api.Layer;
import dev.glia.api.LayerContext;
import dev.glia.api.LayerSpec;
import dev.glia.api.Shape;

/** The convolution, pooling and per-channel normalisation layers, for {@code dev.glia.core.Layers}. */
public final class ConvolutionLayers {
    private ConvolutionLayers() {}

    /**
     * Builds a Conv2D layer. {@code padding} is "valid", "same" or null when {@code explicitPadding} (top, bottom,
     * left, right) is given; {@code activation} is an {@link dev.glia.api.Activation} or an id.
     */
    public static Layer conv2d(
            Shape input,
            LayerContext context,
            int filters,
            int kernelHeight,
            int kernelWidth,
            Object activation,
            int strideHeight,
            int strideWidth,
            String padding,
            int[] explicitPadding,
            int dilationHeight,
            int dilationWidth,
            boolean bias) {
        return Conv2D.spec(
                        filters,
                        kernelHeight,
                        kernelWidth,
                        activation,
                        strideHeight,
                        strideWidth,
                        padding,
                        explicitPadding,
                        dilationHeight,
                        dilationWidth,
                        bias)
                .build(input, context);
    }

    /** Builds a MaxPool2D ({@code max}) or AvgPool2D layer; padding as in {@link #conv2d}. */
    public static Layer pool2d(
            Shape input,
            LayerContext context,
            boolean max,
            int kernelHeight,
            int kernelWidth,
            int strideHeight,
            int strideWidth,
            String padding,
            int[] explicitPadding) {
        return Pool2D.spec(max, kernelHeight, kernelWidth, strideHeight, strideWidth, padding, explicitPadding)
                .build(input, context);
    }

    /** GlobalAvgPool2D: [C, H, W] to [C]. */
    public static LayerSpec globalAvgPool2d() {
        return GlobalAvgPool2D.spec();
    }

    /** BatchNorm2D per channel. */
    public static LayerSpec batchNorm2d(double momentum, double epsilon) {
        return BatchNorm.spec(true, momentum, epsilon);
    }
}
