package com.example.glia.app;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** The run whose glia.properties names a backend that does not exist: start-up stops with one clear message. */
@EnabledIfSystemProperty(named = "consumer.config", matches = "bogus")
class BogusFromPropertiesTest {

    @Test
    void anUnknownBackendFailsNamingTheSettingAndTheKnownBackends(@TempDir Path dir) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> XorApp.run(dir.resolve("xor.glia")));
        String message = String.valueOf(e.getMessage());
        assertTrue(message.contains("Unknown backend 'bogus'"), message);
        assertTrue(message.contains("glia.properties on the class path"), message);
        assertTrue(message.contains("ejml"), "lists the backends present: " + message);
    }
}
