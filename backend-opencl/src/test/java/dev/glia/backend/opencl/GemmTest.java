package dev.glia.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.backend.opencl.internal.DeviceInfo;
import dev.glia.backend.opencl.internal.GemmParameters;
import dev.glia.backend.opencl.internal.OpenClBackend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * gemm at sizes the conformance kit does not reach: around the work-group tile of the device's
 * parameters (whole tiles, one more, one less), so that the interior kernel, both edge strips and
 * K remainders all run, for every transpose combination, against a float64 product on the host.
 */
@RequiresOpenCl
class GemmTest {
    private static OpenClBackend backend;

    @BeforeAll
    static void open() {
        backend = OpenClTestSupport.newBackend();
    }

    @AfterAll
    static void close() {
        if (backend != null) {
            backend.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> aroundTheTileSizes() {
        List<DynamicTest> tests = new ArrayList<>();
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                GemmParameters[] p = backend.gemmParameters(DType.FLOAT32, tb);
                GemmParameters big = p[0];
                GemmParameters small = p[1];
                int[] ms = {1, small.mwg() - 1, small.mwg() + 1, big.mwg() - 1, big.mwg(), big.mwg() + small.mwg() + 1};
                int[] ns = {1, small.nwg() - 1, small.nwg() + 1, big.nwg() - 1, big.nwg(), big.nwg() + small.nwg() + 3};
                int[] ks = {1, big.kwg() - 1, 2 * big.kwg(), 2 * big.kwg() + 7};
                String name = (ta ? "T" : "N") + (tb ? "T" : "N");
                tests.add(DynamicTest.dynamicTest(name + " FLOAT32 around " + big + " / " + small, () -> {
                    long seed = 1;
                    for (int m : ms) {
                        for (int n : ns) {
                            for (int k : ks) {
                                check(DType.FLOAT32, ta, tb, m, n, k, 0.75, seed % 2 == 0 ? 0 : -0.5, seed++, 1e-5);
                            }
                        }
                    }
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> largeAndFloat64() {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest(
                "FLOAT32 NN 300 x 517 x 263", () -> check(DType.FLOAT32, false, false, 300, 517, 263, 1, 0, 7, 1e-5)));
        tests.add(DynamicTest.dynamicTest(
                "FLOAT32 TN 513 x 260 x 129, beta 2",
                () -> check(DType.FLOAT32, true, false, 513, 260, 129, -1, 2, 8, 1e-5)));
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                tests.add(DynamicTest.dynamicTest(
                        "FLOAT64 " + (ta ? "T" : "N") + (tb ? "T" : "N") + " 131 x 270 x 67", () -> {
                            OpenClTestSupport.assumeFloat64(backend);
                            check(DType.FLOAT64, ta, tb, 131, 270, 67, 0.5, 0.25, 9, 1e-12);
                        }));
            }
        }
        return tests.stream();
    }

    /** beta == 0 must not read c: NaN in c stays out of the result, interior and edges. */
    @Test
    void betaZeroIgnoresNaNInC() {
        GemmParameters p = backend.gemmParameters(DType.FLOAT32, false)[0];
        int m = p.mwg() + 3;
        int n = p.nwg() + 5;
        int k = 9;
        try (Tensor a = backend.upload(ones(m * k), Shape.of(m, k));
                Tensor b = backend.upload(ones(k * n), Shape.of(k, n));
                Tensor c = backend.upload(nans(m * n), Shape.of(m, n))) {
            backend.gemm(false, false, 2, a, b, 0, c);
            float[] r = c.toFloatArray();
            for (int i = 0; i < r.length; i++) {
                assertEquals(18f, r[i], "element " + i + " of 2 * ones * ones with beta 0 over a NaN-filled c");
            }
        }
    }

    /** Custom parameters (a CLBlast-style option) give the same results. */
    @Test
    void tuningParametersFromOptions() {
        try (OpenClBackend tuned = (OpenClBackend) new OpenClBackendProvider()
                .create(dev.glia.api.spi.BackendOptions.of(Map.of(
                        OpenClBackendProvider.DEVICE_OPTION,
                        System.getProperty("glia.opencl.device", "any"),
                        OpenClBackendProvider.GEMM_OPTION,
                        "MWG=16,NWG=32,KWG=8,MDIMC=4,NDIMC=4,VWN=2,KWI=2,SA=1,SB=1," + "STRM=1,STRN=1")))) {
            GemmParameters p = tuned.gemmParameters(DType.FLOAT32, false)[0];
            assertEquals(16, p.mwg());
            assertEquals(1, p.strn());
            for (int t = 0; t < 4; t++) {
                check(tuned, DType.FLOAT32, t / 2 == 1, t % 2 == 1, 37, 70, 19, 1, 0.5, 11 + t, 1e-5);
            }
        }
    }

    /** The GPU defaults (untunable here) compile and compute correctly on whatever device runs the tests. */
    @Test
    void gpuDefaultParametersAreCorrectHereToo() {
        for (DType dtype : DType.values()) {
            if (!dtype.isFloatingPoint() || !backend.supports(dtype)) {
                continue;
            }
            GemmParameters main = GemmParameters.defaults(DeviceInfo.Kind.GPU, dtype, false, false);
            GemmParameters edge = GemmParameters.defaults(DeviceInfo.Kind.GPU, dtype, false, true);
            try (OpenClBackend gpuLike = (OpenClBackend) new OpenClBackendProvider()
                    .create(dev.glia.api.spi.BackendOptions.of(Map.of(
                            OpenClBackendProvider.DEVICE_OPTION,
                            System.getProperty("glia.opencl.device", "any"),
                            OpenClBackendProvider.GEMM_OPTION,
                            main.toString(),
                            OpenClBackendProvider.GEMM_EDGE_OPTION,
                            edge.toString())))) {
                double tol = dtype == DType.FLOAT32 ? 1e-5 : 1e-12;
                for (int t = 0; t < 4; t++) {
                    check(
                            gpuLike,
                            dtype,
                            t / 2 == 1,
                            t % 2 == 1,
                            main.mwg() + edge.mwg() + 1,
                            main.nwg() + 3,
                            2 * main.kwg() + 5,
                            1,
                            t % 2 == 0 ? 0 : 0.5,
                            21 + t,
                            tol);
                }
            }
        }
    }

    @Test
    void invalidParametersAreRejected() {
        GemmParameters p = backend.gemmParameters(DType.FLOAT32, false)[0];
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> p.with("MWG=30,MDIMC=4"));
        assertTrue(e.getMessage().contains("MWG must be a multiple of MDIMC"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> p.with("FOO=1"));
        assertTrue(e.getMessage().contains("FOO=1"), e.getMessage());
    }

    private static void check(
            DType dtype,
            boolean ta,
            boolean tb,
            int m,
            int n,
            int k,
            double alpha,
            double beta,
            long seed,
            double tol) {
        check(backend, dtype, ta, tb, m, n, k, alpha, beta, seed, tol);
    }

    static void check(
            OpenClBackend backend,
            DType dtype,
            boolean ta,
            boolean tb,
            int m,
            int n,
            int k,
            double alpha,
            double beta,
            long seed,
            double tol) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] a = round(dtype, random.doubles((long) m * k, -1, 1).toArray());
        double[] b = round(dtype, random.doubles((long) k * n, -1, 1).toArray());
        double[] c = round(dtype, random.doubles((long) m * n, -1, 1).toArray());
        Shape sa = ta ? Shape.of(k, m) : Shape.of(m, k);
        Shape sb = tb ? Shape.of(n, k) : Shape.of(k, n);
        double[] expected = new double[m * n];
        double[] scale = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    double x = ta ? a[p * m + i] : a[i * k + p];
                    double y = tb ? b[j * k + p] : b[p * n + j];
                    s += x * y;
                    abs += Math.abs(x * y);
                }
                expected[i * n + j] = alpha * s + beta * c[i * n + j];
                scale[i * n + j] = Math.abs(alpha) * abs + Math.abs(beta * c[i * n + j]);
            }
        }
        double[] actual;
        try (Tensor ta2 = upload(backend, dtype, a, sa);
                Tensor tb2 = upload(backend, dtype, b, sb);
                Tensor tc = upload(backend, dtype, c, Shape.of(m, n))) {
            backend.gemm(ta, tb, alpha, ta2, tb2, beta, tc);
            actual = tc.toDoubleArray();
        }
        for (int i = 0; i < actual.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            if (!(err <= tol * Math.max(scale[i], 1e-30))) {
                fail("gemm " + (ta ? "T" : "N") + (tb ? "T" : "N") + " " + dtype + " m=" + m + " n=" + n + " k=" + k
                        + " alpha=" + alpha + " beta=" + beta + ": element (" + i / n + ", " + i % n + ") is "
                        + actual[i]
                        + ", expected " + expected[i] + " (parameters "
                        + Arrays.toString(backend.gemmParameters(dtype, tb))
                        + ")");
            }
        }
    }

    private static Tensor upload(OpenClBackend backend, DType dtype, double[] v, Shape s) {
        return dtype == DType.FLOAT64 ? backend.upload(v, s) : backend.upload(toFloat(v), s);
    }

    private static double[] round(DType dtype, double[] v) {
        if (dtype == DType.FLOAT32) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) v[i];
            }
        }
        return v;
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static float[] ones(int n) {
        float[] f = new float[n];
        Arrays.fill(f, 1);
        return f;
    }

    private static float[] nans(int n) {
        float[] f = new float[n];
        Arrays.fill(f, Float.NaN);
        return f;
    }
}
