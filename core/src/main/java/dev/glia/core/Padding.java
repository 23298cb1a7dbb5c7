package dev.glia.core;

/** How a convolution or pooling layer pads its input, when not given explicitly in rows and columns. */
public enum Padding {
    /** No padding: windows lie wholly inside the input, and the output shrinks by the kernel's span less one. */
    VALID,
    /**
     * Enough zero padding that the output is {@code ceil(input / stride)} along each axis (TensorFlow's rule):
     * the total padding {@code max((out - 1) * stride + span - input, 0)} is split with the odd row or column at
     * the bottom or right. With stride 1 the output has the input's height and width.
     */
    SAME
}
