package dev.glia.api.spi;

import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.Window2D;
import java.util.Objects;

/**
 * The checks of the convolution-window operations ({@code im2col}, {@code col2im}, the pooling pairs) and of
 * {@code permute}: ranks, shapes on both sides, dtypes and aliasing. Each failure names the operation, what was
 * expected and what was found.
 */
final class WindowChecks {
    private WindowChecks() {}

    /**
     * Checks {@code im2col(images, window, columns)} or its adjoint: {@code images} {@code [N, C, H, W]},
     * {@code columns} {@code [C·KH·KW, N·OH·OW]}, one float dtype, distinct memory.
     */
    static void columns(String op, Tensor images, Window2D window, Tensor columns) {
        Objects.requireNonNull(window, op + ": window is null");
        images(op, "images", images);
        OpChecks.floatingPoint(op, columns);
        sameDType(op, images, columns);
        Shape in = images.shape();
        Shape out = window.outputShape(in);
        long rows = (long) in.dim(1) * window.taps();
        long cols = (long) in.dim(0) * out.dim(2) * out.dim(3);
        Shape c = columns.shape();
        if (c.rank() != 2 || c.dim(0) != rows || c.dim(1) != cols) {
            throw new IllegalArgumentException(op + ": images " + in + " under a " + window + " give columns [C·KH·KW, "
                    + "N·OH·OW] = [" + rows + ", " + cols + "] (output " + out + "), but the columns are " + c);
        }
        distinct(op, images, columns);
    }

    /**
     * Checks a pooling call: {@code input} {@code [N, C, H, W]}, {@code output} {@code [N, C, OH, OW]} of its
     * dtype, an undilated window padding at most half its kernel, and {@code argmax} (when not null) INT32 of
     * the output's shape.
     */
    static void pooling(String op, Tensor input, Window2D window, Tensor output, Tensor argmax) {
        Objects.requireNonNull(window, op + ": window is null");
        images(op, "input", input);
        OpChecks.floatingPoint(op, output);
        sameDType(op, input, output);
        if (!window.undilated()) {
            throw new IllegalArgumentException(op + ": pooling takes no dilation, got a " + window);
        }
        if (2 * Math.max(window.padTop(), window.padBottom()) > window.kernelHeight()
                || 2 * Math.max(window.padLeft(), window.padRight()) > window.kernelWidth()) {
            throw new IllegalArgumentException(op + ": a pooling window pads each side by at most half its kernel"
                    + " (as PyTorch requires), got a " + window);
        }
        Shape expected = window.outputShape(input.shape());
        if (!output.shape().equals(expected)) {
            throw new IllegalArgumentException(op + ": input " + input.shape() + " under a " + window + " gives "
                    + expected + ", but the output is " + output.shape());
        }
        distinct(op, input, output);
        if (argmax != null) {
            if (argmax.dtype() != DType.INT32) {
                throw new IllegalArgumentException(
                        op + ": argmax " + argmax.shape() + " is " + argmax.dtype() + " but must be INT32");
            }
            if (!argmax.shape().equals(expected)) {
                throw new IllegalArgumentException(
                        op + ": argmax must have the output's shape " + expected + ", got " + argmax.shape());
            }
            distinct(op, input, argmax);
            distinct(op, output, argmax);
        }
    }

    /** Checks {@code permute(input, axes, output)}; returns the permuted shape. */
    static void permute(Tensor input, int[] axes, Tensor output) {
        Objects.requireNonNull(axes, "permute: axes is null");
        OpChecks.floatingPoint("permute", input);
        sameDType("permute", input, output);
        Shape in = input.shape();
        if (axes.length != in.rank()) {
            throw new IllegalArgumentException("permute: input " + in + " has rank " + in.rank() + ", but axes "
                    + java.util.Arrays.toString(axes) + " name " + axes.length);
        }
        boolean[] seen = new boolean[axes.length];
        int[] dims = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int a = axes[i];
            if (a < 0 || a >= axes.length || seen[a]) {
                throw new IllegalArgumentException("permute: axes " + java.util.Arrays.toString(axes)
                        + " must be a permutation of 0.." + (axes.length - 1));
            }
            seen[a] = true;
            dims[i] = in.dim(a);
        }
        Shape expected = Shape.of(dims);
        if (!output.shape().equals(expected)) {
            throw new IllegalArgumentException("permute: input " + in + " with axes " + java.util.Arrays.toString(axes)
                    + " gives " + expected + ", but the output is " + output.shape());
        }
        distinct("permute", input, output);
    }

    /** Checks that {@code t} is a float {@code [N, C, H, W]} tensor. */
    private static void images(String op, String name, Tensor t) {
        OpChecks.floatingPoint(op, t);
        if (t.shape().rank() != 4) {
            throw new IllegalArgumentException(op + ": " + name + " must be [N, C, H, W], got " + t.shape());
        }
    }

    private static void sameDType(String op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            OpChecks.sameDType(op, a, b);
        }
    }

    private static void distinct(String op, Tensor a, Tensor b) {
        if (RegionChecks.sameMemory(a, b)) {
            throw new IllegalArgumentException(
                    op + ": tensors " + a.shape() + " and " + b.shape() + " share memory; pass distinct tensors");
        }
    }
}
