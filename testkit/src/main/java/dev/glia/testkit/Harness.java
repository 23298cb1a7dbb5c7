package dev.glia.testkit;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import java.util.Arrays;
import java.util.function.Function;

/** The backend under test and the reference, with the transfers every check shares. */
final class Harness {
    final Backend backend;
    final Backend reference;

    Harness(Backend backend, Backend reference) {
        this.backend = backend;
        this.reference = reference;
    }

    /** Runs {@code computation} on the reference and on the backend: {@code {expected, actual}}. */
    double[][] both(Function<Backend, double[]> computation) {
        double[] expected = computation.apply(reference);
        double[] actual = computation.apply(backend);
        return new double[][] {expected, actual};
    }

    /** Names the backend under test, for messages. */
    String name() {
        return "backend '" + backend.name() + "'";
    }

    /** A new tensor of {@code dtype} on {@code b} holding {@code data}, uploaded from a float or double array. */
    static Tensor upload(Backend b, double[] data, Shape shape, DType dtype) {
        return dtype == DType.FLOAT32 ? b.upload(Domain.toFloat(data), shape) : b.upload(data, shape);
    }

    /** {@code data} as a tensor of {@code dtype} holds it: rounded to float for FLOAT32. */
    static double[] round(DType dtype, double[] data) {
        if (dtype == DType.FLOAT64) {
            return data;
        }
        double[] r = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            r[i] = (float) data[i];
        }
        return r;
    }

    /** An array of {@code n} NaNs, to prefill outputs so that an element left unwritten shows. */
    static double[] nans(int n) {
        double[] v = new double[n];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    /** The absolute values. */
    static double[] abs(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.abs(v[i]);
        }
        return r;
    }
}
