package com.example.glia.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glia.core.config.GliaConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** The run whose class path holds a glia.properties naming reference: the same code, another backend. */
@EnabledIfSystemProperty(named = "consumer.config", matches = "reference")
class ReferenceFromPropertiesTest {

    @Test
    void theSameApplicationRunsOnTheBackendThatGliaPropertiesNames(@TempDir Path dir) {
        assertEquals("reference", GliaConfig.fromEnvironment().backend());
        XorApp.Outcome o = XorApp.run(dir.resolve("xor.glia"));
        assertEquals("reference", o.backend());
        for (int i = 0; i < XorApp.INPUTS.length; i++) {
            assertEquals(XorApp.TARGETS[i][0], o.trained()[i][0], 0.1, "output " + i + ", loss " + o.finalLoss());
            assertArrayEquals(o.trained()[i], o.reloaded()[i]);
        }
    }
}
