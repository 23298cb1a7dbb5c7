package dev.glia.benchmarks.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What subnormal floats in Adam's first moment cost this CPU: one pass of the arithmetic the peers' Adam does over the
 * MLP's 235,146 parameters ({@code m = 0.9 m + 0.1 g}, then {@code step = m · lr / (√v + ε)}), with none, 5 % (about
 * what the peers hold after ~700 steps, see docs/benchmarks.md) or all of m subnormal. The subnormal entries have a
 * zero gradient, as a dead unit's do, and stay subnormal from pass to pass: 0.9 · 4·2⁻¹⁴⁹ rounds back to 4·2⁻¹⁴⁹.
 * Plain Java float arithmetic, which the JVM never flushes; µs per pass.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SubnormalAdamBench {
    /** The MLP's parameter count. */
    static final int VALUES = 235_146;

    /** How many of m's values are subnormal. */
    @Param({"0", "12000", "235146"})
    public int subnormals;

    private final float[] m = new float[VALUES];
    private final float[] g = new float[VALUES];
    private final float[] v = new float[VALUES];
    private final float[] step = new float[VALUES];

    /** Normal moments and gradients of the sizes training sees, then {@link #subnormals} stuck subnormal ones. */
    @Setup(Level.Trial)
    public void setup() {
        Random r = new Random(42);
        for (int i = 0; i < VALUES; i++) {
            g[i] = (float) r.nextGaussian() * 1e-3f;
            m[i] = (float) r.nextGaussian() * 1e-4f;
            v[i] = 1e-9f;
        }
        for (int i = 0; i < subnormals; i++) {
            int k = (int) ((long) i * VALUES / subnormals);
            m[k] = 4 * Float.MIN_VALUE;
            g[k] = 0;
        }
    }

    /** One pass; returns a value so that nothing is dead code. */
    @Benchmark
    public float adamPass() {
        for (int i = 0; i < VALUES; i++) {
            m[i] = 0.9f * m[i] + 0.1f * g[i];
            step[i] = m[i] * 1e-3f / ((float) Math.sqrt(v[i]) + 1e-8f);
        }
        return step[VALUES - 1];
    }
}
