package dev.glia.core;

import dev.glia.api.Activation;
import dev.glia.api.Layer;
import dev.glia.api.LayerContext;
import dev.glia.api.LayerSpec;
import dev.glia.api.Shape;
import dev.glia.core.internal.ConvolutionLayers;
import java.util.Objects;

/**
 * The recipe of a 2-D convolution layer, from {@link Layers#conv2d}: {@code filters} kernels of
 * {@code kernelHeight × kernelWidth} over every input channel, then a bias per filter and the activation. Input
 * {@code [C, H, W]} per sample, output {@code [filters, OH, OW]}. Stride 1, {@link Padding#VALID}, no dilation
 * and a bias unless changed; each change returns a new recipe.
 *
 * <pre>{@code
 * Layers.conv2d(32, 5, "relu").padding(Padding.SAME).stride(2)
 * }</pre>
 */
public final class Conv2dSpec implements LayerSpec {
    private final int filters;
    private final int kernelHeight;
    private final int kernelWidth;
    private final Object activation;
    private final int[] stride;
    private final Padding padding;
    private final int[] explicitPadding;
    private final int[] dilation;
    private final boolean bias;

    Conv2dSpec(int filters, int kernelHeight, int kernelWidth, Object activation) {
        this(
                filters,
                kernelHeight,
                kernelWidth,
                activation,
                new int[] {1, 1},
                Padding.VALID,
                null,
                new int[] {1, 1},
                true);
    }

    private Conv2dSpec(
            int filters,
            int kernelHeight,
            int kernelWidth,
            Object activation,
            int[] stride,
            Padding padding,
            int[] explicitPadding,
            int[] dilation,
            boolean bias) {
        positive("filters", filters);
        positive("kernel height", kernelHeight);
        positive("kernel width", kernelWidth);
        this.filters = filters;
        this.kernelHeight = kernelHeight;
        this.kernelWidth = kernelWidth;
        this.activation = Objects.requireNonNull(activation, "activation");
        this.stride = stride;
        this.padding = padding;
        this.explicitPadding = explicitPadding;
        this.dilation = dilation;
        this.bias = bias;
    }

    /** The same stride {@code s} down and across. */
    public Conv2dSpec stride(int s) {
        return stride(s, s);
    }

    /** A stride of {@code height} rows and {@code width} columns between windows, each at least 1. */
    public Conv2dSpec stride(int height, int width) {
        positive("stride", height);
        positive("stride", width);
        return new Conv2dSpec(
                filters,
                kernelHeight,
                kernelWidth,
                activation,
                new int[] {height, width},
                padding,
                explicitPadding,
                dilation,
                bias);
    }

    /** {@link Padding#VALID} or {@link Padding#SAME}. */
    public Conv2dSpec padding(Padding mode) {
        return new Conv2dSpec(
                filters,
                kernelHeight,
                kernelWidth,
                activation,
                stride,
                Objects.requireNonNull(mode, "padding"),
                null,
                dilation,
                bias);
    }

    /** {@code p} zero rows and columns on every side. */
    public Conv2dSpec padding(int p) {
        return padding(p, p, p, p);
    }

    /** Explicit zero padding on each side, each at least 0. */
    public Conv2dSpec padding(int top, int bottom, int left, int right) {
        for (int p : new int[] {top, bottom, left, right}) {
            if (p < 0) {
                throw new IllegalArgumentException("A convolution's padding is at least 0 on each side, got " + p);
            }
        }
        return new Conv2dSpec(
                filters,
                kernelHeight,
                kernelWidth,
                activation,
                stride,
                null,
                new int[] {top, bottom, left, right},
                dilation,
                bias);
    }

    /** The same dilation {@code d} down and across. */
    public Conv2dSpec dilation(int d) {
        return dilation(d, d);
    }

    /** A step of {@code height} rows and {@code width} columns between the kernel's taps, each at least 1. */
    public Conv2dSpec dilation(int height, int width) {
        positive("dilation", height);
        positive("dilation", width);
        return new Conv2dSpec(
                filters,
                kernelHeight,
                kernelWidth,
                activation,
                stride,
                padding,
                explicitPadding,
                new int[] {height, width},
                bias);
    }

    /** With or without the bias per filter. */
    public Conv2dSpec bias(boolean withBias) {
        return new Conv2dSpec(
                filters, kernelHeight, kernelWidth, activation, stride, padding, explicitPadding, dilation, withBias);
    }

    @Override
    public Layer build(Shape inputShape, LayerContext context) {
        return ConvolutionLayers.conv2d(
                inputShape,
                context,
                filters,
                kernelHeight,
                kernelWidth,
                activation,
                stride[0],
                stride[1],
                padding == null ? null : padding.name().toLowerCase(java.util.Locale.ROOT),
                explicitPadding,
                dilation[0],
                dilation[1],
                bias);
    }

    private static void positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("A convolution's " + what + " is at least 1, got " + value);
        }
    }

    static Conv2dSpec of(int filters, int kernelHeight, int kernelWidth, Activation activation) {
        return new Conv2dSpec(filters, kernelHeight, kernelWidth, activation);
    }

    static Conv2dSpec of(int filters, int kernelHeight, int kernelWidth, String activation) {
        return new Conv2dSpec(filters, kernelHeight, kernelWidth, activation);
    }
}
