package dev.glia.benchmarks;

import java.util.function.IntConsumer;

/**
 * Times repeated work the plain way (for the harness's own gemm, XOR and inference figures; JMH does the
 * microbenchmarks): warm up for a while, choose a count of operations that fills a round, then time
 * several rounds and keep each round's nanoseconds per operation.
 */
public final class Timing {
    private Timing() {}

    /**
     * Runs {@code work.accept(n)} (n operations, including whatever makes them finish) to warm up for at least
     * {@code warmupNanos}, then {@code rounds} rounds of at least {@code roundNanos} each; returns the
     * nanoseconds per operation of each round.
     */
    public static double[] nanosPerOp(IntConsumer work, long warmupNanos, long roundNanos, int rounds) {
        int n = 1;
        long start = System.nanoTime();
        double perOp = Double.NaN;
        while (true) {
            long t = System.nanoTime();
            work.accept(n);
            long took = System.nanoTime() - t;
            perOp = (double) Math.max(1, took) / n;
            if (System.nanoTime() - start >= warmupNanos) {
                break;
            }
            if (took < roundNanos / 4 && n < (1 << 24)) {
                n *= 2;
            }
        }
        int count = (int) Math.max(1, Math.min(1 << 26, Math.ceil(roundNanos / perOp)));
        double[] out = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t = System.nanoTime();
            work.accept(count);
            out[r] = (double) (System.nanoTime() - t) / count;
        }
        return out;
    }
}
