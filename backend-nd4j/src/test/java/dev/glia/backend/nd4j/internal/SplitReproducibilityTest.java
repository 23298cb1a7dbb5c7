package dev.glia.backend.nd4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The cause of issue 11's irreproducible ND4J runs, kept as a regression test. OpenBLAS does not always give
 * an element of a product the same bits when the product is cut into blocks: on its Haswell kernels (which
 * it picks on AVX2 processors) every large product of an MLP 784-256-128-10 changes in some elements when cut
 * in two. The backend once chose per call, by timing, whether to cut a product, so the same seed trained
 * different weights from run to run. {@link RepeatedProductMain} runs in a JVM with
 * {@code OPENBLAS_CORETYPE=Haswell}: it shows that the hazard is there, and that 40 calls of the backend's
 * {@code gemm} on the same operands still agree bit for bit (the old chooser split some and not others).
 */
class SplitReproducibilityTest {

    @Test
    void repeatedProductsAgreeBitForBitOnKernelsWhereACutChangesTheBits() throws IOException, InterruptedException {
        assumeTrue(
                hasAvx2AndFma(),
                "NOTICE: skipped: OpenBLAS's Haswell kernels need an x86-64 processor with AVX2 and FMA");
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                RepeatedProductMain.class.getName());
        pb.environment().put("OPENBLAS_CORETYPE", "Haswell");
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM did not end");
        assertEquals(0, p.exitValue(), "the child JVM failed:\n" + out);
        List<String> lines = out.lines()
                .filter(l -> l.startsWith("hazard ") || l.startsWith("repeats "))
                .toList();
        assertEquals(4, lines.size(), out);
        assumeTrue(
                count(out, "hazard forward") > 0 || count(out, "hazard weight-gradient") > 0,
                "NOTICE: skipped: here OpenBLAS's Haswell kernels give a cut product the same bits, so this test"
                        + " cannot see the hazard:\n" + out);
        assertEquals(0, count(out, "repeats forward"), "forward products differed between calls:\n" + out);
        assertEquals(
                0, count(out, "repeats weight-gradient"), "weight-gradient products differed between calls:\n" + out);
    }

    private static int count(String out, String prefix) {
        return out.lines()
                .filter(l -> l.startsWith(prefix + " "))
                .mapToInt(l -> Integer.parseInt(l.substring(prefix.length() + 1).trim()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + prefix + "' in:\n" + out));
    }

    private static boolean hasAvx2AndFma() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        String arch = System.getProperty("os.arch");
        if (!(arch.equals("amd64") || arch.equals("x86_64")) || !Files.isReadable(cpuinfo)) {
            return false;
        }
        String flags = Files.readAllLines(cpuinfo).stream()
                .filter(l -> l.startsWith("flags"))
                .findFirst()
                .orElse("");
        return flags.contains(" avx2") && flags.contains(" fma");
    }
}
