package dev.glia.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.Window2D;
import dev.glia.api.spi.Availability;
import dev.glia.api.spi.BackendOptions;
import dev.glia.api.spi.BackendProvider;
import dev.glia.core.config.BackendSelector;
import dev.glia.core.config.GliaConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Nd4jBackendProviderTest {

    /**
     * "ND4J x, OpenBLAS y" with the versions the POM pins (passed in by surefire), so that a build which
     * loads another OpenBLAS than the one pinned fails here. OpenBLAS 0.3.19, the one ND4J 1.0.0-M2.1 brings,
     * does not know current Intel server CPUs and runs a generic kernel ~4x slower (docs/nd4j.md).
     */
    private static String versions() {
        String openblas = System.getProperty("glia.test.openblas.version", "?").replaceFirst("-[0-9.]+$", "");
        return "ND4J " + System.getProperty("glia.test.nd4j.version", "?") + ", OpenBLAS " + openblas;
    }

    @Test
    void isFoundByServiceLoaderWithRank200() {
        BackendProvider found = ServiceLoader.load(BackendProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("nd4j"))
                .findFirst()
                .orElseThrow();
        assertTrue(found instanceof Nd4jBackendProvider);
        assertEquals(200, found.rank());
    }

    @Test
    void probeIsAvailableWithVersionsAndThreads() {
        Availability a =
                new Nd4jBackendProvider().probe(BackendOptions.of(Map.of(Nd4jBackendProvider.THREADS_OPTION, "3")));
        assertTrue(a.available(), a.detail());
        assertTrue(a.autoEligible());
        assertEquals(versions() + ", native memory, 3 threads", a.detail());
    }

    @Test
    void createsABackendWithTheThreadsAsked() {
        try (Backend b =
                new Nd4jBackendProvider().create(BackendOptions.of(Map.of(Nd4jBackendProvider.THREADS_OPTION, "1")))) {
            assertEquals("nd4j", b.name());
            assertEquals(versions() + ", native memory, 1 thread", b.description());
        }
    }

    @Test
    void badThreadsOptionIsReported() {
        for (String bad : new String[] {"0", "two", "-1", "100000"}) {
            BackendOptions options = BackendOptions.of(Map.of(Nd4jBackendProvider.THREADS_OPTION, bad));
            Availability a = new Nd4jBackendProvider().probe(options);
            assertFalse(a.available());
            assertTrue(a.detail().contains("glia.nd4j.threads") && a.detail().contains(bad), a.detail());
            assertThrows(IllegalArgumentException.class, () -> new Nd4jBackendProvider().create(options));
        }
    }

    @Test
    void badWinogradOptionIsReported() {
        BackendOptions options = BackendOptions.of(Map.of(Nd4jBackendProvider.WINOGRAD_OPTION, "yes"));
        Availability a = new Nd4jBackendProvider().probe(options);
        assertFalse(a.available());
        assertTrue(a.detail().contains("glia.nd4j.winograd") && a.detail().contains("'yes'"), a.detail());
        assertThrows(IllegalArgumentException.class, () -> new Nd4jBackendProvider().create(options));
    }

    /**
     * conv2 of the Fashion-MNIST CNN: with {@code glia.nd4j.winograd=false} conv2d goes through im2col, which
     * leaves the patches in the columns; by default Winograd's tiles leave their transformed input there instead.
     * Both outputs agree within float32 rounding.
     */
    @Test
    void winogradOptionChoosesHowAConvolutionIsWorked() {
        Window2D window = Window2D.of(5, 5);
        Shape in = Shape.of(8, 32, 12, 12);
        float[] x = new float[in.size()];
        float[] w = new float[64 * 800];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextDouble(-0.1, 0.1);
        }
        float[][] outputs = new float[2][];
        for (String on : new String[] {"false", "true"}) {
            BackendOptions options = BackendOptions.of(Map.of(Nd4jBackendProvider.WINOGRAD_OPTION, on));
            try (Backend b = new Nd4jBackendProvider().create(options);
                    Tensor input = b.upload(x, in);
                    Tensor weight = b.upload(w, Shape.matrix(64, 800));
                    Tensor columns = b.allocate(Shape.matrix(800, 8 * 64), DType.FLOAT32);
                    Tensor patches = b.allocate(Shape.matrix(800, 8 * 64), DType.FLOAT32);
                    Tensor product = b.allocate(Shape.matrix(64, 8 * 64), DType.FLOAT32);
                    Tensor output = b.allocate(Shape.of(8, 64, 8, 8), DType.FLOAT32)) {
                b.conv2d(input, weight, null, window, columns, product, output);
                b.im2col(input, window, patches);
                boolean im2col = Arrays.equals(patches.toFloatArray(), columns.toFloatArray());
                assertEquals(on.equals("false"), im2col, "glia.nd4j.winograd=" + on + ": columns hold the patches");
                outputs[on.equals("true") ? 1 : 0] = output.toFloatArray();
            }
        }
        for (int i = 0; i < outputs[0].length; i++) {
            assertEquals(outputs[0][i], outputs[1][i], 1e-5 * 80, "output " + i);
        }
    }

    @Test
    void autoPrefersNd4jToEjmlAndNamesSelectEither() {
        BackendSelector selector = BackendSelector.discover(List.of());
        try (Backend auto = selector.create(GliaConfig.builder().backend("auto").build())) {
            assertEquals("nd4j", auto.name());
        }
        try (Backend named =
                selector.create(GliaConfig.builder().backend("nd4j").build())) {
            assertEquals("nd4j", named.name());
        }
        try (Backend ejml = selector.create(GliaConfig.builder().backend("ejml").build())) {
            assertEquals("ejml", ejml.name());
        }
        String report = selector.report(BackendOptions.defaults());
        assertTrue(report.contains("nd4j") && report.contains("rank 200") && report.contains("available"), report);
    }
}
