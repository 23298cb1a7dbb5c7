package dev.glia.backend.opencl;

import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.spi.BackendOptions;
import dev.glia.backend.opencl.internal.GemmParameters;
import dev.glia.backend.opencl.internal.OpenClBackend;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The gemm throughput harness (not a unit test): times {@code c = a * b} at the given sizes on the
 * configured OpenCL device and prints the median GFLOPS of several runs, after warm-up.
 *
 * <pre>
 * mvn -q -pl backend-opencl exec:java                               # 1024^3, FLOAT32
 * mvn -q -pl backend-opencl exec:java -Dexec.args="512 1024 2048 64x128x784"
 * mvn -q -pl backend-opencl exec:java -Dexec.args="1024 --gemm MWG=64,NWG=64,KWG=32,MDIMC=8,NDIMC=2,VWN=16,SA=0,SB=0"
 * </pre>
 * Options: {@code --runs N} (default 7), {@code --device SPEC} ({@code glia.opencl.device}),
 * {@code --gemm SPEC} ({@code glia.opencl.gemm}), {@code --edge SPEC} ({@code glia.opencl.gemm.edge}),
 * {@code --float64}, {@code --trans NN|NT|TN|TT}. A size is {@code N} (N x N x N) or {@code MxNxK}.
 */
public final class GemmBenchmark {
    private GemmBenchmark() {}

    /** Runs the benchmark; see the class description for the arguments. */
    public static void main(String[] args) {
        int runs = 7;
        DType dtype = DType.FLOAT32;
        String trans = "NN";
        Map<String, String> options = new HashMap<>();
        options.put(OpenClBackendProvider.DEVICE_OPTION, System.getProperty("glia.opencl.device", "any"));
        int[][] sizes = new int[args.length][];
        int count = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--device" -> options.put(OpenClBackendProvider.DEVICE_OPTION, args[++i]);
                case "--gemm" -> options.put(OpenClBackendProvider.GEMM_OPTION, args[++i]);
                case "--float64" -> dtype = DType.FLOAT64;
                case "--trans" -> trans = args[++i].toUpperCase(Locale.ROOT);
                case "--edge" -> options.put(OpenClBackendProvider.GEMM_EDGE_OPTION, args[++i]);
                default -> sizes[count++] = size(args[i]);
            }
        }
        sizes = count == 0 ? new int[][] {{1024, 1024, 1024}} : Arrays.copyOf(sizes, count);
        try (OpenClBackend backend = (OpenClBackend) new OpenClBackendProvider().create(BackendOptions.of(options))) {
            GemmParameters[] p = backend.gemmParameters(dtype, trans.charAt(1) == 'T');
            System.out.println("device: " + backend.description());
            System.out.println(
                    "gemm " + dtype + " " + trans + ": " + p[0] + " (edges " + p[1] + "), median of " + runs);
            for (int[] mnk : sizes) {
                double seconds = time(backend, mnk, dtype, trans.charAt(0) == 'T', trans.charAt(1) == 'T', runs);
                double gflops = 2.0 * mnk[0] * mnk[1] * mnk[2] / seconds / 1e9;
                String label =
                        mnk[0] == mnk[1] && mnk[1] == mnk[2] ? mnk[0] + "^3" : mnk[0] + "x" + mnk[1] + "x" + mnk[2];
                System.out.printf(Locale.ROOT, "%14s  %9.3f ms  %7.2f GFLOPS%n", label, seconds * 1e3, gflops);
            }
        }
    }

    /** {@code N} for N x N x N, or {@code MxNxK}. */
    private static int[] size(String arg) {
        String[] parts = arg.toLowerCase(Locale.ROOT).split("x");
        if (parts.length == 1) {
            int n = Integer.parseInt(parts[0]);
            return new int[] {n, n, n};
        }
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
    }

    /** The median seconds of one m x n x k gemm, after warm-up. */
    static double time(OpenClBackend backend, int[] mnk, DType dtype, boolean ta, boolean tb, int runs) {
        int m = mnk[0];
        int n = mnk[1];
        int k = mnk[2];
        try (Tensor a = random(backend, ta ? Shape.of(k, m) : Shape.of(m, k), dtype, 1);
                Tensor b = random(backend, tb ? Shape.of(n, k) : Shape.of(k, n), dtype, 2);
                Tensor c = backend.allocate(Shape.of(m, n), dtype)) {
            for (int i = 0; i < 2; i++) {
                backend.gemm(ta, tb, 1, a, b, 0, c);
            }
            backend.synchronize();
            double[] t = new double[runs];
            for (int r = 0; r < runs; r++) {
                long start = System.nanoTime();
                backend.gemm(ta, tb, 1, a, b, 0, c);
                backend.synchronize();
                t[r] = (System.nanoTime() - start) / 1e9;
            }
            Arrays.sort(t);
            return t[runs / 2];
        }
    }

    private static Tensor random(OpenClBackend backend, Shape s, DType dtype, long seed) {
        double[] values = new SplittableRandom(seed).doubles(s.size(), -1, 1).toArray();
        return dtype == DType.FLOAT32 ? backend.upload(toFloat(values), s) : backend.upload(values, s);
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
