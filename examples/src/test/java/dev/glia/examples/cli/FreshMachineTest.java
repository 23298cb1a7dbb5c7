package dev.glia.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line on a machine without OpenCL, as a new user meets it: an unloadable {@code libOpenCL.so}
 * comes first on {@code LD_LIBRARY_PATH} and no ICD is registered. {@code glia xor} and {@code glia backends}
 * work, say nothing on standard error, and {@code backends} tells why OpenCL is unavailable.
 */
class FreshMachineTest {

    private record Child(int status, String out, String err) {}

    private static Child glia(Path fakeLibDir, String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(
                List.of(java.toString(), "-cp", System.getProperty("java.class.path"), GliaCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("LD_LIBRARY_PATH", fakeLibDir.toString());
        pb.environment()
                .put(
                        "OCL_ICD_VENDORS",
                        Files.createDirectories(fakeLibDir.resolve("vendors")).toString());
        pb.environment().remove("GLIA_BACKEND");
        Path err = fakeLibDir.resolve("stderr.txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "glia " + String.join(" ", args) + " finished");
        return new Child(p.exitValue(), out, Files.readString(err));
    }

    @Test
    void xorAndBackendsRunCleanlyWithoutOpenCl(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(
                System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"),
                "needs Linux's LD_LIBRARY_PATH");
        Files.write(dir.resolve("libOpenCL.so"), new byte[0]);

        Child xor = glia(dir, "xor");
        assertEquals(0, xor.status(), xor.out() + xor.err());
        assertEquals("", xor.err(), "nothing on standard error");
        assertTrue(xor.out().contains("Outputs equal the targets 0, 1, 1, 0 exactly: yes"), xor.out());

        Child backends = glia(dir, "backends");
        assertEquals(0, backends.status(), backends.out() + backends.err());
        assertEquals("", backends.err(), "nothing on standard error");
        assertTrue(
                backends.out().contains("opencl     rank 300  unavailable")
                        && backends.out()
                                .contains("libOpenCL.so at " + dir.resolve("libOpenCL.so") + " cannot be loaded")
                        && backends.out().contains("apt-get install ocl-icd-opencl-dev pocl-opencl-icd"),
                backends.out());
    }
}
