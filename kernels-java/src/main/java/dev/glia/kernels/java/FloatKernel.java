package dev.glia.kernels.java;

/**
 * One element-wise expression compiled into a fused loop over {@code float[]} arrays, for one broadcast
 * pattern of its inputs. Implementations are generated at run time ({@link KernelGenerator},
 * {@link KernelCompiler}); the interface is public because the generated classes live in class loaders of
 * their own.
 */
public interface FloatKernel {
    /**
     * Writes every element of the {@code rows} × {@code columns} matrix {@code out}. {@code inputs[i]}
     * holds input {@code i}, read through the broadcast mode the kernel was generated for (a full input
     * has {@code rows * columns} elements, a row input {@code columns}, a column input {@code rows}, a
     * scalar one); entries for inputs the expression does not read may be anything. {@code out} may be
     * one of the full-size inputs: each element reads all of its inputs before it is written.
     */
    void apply(float[] out, float[][] inputs, int rows, int columns);

    /**
     * Like {@link #apply(float[], float[][], int, int)}, for a kernel generated with
     * {@link dev.glia.api.spi.Broadcast#AXIS} inputs: such an input {@code i} holds {@code counts[i]} elements
     * and output element {@code k} (row-major) reads its element {@code (k / strides[i]) % counts[i]}. Entries
     * of other inputs are ignored; a kernel without such inputs ignores both arrays.
     */
    void apply(float[] out, float[][] inputs, int rows, int columns, int[] strides, int[] counts);

    /** Whether the expression reads input {@code index}; inputs it does not read are never touched. */
    boolean reads(int index);
}
