package dev.glia.kernels.java;

/**
 * The FLOAT64 twin of {@link FloatKernel}: one element-wise expression compiled into a fused loop over
 * {@code double[]} arrays, evaluated in double precision.
 */
public interface DoubleKernel {
    /** Like {@link FloatKernel#apply}, over {@code double[]} arrays. */
    void apply(double[] out, double[][] inputs, int rows, int columns);

    /** Like {@link FloatKernel#apply(float[], float[][], int, int, int[], int[])}, over {@code double[]} arrays. */
    void apply(double[] out, double[][] inputs, int rows, int columns, int[] strides, int[] counts);

    /** Whether the expression reads input {@code index}; inputs it does not read are never touched. */
    boolean reads(int index);
}
