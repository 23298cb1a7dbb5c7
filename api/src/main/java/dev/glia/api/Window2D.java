package dev.glia.api;

/**
 * A window that slides over the last two axes of an {@code [N, C, H, W]} tensor: the kernel's height and
 * width, the stride, the zero padding on each side and the dilation (the step between the kernel's taps). A
 * convolution's patches ({@link Backend#im2col}) and a pooling layer's windows ({@link Backend#maxPool2d},
 * {@link Backend#avgPool2d}) are both described by one.
 *
 * <p>Output position {@code (oh, ow)} reads input rows {@code oh * strideHeight - padTop + i * dilationHeight}
 * for {@code i} in {@code [0, kernelHeight)}, and the columns likewise; positions outside the input are padding.
 * The output is {@code floor((H + padTop + padBottom - dilationHeight * (kernelHeight - 1) - 1) / strideHeight) + 1}
 * rows high (PyTorch's formula, without ceil mode), and as many columns by the same rule.
 *
 * @param kernelHeight   taps down, at least 1
 * @param kernelWidth    taps across, at least 1
 * @param strideHeight   rows between two output rows' windows, at least 1
 * @param strideWidth    columns between two output columns' windows, at least 1
 * @param padTop         zero rows above the input, at least 0
 * @param padBottom      zero rows below, at least 0
 * @param padLeft        zero columns on the left, at least 0
 * @param padRight       zero columns on the right, at least 0
 * @param dilationHeight rows between two taps, at least 1
 * @param dilationWidth  columns between two taps, at least 1
 */
public record Window2D(
        int kernelHeight,
        int kernelWidth,
        int strideHeight,
        int strideWidth,
        int padTop,
        int padBottom,
        int padLeft,
        int padRight,
        int dilationHeight,
        int dilationWidth) {

    /** Checks every field; a bad one fails with its name and value. */
    public Window2D {
        atLeast("kernelHeight", kernelHeight, 1);
        atLeast("kernelWidth", kernelWidth, 1);
        atLeast("strideHeight", strideHeight, 1);
        atLeast("strideWidth", strideWidth, 1);
        atLeast("padTop", padTop, 0);
        atLeast("padBottom", padBottom, 0);
        atLeast("padLeft", padLeft, 0);
        atLeast("padRight", padRight, 0);
        atLeast("dilationHeight", dilationHeight, 1);
        atLeast("dilationWidth", dilationWidth, 1);
    }

    /** A {@code kernelHeight × kernelWidth} window with stride 1, no padding and no dilation. */
    public static Window2D of(int kernelHeight, int kernelWidth) {
        return new Window2D(kernelHeight, kernelWidth, 1, 1, 0, 0, 0, 0, 1, 1);
    }

    /** This window with another stride. */
    public Window2D withStride(int height, int width) {
        return new Window2D(
                kernelHeight,
                kernelWidth,
                height,
                width,
                padTop,
                padBottom,
                padLeft,
                padRight,
                dilationHeight,
                dilationWidth);
    }

    /** This window with another padding on each side. */
    public Window2D withPadding(int top, int bottom, int left, int right) {
        return new Window2D(
                kernelHeight,
                kernelWidth,
                strideHeight,
                strideWidth,
                top,
                bottom,
                left,
                right,
                dilationHeight,
                dilationWidth);
    }

    /** This window with another dilation. */
    public Window2D withDilation(int height, int width) {
        return new Window2D(
                kernelHeight,
                kernelWidth,
                strideHeight,
                strideWidth,
                padTop,
                padBottom,
                padLeft,
                padRight,
                height,
                width);
    }

    /** The taps of the kernel, {@code kernelHeight * kernelWidth}. */
    public int taps() {
        return kernelHeight * kernelWidth;
    }

    /** Whether the window has no dilation. */
    public boolean undilated() {
        return dilationHeight == 1 && dilationWidth == 1;
    }

    /**
     * The output height over an input {@code height} rows high.
     *
     * @throws IllegalArgumentException when the padded input is shorter than the dilated kernel
     */
    public int outputHeight(int height) {
        return extent(
                "height",
                height,
                (long) padTop + padBottom,
                (long) dilationHeight * (kernelHeight - 1) + 1,
                strideHeight);
    }

    /**
     * The output width over an input {@code width} columns wide.
     *
     * @throws IllegalArgumentException when the padded input is narrower than the dilated kernel
     */
    public int outputWidth(int width) {
        return extent(
                "width", width, (long) padLeft + padRight, (long) dilationWidth * (kernelWidth - 1) + 1, strideWidth);
    }

    /**
     * The output {@code [N, C, OH, OW]} of this window over {@code input} {@code [N, C, H, W]} (or {@code [C, H, W]}
     * per sample, giving {@code [C, OH, OW]}).
     */
    public Shape outputShape(Shape input) {
        int r = input.rank();
        if (r != 3 && r != 4) {
            throw new IllegalArgumentException("A 2-D window slides over [N, C, H, W] or [C, H, W]; got " + input);
        }
        int[] dims = input.dims();
        dims[r - 2] = outputHeight(dims[r - 2]);
        dims[r - 1] = outputWidth(dims[r - 1]);
        return Shape.of(dims);
    }

    private String describe() {
        return kernelHeight + "×" + kernelWidth + " window (stride " + strideHeight + "×" + strideWidth + ", padding "
                + padTop + "/" + padBottom + "/" + padLeft + "/" + padRight + " top/bottom/left/right, dilation "
                + dilationHeight + "×" + dilationWidth + ")";
    }

    /** The output size along one axis, all in long so that no padding, kernel or dilation overflows. */
    private int extent(String axis, int size, long padding, long span, int stride) {
        if (size < 1) {
            throw new IllegalArgumentException("An input " + axis + " is at least 1, got " + size);
        }
        long padded = size + padding;
        if (padded < span) {
            throw new IllegalArgumentException("A " + describe() + " spans " + span + " along the " + axis + ", but the"
                    + " input's " + axis + " is " + size + " (" + padded + " padded): use a smaller kernel, dilation or"
                    + " more padding, or a larger input");
        }
        long out = (padded - span) / stride + 1;
        if (out > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "A " + describe() + " over an input " + axis + " of " + size + " gives an" + " output " + axis
                            + " of " + out + ", more than a tensor holds (2^31 - 9): use less padding");
        }
        return (int) out;
    }

    @Override
    public String toString() {
        return describe();
    }

    private static void atLeast(String name, int value, int least) {
        if (value < least) {
            throw new IllegalArgumentException("A window's " + name + " is at least " + least + ", got " + value);
        }
    }
}
