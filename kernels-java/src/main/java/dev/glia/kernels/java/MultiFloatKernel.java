package dev.glia.kernels.java;

/**
 * Several element-wise expressions compiled into one fused loop over {@code float[]} arrays, one output
 * per expression, for one broadcast pattern of the inputs ({@link KernelGenerator#generateMulti}).
 * Subexpressions the expressions share are computed once per element.
 */
public interface MultiFloatKernel {
    /**
     * Writes every element of each {@code rows} × {@code columns} matrix {@code outs[j]} with expression
     * {@code j}; inputs as in {@link FloatKernel#apply}. Each element reads all of its inputs and evaluates
     * every expression before any output is written, so any output may be one of the full-size inputs.
     */
    void apply(float[][] outs, float[][] inputs, int rows, int columns);

    /** Whether any of the expressions reads input {@code index}; inputs none reads are never touched. */
    boolean reads(int index);
}
