package dev.glia.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Running out of native memory (here: JavaCPP's cap of four times -Xmx, in a JVM of its own) fails the one
 * allocation with a {@link dev.glia.api.TensorAllocationException} (not an {@link OutOfMemoryError}) that names
 * the tensor and the setting, and the backend stays
 * usable.
 */
class NativeMemoryCapTest {

    @Test
    void outOfNativeMemoryNamesTheTensorAndTheSetting() throws Exception {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m",
                "-cp",
                System.getProperty("java.class.path"),
                AllocateMain.class.getName(),
                "64");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM did not end");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("failed=Cannot allocate a tensor [64, 256, 1024] FLOAT32"), out);
        assertTrue(out.contains("org.bytedeco.javacpp.maxPhysicalBytes"), out);
        assertTrue(out.contains("still usable=4"), out);
    }
}
