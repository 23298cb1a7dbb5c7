package dev.glia.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.api.spi.Availability;
import dev.glia.api.spi.BackendOptions;
import dev.glia.api.spi.BackendProvider;
import dev.glia.backend.opencl.internal.DeviceInfo;
import dev.glia.backend.opencl.internal.OpenClBackend;
import dev.glia.backend.opencl.internal.OpenClRuntime;
import dev.glia.core.config.BackendSelector;
import dev.glia.core.config.GliaConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider: name, rank, probe, device choice, selection by core, and failures that leave the JVM usable. */
class OpenClBackendProviderTest {
    private final OpenClBackendProvider provider = new OpenClBackendProvider();

    private static BackendOptions device(String spec) {
        return BackendOptions.of(Map.of(OpenClBackendProvider.DEVICE_OPTION, spec));
    }

    @Test
    void nameRankAndServiceRegistration() {
        assertEquals("opencl", provider.name());
        assertEquals(300, provider.rank());
        boolean found = false;
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            found |= p instanceof OpenClBackendProvider;
        }
        assertTrue(found, "META-INF/services lists the provider");
    }

    @Test
    void probeNamesTheDeviceAndIsAutoEligibleOnlyForAGpu() {
        OpenClTestSupport.assumeOpenCl();
        Availability a = provider.probe(OpenClTestSupport.options());
        DeviceInfo d =
                OpenClRuntime.select(OpenClTestSupport.options().get(OpenClBackendProvider.DEVICE_OPTION, "any"));
        assertTrue(a.available(), a.detail());
        assertTrue(
                a.detail().contains(d.name())
                        && a.detail().contains(d.openClVersion())
                        && a.detail().contains(d.platformName()),
                a.detail());
        assertEquals(d.kind() == DeviceInfo.Kind.GPU, a.autoEligible(), a.toString());
        Availability cpu = provider.probe(device("cpu"));
        if (cpu.available()) {
            assertFalse(cpu.autoEligible(), "a CPU device (PoCL) is used by name only: " + cpu);
            assertTrue(cpu.detail().contains("not a GPU"), cpu.detail());
        }
    }

    @Test
    void descriptionNamesPlatformDeviceAndOpenClVersion() {
        OpenClTestSupport.assumeOpenCl();
        try (OpenClBackend b = OpenClTestSupport.newBackend()) {
            DeviceInfo d = b.device();
            String text = b.description();
            assertTrue(text.startsWith("JOCL 2.0.5, " + d.openClVersion() + ", platform " + d.platformIndex()), text);
            assertTrue(text.contains(d.platformName()) && text.contains(d.name()), text);
        }
    }

    @Test
    void aDeviceThatDoesNotExistIsUnavailableWithTheDeviceList() {
        OpenClTestSupport.assumeOpenCl();
        Availability a = provider.probe(device("42:7"));
        assertFalse(a.available());
        assertTrue(a.detail().contains("42:7 names no device") && a.detail().contains("0:0"), a.detail());
        a = provider.probe(device("fastest"));
        assertTrue(a.detail().contains("must be gpu, cpu, any or PLATFORM:DEVICE"), a.detail());
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class, () -> provider.create(device("42:7")));
        assertTrue(e.getMessage().contains("names no device"), e.getMessage());
    }

    @Test
    void autoSelectionTakesOpenClOnlyOnAGpuAndByNameAlways() {
        OpenClTestSupport.assumeOpenCl();
        BackendSelector selector = BackendSelector.discover(List.of());
        Availability a = provider.probe(OpenClTestSupport.options());
        Properties none = new Properties();
        GliaConfig auto = GliaConfig.builder()
                .systemProperties(none)
                .environment(Map.of())
                .classLoader(null)
                .set(
                        OpenClBackendProvider.DEVICE_OPTION,
                        OpenClTestSupport.options().get(OpenClBackendProvider.DEVICE_OPTION, "any"))
                .build();
        try (Backend b = selector.create(auto)) {
            assertEquals(a.autoEligible() ? "opencl" : "ejml", b.name(), "auto with " + a);
        }
        GliaConfig named = GliaConfig.builder()
                .systemProperties(none)
                .environment(Map.of())
                .classLoader(null)
                .backend("opencl")
                .build();
        try (Backend b = selector.create(named)) {
            assertEquals("opencl", b.name());
        }
        assertTrue(
                selector.report(BackendOptions.defaults()).contains("opencl"),
                selector.report(BackendOptions.defaults()));
    }

    /** With OCL_ICD_VENDORS pointing at an empty folder the ICD loader finds no platform. */
    @Test
    void noPlatformIsReportedWithWhatToInstall(@TempDir Path empty) throws Exception {
        OpenClTestSupport
                .assumeOpenCl(); // needs a loadable libOpenCL.so; a machine without one is the next test's case
        String out = probeInChildJvm(Map.of("OCL_ICD_VENDORS", empty.toString()));
        assertTrue(
                out.contains("available=false")
                        && out.contains("no OpenCL platform")
                        && out.contains("apt-get install ocl-icd-opencl-dev pocl-opencl-icd"),
                out);
        assertTrue(out.contains("still usable"), "the JVM goes on after the failed probe: " + out);
    }

    /**
     * The fresh machine: a libOpenCL.so that cannot be loaded comes first on LD_LIBRARY_PATH and no ICD is
     * registered. The probe says why and what to install, the JVM goes on, and JOCL's native loader never
     * runs, so its own "Could not load libOpenCL.so" line does not reach standard error.
     */
    @Test
    void noLibOpenClIsReportedWithWhatToInstallAndNothingOnStderr(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(
                System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux"),
                "needs Linux's LD_LIBRARY_PATH");
        Files.write(dir.resolve("libOpenCL.so"), new byte[0]); // found first, and not a library
        Path noVendors = Files.createDirectory(dir.resolve("vendors"));
        String out =
                probeInChildJvm(Map.of("LD_LIBRARY_PATH", dir.toString(), "OCL_ICD_VENDORS", noVendors.toString()));
        assertTrue(
                out.contains("available=false")
                        && out.contains(dir.resolve("libOpenCL.so")
                                + " cannot be loaded: it is not an ELF shared library (only 0 bytes)")
                        && out.contains("apt-get install ocl-icd-opencl-dev pocl-opencl-icd"),
                out);
        assertTrue(out.contains("still usable"), out);
    }

    /** Runs {@link ProbeMain} in a child JVM; returns its standard output after checking that stderr stayed empty. */
    private static String probeInChildJvm(Map<String, String> env) throws IOException, InterruptedException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(
                java.toString(), "-cp", System.getProperty("java.class.path"), ProbeMain.class.getName());
        pb.environment().putAll(env);
        Path stderr = Files.createTempFile("probe", ".stderr");
        try {
            pb.redirectError(stderr.toFile());
            Process p = pb.start();
            byte[] bytes = p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM finished");
            String out = new String(bytes, StandardCharsets.UTF_8);
            String err = Files.readString(stderr);
            assertEquals(0, p.exitValue(), out + err);
            assertEquals("", err, "nothing on stderr; stdout: " + out);
            return out;
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    /** Probes twice in a fresh JVM and prints the result, then proves the JVM still works. */
    public static final class ProbeMain {
        private ProbeMain() {}

        /** Entry point of the child JVM. */
        public static void main(String[] args) {
            OpenClBackendProvider p = new OpenClBackendProvider();
            System.out.println(p.probe(BackendOptions.defaults()));
            System.out.println(p.probe(BackendOptions.defaults()));
            try (Backend ejml = new dev.glia.backend.ejml.EjmlBackendProvider().create(BackendOptions.defaults())) {
                System.out.println("still usable: " + ejml.name());
            }
        }
    }
}
