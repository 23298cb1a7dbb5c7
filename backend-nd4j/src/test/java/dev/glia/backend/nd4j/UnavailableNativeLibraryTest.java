package dev.glia.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Where ND4J cannot start, the probe says why, never throws, and {@code auto} falls back to EJML. Each case
 * runs {@link ProbeMain} in a JVM of its own, because ND4J's failed static start-up cannot be undone.
 */
class UnavailableNativeLibraryTest {

    /** Runs {@link ProbeMain} with {@code classPath} and extra JVM options; returns its output. */
    private static String probeInChildJvm(String classPath, String... jvmOptions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(jvmOptions));
        command.add("-cp");
        command.add(classPath);
        command.add(ProbeMain.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM did not end");
        assertEquals(0, p.exitValue(), "the child JVM failed:\n" + out);
        return out;
    }

    private static void assertFellBackToEjml(String out) {
        assertTrue(out.contains("probe=false|ND4J's native library could not be started: "), out);
        assertTrue(out.contains("again=false|true"), "the second probe gives the same reason:\n" + out);
        assertTrue(out.contains("auto=ejml"), out);
        assertTrue(
                out.lines().anyMatch(l -> l.contains("nd4j") && l.contains("rank 200") && l.contains("unavailable")),
                "the report lists nd4j as unavailable:\n" + out);
        assertTrue(out.contains("named=failed|Backend 'nd4j'") && out.contains("is unavailable"), out);
    }

    @Test
    void nativeLibraryForAnotherPlatformIsReportedAndAutoFallsBack() throws Exception {
        // JavaCPP looks for the binaries of the platform it is told, which no jar has.
        String out =
                probeInChildJvm(System.getProperty("java.class.path"), "-Dorg.bytedeco.javacpp.platform=linux-bogus");
        assertFellBackToEjml(out);
        assertTrue(out.contains("UnsatisfiedLinkError"), out);
    }

    @Test
    void missingNd4jJarsAreReportedAndAutoFallsBack() throws Exception {
        String withoutNd4j = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.replace('\\', '/').contains("/org/nd4j/")
                        && !e.replace('\\', '/').contains("/org/bytedeco/"))
                .collect(Collectors.joining(File.pathSeparator));
        String out = probeInChildJvm(withoutNd4j);
        assertFellBackToEjml(out);
        assertTrue(out.contains("NoClassDefFoundError"), out);
    }
}
