package com.example.glia.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.glia.api.Backend;
import dev.glia.core.activations.Activations;
import dev.glia.core.config.Backends;
import dev.glia.core.config.GliaConfig;
import dev.glia.core.config.GliaModule;
import dev.glia.core.io.ModelFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** The run whose class path holds a glia.properties naming ejml. */
@EnabledIfSystemProperty(named = "consumer.config", matches = "ejml")
class EjmlFromPropertiesTest {

    @Test
    void theBackendComesFromGliaPropertiesThroughBothDoors() {
        GliaConfig config = GliaConfig.fromEnvironment();
        assertEquals("ejml", config.backend());
        assertEquals("glia.properties on the class path", config.origin(GliaConfig.BACKEND));
        try (Backend plain = Backends.create()) {
            assertEquals("ejml", plain.name());
        }
        // the dependency-injection door, with the plugin in the activations registry it provides
        Injector injector = Guice.createInjector(new GliaModule(config));
        try (Backend injected = injector.getInstance(Backend.class)) {
            assertEquals("ejml", injected.name());
        }
        assertEquals(
                "bent_identity",
                injector.getInstance(Activations.class).get("bent_identity").id());
    }

    @Test
    void thePluginIsFoundInItsOwnJar() {
        String origin = Activations.origin(Activations.discover().get("bent_identity"));
        assertTrue(origin.endsWith(".jar") && origin.contains("glia-bent-identity"), origin);
    }

    @Test
    void trainsXorWithThePluginSavesAndReloads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("xor.glia");
        XorApp.Outcome o = XorApp.run(file);
        assertEquals("ejml", o.backend());
        for (int i = 0; i < XorApp.INPUTS.length; i++) {
            assertEquals(XorApp.TARGETS[i][0], o.trained()[i][0], 0.1, "output " + i + ", loss " + o.finalLoss());
            assertArrayEquals(o.trained()[i], o.reloaded()[i], "the reloaded model computes the same outputs");
        }
        String header = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("bent_identity"), "the model file names the plugin's activation id");

        // without the plugin, loading names the missing id, the ids present and where to get it
        try (Backend backend = Backends.create()) {
            Exception e = assertThrows(
                    RuntimeException.class,
                    () -> ModelFile.load(file, backend, Activations.catalogue()).close());
            String message = String.valueOf(e.getMessage());
            assertTrue(
                    message.contains("bent_identity") && message.contains("relu") && message.contains("plugin's jar"),
                    message);
        }
    }
}
