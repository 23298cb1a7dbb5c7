package dev.glia.backend.nd4j.internal;

import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import java.util.SplittableRandom;

/**
 * Run by {@link SplitReproducibilityTest} in a JVM of its own, whose environment picks OpenBLAS's kernels.
 * For the first layer's products of an MLP 784-256-128-10 at batch 128 (forward, and the weight gradient with
 * a transposed operand) it prints two lines per product:
 * <ul>
 *   <li>{@code hazard <name> <n>}: how many elements of the product cut into 2 blocks differ in any bit from
 *       the product computed whole, both by single-threaded OpenBLAS calls — what a timing-based choice of
 *       the cut would turn into run-to-run differences;</li>
 *   <li>{@code repeats <name> <n>}: how many of 40 calls of the backend's own {@code gemm} on the same
 *       operands, each on a fresh output, differ in any bit from the first.</li>
 * </ul>
 */
final class RepeatedProductMain {
    private RepeatedProductMain() {}

    public static void main(String[] args) {
        SplittableRandom random = new SplittableRandom(3);
        try (Nd4jBackend backend = new Nd4jBackend(2);
                Workers workers = new Workers(2, "hazard")) {
            Gemm direct = new Gemm(workers);
            product(backend, direct, random, "forward", false, 128, 256, 784);
            product(backend, direct, random, "weight-gradient", true, 784, 256, 128);
        }
    }

    private static void product(
            Nd4jBackend backend,
            Gemm direct,
            SplittableRandom random,
            String name,
            boolean transA,
            int m,
            int n,
            int k) {
        try (Tensor a = backend.upload(values(random, m * k), transA ? Shape.of(k, m) : Shape.of(m, k));
                Tensor b = backend.upload(values(random, k * n), Shape.of(k, n));
                Tensor whole = backend.allocate(Shape.of(m, n), DType.FLOAT32);
                Tensor cut = backend.allocate(Shape.of(m, n), DType.FLOAT32)) {
            direct.split(transA, false, 1, (Nd4jTensor) a, (Nd4jTensor) b, 0, (Nd4jTensor) whole, m, n, k, 1);
            direct.split(transA, false, 1, (Nd4jTensor) a, (Nd4jTensor) b, 0, (Nd4jTensor) cut, m, n, k, 2);
            System.out.println("hazard " + name + " " + differing(whole.toFloatArray(), cut.toFloatArray()));
            float[] first = null;
            int differ = 0;
            for (int call = 0; call < 40; call++) {
                try (Tensor c = backend.allocate(Shape.of(m, n), DType.FLOAT32)) {
                    backend.gemm(transA, false, 1, a, b, 0, c);
                    float[] v = c.toFloatArray();
                    if (first == null) {
                        first = v;
                    } else if (differing(first, v) > 0) {
                        differ++;
                    }
                }
            }
            System.out.println("repeats " + name + " " + differ);
        }
    }

    private static float[] values(SplittableRandom random, int length) {
        float[] v = new float[length];
        for (int i = 0; i < length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static int differing(float[] x, float[] y) {
        int d = 0;
        for (int i = 0; i < x.length; i++) {
            if (Float.floatToRawIntBits(x[i]) != Float.floatToRawIntBits(y[i])) {
                d++;
            }
        }
        return d;
    }
}
