package dev.glia.core;

import dev.glia.api.Layer;
import dev.glia.api.LayerContext;
import dev.glia.api.LayerSpec;
import dev.glia.api.Shape;
import dev.glia.core.internal.ConvolutionLayers;

/**
 * The recipe of a max- or average-pooling layer, from {@link Layers#maxPool2d} or {@link Layers#avgPool2d}:
 * a {@code kernelHeight × kernelWidth} window over each channel, by default moving by its own size and without
 * padding. Input {@code [C, H, W]} per sample, output {@code [C, OH, OW]}. Each change returns a new recipe.
 */
public final class Pool2dSpec implements LayerSpec {
    private final boolean max;
    private final int kernelHeight;
    private final int kernelWidth;
    private final int strideHeight;
    private final int strideWidth;
    private final Padding padding;
    private final int[] explicitPadding;

    private Pool2dSpec(boolean max, int kh, int kw, int sh, int sw, Padding padding, int[] explicitPadding) {
        positive("kernel", kh);
        positive("kernel", kw);
        positive("stride", sh);
        positive("stride", sw);
        this.max = max;
        this.kernelHeight = kh;
        this.kernelWidth = kw;
        this.strideHeight = sh;
        this.strideWidth = sw;
        this.padding = padding;
        this.explicitPadding = explicitPadding;
    }

    static Pool2dSpec of(boolean max, int kernelHeight, int kernelWidth) {
        return new Pool2dSpec(max, kernelHeight, kernelWidth, kernelHeight, kernelWidth, Padding.VALID, null);
    }

    /** The same stride {@code s} down and across. */
    public Pool2dSpec stride(int s) {
        return stride(s, s);
    }

    /** A stride of {@code height} rows and {@code width} columns between windows. */
    public Pool2dSpec stride(int height, int width) {
        return new Pool2dSpec(max, kernelHeight, kernelWidth, height, width, padding, explicitPadding);
    }

    /** {@link Padding#VALID} or {@link Padding#SAME}. */
    public Pool2dSpec padding(Padding mode) {
        return new Pool2dSpec(
                max,
                kernelHeight,
                kernelWidth,
                strideHeight,
                strideWidth,
                java.util.Objects.requireNonNull(mode, "padding"),
                null);
    }

    /**
     * Explicit padding on each side, at most half the kernel (max pooling never picks it; average pooling counts
     * it as zeros).
     */
    public Pool2dSpec padding(int top, int bottom, int left, int right) {
        return new Pool2dSpec(
                max, kernelHeight, kernelWidth, strideHeight, strideWidth, null, new int[] {top, bottom, left, right});
    }

    @Override
    public Layer build(Shape inputShape, LayerContext context) {
        return ConvolutionLayers.pool2d(
                inputShape,
                context,
                max,
                kernelHeight,
                kernelWidth,
                strideHeight,
                strideWidth,
                padding == null ? null : padding.name().toLowerCase(java.util.Locale.ROOT),
                explicitPadding);
    }

    private static void positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("A pooling layer's " + what + " is at least 1, got " + value);
        }
    }
}
