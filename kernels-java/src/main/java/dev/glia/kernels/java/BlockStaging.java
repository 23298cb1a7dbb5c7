package dev.glia.kernels.java;

/**
 * Runs a kernel that stages {@code exp} and {@code tanh} through {@link FloatMath} over arrays longer than one
 * {@link FloatMath#BLOCK}: the full inputs of each block of elements are copied into this thread's staging
 * arrays, the kernel runs on those from index 0, and its outputs are copied back. The kernel's loops then index
 * every array alike, from 0, which is what lets the JIT vectorise them: a loop that reads {@code in[i]} and writes
 * {@code block[i - b]} for an unknown {@code b} may alias and stays scalar (4 to 7 times slower). Every input of a
 * block is copied before its outputs are written back, so an output may be one of the full inputs. Generated
 * kernels call it; it is public because they live in class loaders of their own.
 */
public final class BlockStaging {
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private BlockStaging() {}

    /**
     * Applies {@code kernel} to the {@code n} elements of {@code outs} a block at a time; input {@code i} is copied
     * block by block when {@code staged[i]} (a full input the kernel reads) and passed whole otherwise (a scalar, or
     * one it does not read).
     */
    public static void run(MultiFloatKernel kernel, float[][] outs, float[][] inputs, int n, boolean[] staged) {
        Scratch s = SCRATCH.get();
        float[][] in = s.inputs(inputs, staged);
        float[][] out = s.outputs(outs.length);
        for (int b = 0; b < n; b += FloatMath.BLOCK) {
            int len = Math.min(FloatMath.BLOCK, n - b);
            copyIn(inputs, in, staged, b, len);
            kernel.apply(out, in, 1, len);
            for (int j = 0; j < outs.length; j++) {
                System.arraycopy(out[j], 0, outs[j], b, len);
            }
        }
        s.release();
    }

    /** The one-output form of {@link #run(MultiFloatKernel, float[][], float[][], int, boolean[])}. */
    public static void run(FloatKernel kernel, float[] outArray, float[][] inputs, int n, boolean[] staged) {
        Scratch s = SCRATCH.get();
        float[][] in = s.inputs(inputs, staged);
        float[] out = s.outputs(1)[0];
        for (int b = 0; b < n; b += FloatMath.BLOCK) {
            int len = Math.min(FloatMath.BLOCK, n - b);
            copyIn(inputs, in, staged, b, len);
            kernel.apply(out, in, 1, len);
            System.arraycopy(out, 0, outArray, b, len);
        }
        s.release();
    }

    private static void copyIn(float[][] inputs, float[][] in, boolean[] staged, int b, int len) {
        for (int i = 0; i < staged.length; i++) {
            if (staged[i]) {
                System.arraycopy(inputs[i], b, in[i], 0, len);
            }
        }
    }

    /** One thread's staging arrays, kept and grown; a staged input's slot holds its own array, the others the caller's. */
    private static final class Scratch {
        private float[][] own = new float[0][];
        private float[][] in = new float[0][];
        private float[][] out = new float[0][];

        float[][] inputs(float[][] inputs, boolean[] staged) {
            own = OffHeapMultiRunner.grow(own, inputs.length, FloatMath.BLOCK);
            if (in.length < inputs.length) {
                in = new float[inputs.length][];
            }
            for (int i = 0; i < inputs.length; i++) {
                in[i] = i < staged.length && staged[i] ? own[i] : inputs[i];
            }
            return in;
        }

        /** Drops the references to the caller's arrays, which may be large. */
        void release() {
            java.util.Arrays.fill(in, null);
        }

        float[][] outputs(int count) {
            out = OffHeapMultiRunner.grow(out, count, FloatMath.BLOCK);
            return out;
        }
    }
}
