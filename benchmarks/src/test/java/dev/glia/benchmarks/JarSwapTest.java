package dev.glia.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.glia.benchmarks.spi.JarSwap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarSwapTest {
    private static final List<String> SHARED = List.of(
            "/b/glia-benchmarks.jar",
            "/lib/openblas-0.3.31-1.5.13.jar",
            "/lib/nd4j-native-1.0.0-M2.1.jar",
            "/lib/javacpp-1.5.13-linux-x86_64.jar",
            "/lib/classes");
    private static final List<String> PREFIXES = List.of("openblas-", "javacpp-");

    @Test
    void theFoldersJarsReplaceTheMatchingEntries(@TempDir Path dir) throws Exception {
        Path blas = Files.createFile(dir.resolve("openblas-0.3.19-1.5.7.jar"));
        Path cpp = Files.createFile(dir.resolve("javacpp-1.5.7.jar"));
        Files.createFile(dir.resolve("README.txt"));
        assertEquals(
                List.of(
                        "/b/glia-benchmarks.jar",
                        "/lib/nd4j-native-1.0.0-M2.1.jar",
                        "/lib/classes",
                        cpp.toString(),
                        blas.toString()),
                JarSwap.replace(SHARED, dir, PREFIXES));
    }

    @Test
    void withoutAFolderOrJarsTheSharedPathStays(@TempDir Path dir) {
        assertSame(SHARED, JarSwap.replace(SHARED, null, PREFIXES));
        assertSame(SHARED, JarSwap.replace(SHARED, dir.resolve("missing"), PREFIXES));
        assertSame(SHARED, JarSwap.replace(SHARED, dir, PREFIXES));
    }
}
