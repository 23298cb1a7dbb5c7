package dev.glia.kernels.java;

/**
 * The FLOAT64 twin of {@link MultiFloatKernel}: several expressions in one fused loop over {@code double[]}
 * arrays, evaluated in double precision.
 */
public interface MultiDoubleKernel {
    /** Like {@link MultiFloatKernel#apply}, over {@code double[]} arrays. */
    void apply(double[][] outs, double[][] inputs, int rows, int columns);

    /** Whether any of the expressions reads input {@code index}; inputs none reads are never touched. */
    boolean reads(int index);
}
