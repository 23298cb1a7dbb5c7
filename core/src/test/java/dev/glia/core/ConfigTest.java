package dev.glia.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.api.spi.Availability;
import dev.glia.api.spi.BackendOptions;
import dev.glia.api.spi.BackendProvider;
import dev.glia.core.activations.Activations;
import dev.glia.core.config.BackendSelector;
import dev.glia.core.config.GliaConfig;
import dev.glia.core.config.GliaModule;
import dev.glia.testkit.ReferenceBackend;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

    /** A provider whose availability the test decides. */
    record FakeProvider(String name, int rank, Availability availability) implements BackendProvider {
        @Override
        public Availability probe(BackendOptions options) {
            return availability;
        }

        @Override
        public Backend create(BackendOptions options) {
            return new ReferenceBackend();
        }
    }

    private static GliaConfig.Builder isolated() {
        return GliaConfig.builder()
                .systemProperties(new Properties())
                .environment(Map.of())
                .classLoader(null);
    }

    private static ClassLoader withProperties(Path dir, String content) throws Exception {
        Files.writeString(dir.resolve("glia.properties"), content);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
    }

    @Test
    void precedenceIsCodeThenPropertyThenEnvironmentThenFileThenAuto(@TempDir Path dir) throws Exception {
        ClassLoader file = withProperties(dir, "glia.backend=from-file\nglia.opencl.device=cpu\n");
        Properties sys = new Properties();
        sys.setProperty("glia.backend", "from-property");
        Map<String, String> env = Map.of("GLIA_BACKEND", "from-env", "GLIA_OPENCL_DEVICE", "gpu");

        assertEquals("auto", isolated().build().backend());
        assertEquals("from-file", isolated().classLoader(file).build().backend());
        assertEquals(
                "from-env",
                isolated().classLoader(file).environment(env).build().backend());
        GliaConfig viaProperty = isolated()
                .classLoader(file)
                .environment(env)
                .systemProperties(sys)
                .build();
        assertEquals("from-property", viaProperty.backend());
        assertEquals("system property", viaProperty.origin(GliaConfig.BACKEND));
        assertEquals("gpu", viaProperty.get("glia.opencl.device").orElseThrow());
        GliaConfig inCode = isolated()
                .classLoader(file)
                .environment(env)
                .systemProperties(sys)
                .backend("EJML")
                .build();
        assertEquals("ejml", inCode.backend());
        assertEquals("code", inCode.origin(GliaConfig.BACKEND));
    }

    @Test
    void autoTakesTheBestEligibleProvider() {
        BackendSelector selector = new BackendSelector(List.of(
                new FakeProvider("slow", 100, Availability.available("cpu")),
                new FakeProvider("gpu", 300, Availability.unavailable("no OpenCL platform (libOpenCL.so not found)")),
                new FakeProvider("pocl", 250, Availability.availableByNameOnly("CPU device only")),
                new FakeProvider("fast", 200, Availability.available("native"))));
        assertEquals(
                List.of("gpu", "pocl", "fast", "slow"),
                selector.providers().stream().map(BackendProvider::name).toList());
        try (Backend b = selector.create(isolated().build())) {
            assertEquals("reference", b.name()); // created by "fast"
        }
        try (Backend b = selector.create(isolated().backend("pocl").build())) {
            assertEquals("reference", b.name());
        }
    }

    @Test
    void unknownOrUnavailableBackendListsEveryProviderWithItsReason() {
        BackendSelector selector = new BackendSelector(List.of(
                new FakeProvider("ejml", 100, Availability.available("EJML, 2 threads")),
                new FakeProvider(
                        "opencl", 300, Availability.unavailable("no OpenCL platform (libOpenCL.so not found)"))));
        IllegalStateException unknown = assertThrows(
                IllegalStateException.class,
                () -> selector.create(isolated().backend("cuda").build()));
        assertTrue(unknown.getMessage().contains("Unknown backend 'cuda' (set by code)"), unknown.getMessage());
        assertTrue(
                unknown.getMessage().contains("ejml") && unknown.getMessage().contains("libOpenCL.so not found"),
                unknown.getMessage());
        IllegalStateException unavailable = assertThrows(
                IllegalStateException.class,
                () -> selector.create(isolated().backend("opencl").build()));
        assertTrue(
                unavailable.getMessage().startsWith("Backend 'opencl' (set by code) is unavailable: no OpenCL"),
                unavailable.getMessage());
    }

    @Test
    void guiceProvidesTheConfiguredBackendAndBoundExtras() {
        Activation square = Activations.of("square", x -> x.mul(x));
        Injector injector =
                Guice.createInjector(new GliaModule(isolated().backend("fake").build()), new AbstractModule() {
                    @Override
                    protected void configure() {
                        Multibinder.newSetBinder(binder(), BackendProvider.class)
                                .addBinding()
                                .toInstance(new FakeProvider("fake", 1, Availability.availableByNameOnly("test")));
                        MapBinder.newMapBinder(binder(), String.class, Activation.class)
                                .addBinding("square")
                                .toInstance(square);
                    }
                });
        try (Backend backend = injector.getInstance(Backend.class)) {
            assertSame(backend, injector.getInstance(Backend.class), "the backend is a singleton");
            assertEquals("reference", backend.name());
        }
        Activations activations = injector.getInstance(Activations.class);
        assertSame(square, activations.get("square"));
        assertTrue(activations.ids().containsAll(List.of("identity", "relu", "sigmoid", "softmax", "tanh")));
    }

    @Test
    void guiceReportsAnUnknownBackendClearly() {
        Injector injector =
                Guice.createInjector(new GliaModule(isolated().backend("nope").build()));
        ProvisionException e = assertThrows(ProvisionException.class, () -> injector.getInstance(Backend.class));
        assertTrue(e.getMessage().contains("Unknown backend 'nope'"), e.getMessage());
    }

    @Test
    void twoActivationsWithOneIdFailNamingBothClasses() {
        Activation a = Activations.of("dup", x -> x);
        Activation b = new Activation() {
            @Override
            public String id() {
                return "dup";
            }

            @Override
            public void forward(dev.glia.api.Workspace ws, dev.glia.api.Tensor x, dev.glia.api.Tensor y) {}

            @Override
            public void backward(
                    dev.glia.api.Workspace ws,
                    dev.glia.api.Tensor x,
                    dev.glia.api.Tensor y,
                    dev.glia.api.Tensor dy,
                    dev.glia.api.Tensor dx) {}
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Activations.of(List.of(a, b)));
        assertTrue(
                e.getMessage().contains("'dup'")
                        && e.getMessage().contains(a.getClass().getName())
                        && e.getMessage().contains(b.getClass().getName()),
                e.getMessage());
        // a MapBinder key that is not the activation's id is a mistake too
        Injector injector = Guice.createInjector(new GliaModule(isolated().build()), new AbstractModule() {
            @Override
            protected void configure() {
                MapBinder.newMapBinder(binder(), String.class, Activation.class)
                        .addBinding("other")
                        .toInstance(a);
            }
        });
        assertThrows(ProvisionException.class, () -> injector.getInstance(Activations.class));
    }

    @Test
    void settingsMustStartWithGlia() {
        assertThrows(IllegalArgumentException.class, () -> GliaConfig.builder().set("backend", "x"));
    }
}
