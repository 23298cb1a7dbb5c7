package dev.glia.kernels.java;

/**
 * The staging arrays of one thread running parts of window calls: two float and two double slots and one int
 * array, each grown to the largest size asked for and kept, so a call allocates nothing once warm.
 */
final class Scratch {
    private final float[][] floats = {new float[0], new float[0]};
    private final double[][] doubles = {new double[0], new double[0]};
    private int[] ints = new int[0];

    /** Float slot {@code slot} (0 or 1), at least {@code size} long. */
    float[] floats(int slot, int size) {
        if (floats[slot].length < size) {
            floats[slot] = new float[size];
        }
        return floats[slot];
    }

    /** Double slot {@code slot} (0 or 1), at least {@code size} long. */
    double[] doubles(int slot, int size) {
        if (doubles[slot].length < size) {
            doubles[slot] = new double[size];
        }
        return doubles[slot];
    }

    /** The int array, at least {@code size} long. */
    int[] ints(int size) {
        if (ints.length < size) {
            ints = new int[size];
        }
        return ints;
    }
}
