package com.example.glia.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.core.config.Backends;
import dev.glia.core.config.GliaConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** The run whose class path holds a glia.properties naming nd4j: the native backend, from Maven artifacts alone. */
@EnabledIfSystemProperty(named = "consumer.config", matches = "nd4j")
class Nd4jFromPropertiesTest {

    @Test
    void theNativeBackendComesFromGliaPropertiesWithThePinnedOpenBlas() {
        GliaConfig config = GliaConfig.fromEnvironment();
        assertEquals("nd4j", config.backend());
        try (Backend backend = Backends.create(config)) {
            assertEquals("nd4j", backend.name());
            // "0.3.31-1.5.13" is OpenBLAS 0.3.31 in JavaCPP 1.5.13's packaging
            String openblas = System.getProperty("consumer.openblas").replaceFirst("-[0-9.]+$", "");
            assertTrue(backend.description().contains("OpenBLAS " + openblas + ","), backend.description());
        }
    }

    @Test
    void trainsXorWithThePluginSavesAndReloads(@TempDir Path dir) {
        XorApp.Outcome o = XorApp.run(dir.resolve("xor.glia"));
        assertEquals("nd4j", o.backend());
        for (int i = 0; i < XorApp.INPUTS.length; i++) {
            assertEquals(XorApp.TARGETS[i][0], o.trained()[i][0], 0.1, "output " + i + ", loss " + o.finalLoss());
            for (int j = 0; j < o.trained()[i].length; j++) {
                assertEquals(o.trained()[i][j], o.reloaded()[i][j], 0, "the reloaded model computes the same outputs");
            }
        }
    }
}
