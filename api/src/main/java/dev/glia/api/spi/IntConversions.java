package dev.glia.api.spi;

import dev.glia.api.Shape;

/**
 * The conversions of transfers between int arrays and float tensors, or float arrays and INT32 tensors.
 * Into int they are exact or refused: a value that is not a whole number in the int range fails with an
 * {@link IllegalArgumentException} naming the operation, the tensor, the position and the value.
 */
final class IntConversions {
    private IntConversions() {}

    /** {@code src} as ints, each a whole number in the int range; else the failure names the first other. */
    static int[] exact(String op, Shape shape, float[] src) {
        int[] out = new int[src.length];
        for (int i = 0; i < src.length; i++) {
            float v = src[i];
            if (!(v >= Integer.MIN_VALUE && v < 0x1p31f) || v != Math.rint(v)) {
                throw notAnInt(op, shape, i, Float.toString(v));
            }
            out[i] = (int) v;
        }
        return out;
    }

    /** {@code src} as ints, each a whole number in the int range; else the failure names the first other. */
    static int[] exact(String op, Shape shape, double[] src) {
        int[] out = new int[src.length];
        for (int i = 0; i < src.length; i++) {
            double v = src[i];
            if (!(v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) || v != Math.rint(v)) {
                throw notAnInt(op, shape, i, Double.toString(v));
            }
            out[i] = (int) v;
        }
        return out;
    }

    /** {@code src} as doubles, exactly. */
    static double[] widen(int[] src) {
        double[] out = new double[src.length];
        widen(src, out);
        return out;
    }

    /** {@code src} as doubles, exactly, into {@code dst}. */
    static void widen(int[] src, double[] dst) {
        for (int i = 0; i < src.length; i++) {
            dst[i] = src[i];
        }
    }

    /** {@code src} rounded to the nearest floats, into {@code dst}. */
    static void narrow(int[] src, float[] dst) {
        for (int i = 0; i < src.length; i++) {
            dst[i] = src[i];
        }
    }

    /** The position of flat element {@code i} of {@code shape}, as {@code [1, 2] (element 5)} for rank above 1. */
    static String position(Shape shape, int i) {
        if (shape.rank() == 1) {
            return "[" + i + "]";
        }
        int[] at = new int[shape.rank()];
        int rest = i;
        for (int axis = shape.rank() - 1; axis >= 0; axis--) {
            at[axis] = rest % shape.dim(axis);
            rest /= shape.dim(axis);
        }
        StringBuilder sb = new StringBuilder("[");
        for (int axis = 0; axis < at.length; axis++) {
            sb.append(axis == 0 ? "" : ", ").append(at[axis]);
        }
        return sb.append("] (element ").append(i).append(')').toString();
    }

    private static IllegalArgumentException notAnInt(String op, Shape shape, int i, String value) {
        return new IllegalArgumentException(op + ": element " + position(shape, i) + " of the INT32 transfer for"
                + " tensor " + shape + " is " + value + ", which is not a whole number in the int range [-2^31,"
                + " 2^31 - 1]; round the values (e.g. Math.round) before the transfer, or keep the data in a float"
                + " tensor");
    }
}
