package dev.glia.backend.opencl.internal;

/** Conversions between float and double host arrays, for transfers that change the element type. */
final class HostArrays {
    private HostArrays() {}

    static double[] toDouble(float[] src) {
        double[] d = new double[src.length];
        widen(src, d);
        return d;
    }

    static float[] toFloat(double[] src) {
        float[] f = new float[src.length];
        narrow(src, f);
        return f;
    }

    static void widen(float[] src, double[] dst) {
        for (int i = 0; i < src.length; i++) {
            dst[i] = src[i];
        }
    }

    static void narrow(double[] src, float[] dst) {
        for (int i = 0; i < src.length; i++) {
            dst[i] = (float) src[i];
        }
    }
}
