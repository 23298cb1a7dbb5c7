package dev.glia.backend.nd4j.internal;

import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A measuring harness, not a test: what cutting a product costs when no helper thread ever takes a block,
 * the worst case of the fixed cuts {@link Gemm} makes (see docs/nd4j.md, "Determinism"). For the products of
 * the MLP 784-256-128-10 at batch 128, the calling thread alone runs each product whole and cut in two
 * (helpers never started), alternately, and prints the medians of 31 bests of 20 calls. Run from the
 * repository root after {@code mvn -q -pl backend-nd4j -am test-compile}:
 *
 * <pre>
 * java -cp backend-nd4j/target/test-classes:backend-nd4j/target/classes:$CP dev.glia.backend.nd4j.internal.CutCost
 * </pre>
 * with {@code CP} as for {@code bench.Throughput}.
 */
public final class CutCost {
    private CutCost() {}

    /** Prints one line per product. */
    public static void main(String[] args) {
        int[][] shapes = {
            {128, 256, 784, 0}, {784, 256, 128, 1}, {128, 128, 256, 0}, {256, 128, 128, 1}, {128, 256, 128, 2}
        };
        SplittableRandom r = new SplittableRandom(1);
        try (Nd4jBackend backend = new Nd4jBackend(1);
                Workers lazy = new Workers(2, "lazy", false)) {
            Gemm gemm = new Gemm(lazy);
            for (int[] s : shapes) {
                int m = s[0];
                int n = s[1];
                int k = s[2];
                boolean ta = s[3] == 1;
                boolean tb = s[3] == 2;
                float[] a = new float[m * k];
                float[] b = new float[k * n];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) r.nextGaussian();
                }
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) r.nextGaussian();
                }
                try (Tensor ta32 = backend.upload(a, ta ? Shape.of(k, m) : Shape.of(m, k));
                        Tensor tb32 = backend.upload(b, tb ? Shape.of(n, k) : Shape.of(k, n));
                        Tensor c = backend.allocate(Shape.of(m, n), DType.FLOAT32)) {
                    int reps = 31;
                    long[][] t = new long[2][reps];
                    for (int w = 0; w < 200; w++) {
                        gemm.split(
                                ta,
                                tb,
                                1,
                                (Nd4jTensor) ta32,
                                (Nd4jTensor) tb32,
                                0,
                                (Nd4jTensor) c,
                                m,
                                n,
                                k,
                                1 + (w & 1));
                    }
                    for (int i = 0; i < reps; i++) {
                        for (int p = 0; p < 2; p++) {
                            long best = Long.MAX_VALUE;
                            for (int j = 0; j < 20; j++) {
                                long t0 = System.nanoTime();
                                gemm.split(
                                        ta,
                                        tb,
                                        1,
                                        (Nd4jTensor) ta32,
                                        (Nd4jTensor) tb32,
                                        0,
                                        (Nd4jTensor) c,
                                        m,
                                        n,
                                        k,
                                        p + 1);
                                best = Math.min(best, System.nanoTime() - t0);
                            }
                            t[p][i] = best;
                        }
                    }
                    Arrays.sort(t[0]);
                    Arrays.sort(t[1]);
                    System.out.printf(
                            "%dx%dx%d ta=%s tb=%s: whole %.1f us, cut in 2 on one thread %.1f us (median of %d bests of 20), +%.1f%%%n",
                            m,
                            n,
                            k,
                            ta,
                            tb,
                            t[0][reps / 2] / 1e3,
                            t[1][reps / 2] / 1e3,
                            reps,
                            100.0 * (t[1][reps / 2] - t[0][reps / 2]) / t[0][reps / 2]);
                }
            }
        }
    }
}
