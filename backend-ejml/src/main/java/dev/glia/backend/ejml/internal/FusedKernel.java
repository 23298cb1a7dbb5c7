package dev.glia.backend.ejml.internal;

/**
 * One element-wise expression compiled into a fused loop for one broadcast pattern of its inputs.
 * Implementations are generated at run time ({@link KernelGenerator}, {@link KernelCompiler}); the
 * interface is public only because the generated classes live in their own class loader.
 */
public interface FusedKernel {
    /**
     * Writes every element of the {@code rows} × {@code columns} matrix {@code out}. {@code inputs[i]}
     * holds input {@code i}, read through the broadcast mode the kernel was generated for; entries
     * for inputs the expression does not read may be anything. {@code out} may be one of the full-size
     * inputs: each element reads all of its inputs before it is written.
     */
    void apply(float[] out, float[][] inputs, int rows, int columns);
}
