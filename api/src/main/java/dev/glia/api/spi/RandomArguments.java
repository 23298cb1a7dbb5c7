package dev.glia.api.spi;

import dev.glia.api.DType;
import dev.glia.api.Tensor;

/**
 * The argument checks of {@link AbstractBackend#randomUniform} and {@link AbstractBackend#randomNormal}: a float
 * dtype, finite parameters that the tensor's dtype can hold, and a counter range that stays under
 * {@link Long#MAX_VALUE} (so that the next call's offset, {@code offset + ceil(n / 4)}, is a valid offset too;
 * the 128-bit Philox counter itself never wraps).
 */
final class RandomArguments {
    private RandomArguments() {}

    /** Checks a uniform fill of {@code out} in [low, high] from counter {@code offset}. */
    static void uniform(Tensor out, long offset, double low, double high) {
        String op = "randomUniform";
        common(op, out, offset);
        if (!Double.isFinite(low) || !Double.isFinite(high) || !(low < high)) {
            throw new IllegalArgumentException(op + ": low and high must be finite with low < high, got low=" + low
                    + ", high=" + high + " for tensor " + out.shape() + "; pass e.g. low=-0.05, high=0.05");
        }
        if (!Double.isFinite(high - low)) {
            throw new IllegalArgumentException(op + ": the range high - low = " + high + " - " + low
                    + " overflows a double; use a narrower range");
        }
        fitsFloat(op, out, "low", low);
        fitsFloat(op, out, "high", high);
    }

    /** Checks a normal fill of {@code out} with {@code mean} and {@code stddev} from counter {@code offset}. */
    static void normal(Tensor out, long offset, double mean, double stddev) {
        String op = "randomNormal";
        common(op, out, offset);
        if (!Double.isFinite(mean) || !Double.isFinite(stddev) || !(stddev >= 0)) {
            throw new IllegalArgumentException(op + ": mean must be finite and stddev finite and >= 0, got mean=" + mean
                    + ", stddev=" + stddev + " for tensor " + out.shape() + "; pass e.g. mean=0, stddev=0.05");
        }
        fitsFloat(op, out, "mean", mean);
        fitsFloat(op, out, "stddev", stddev);
    }

    private static void common(String op, Tensor out, long offset) {
        DType dtype = out.dtype();
        if (dtype != DType.FLOAT32 && dtype != DType.FLOAT64) {
            throw new IllegalArgumentException(
                    op + ": tensor " + out.shape() + " is " + dtype + "; random fills take FLOAT32 or FLOAT64 tensors");
        }
        if (offset < 0) {
            throw new IllegalArgumentException(op + ": offset must be >= 0, got " + offset + " for tensor "
                    + out.shape() + "; it counts blocks of four numbers from 0");
        }
        long counters = Philox.counters(out.shape().size());
        if (offset > Long.MAX_VALUE - counters) {
            throw new IllegalArgumentException(op + ": offset " + offset + " plus the " + counters + " counters tensor "
                    + out.shape() + " uses passes Long.MAX_VALUE; use a smaller offset");
        }
    }

    private static void fitsFloat(String op, Tensor out, String name, double value) {
        if (out.dtype() == DType.FLOAT32 && Math.abs(value) > Float.MAX_VALUE) {
            throw new IllegalArgumentException(op + ": " + name + "=" + value + " does not fit the FLOAT32 tensor "
                    + out.shape() + " (largest float " + Float.MAX_VALUE + "); use a FLOAT64 tensor or a smaller "
                    + name);
        }
    }
}
