package dev.glia.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.core.Network;
import dev.glia.testkit.ReferenceBackend;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saving is atomic under {@code kill -9}: a child JVM saves two networks in turn over one file, and is killed
 * (SIGKILL, no shutdown hooks) at seeded random moments. After every kill the file loads and holds exactly one
 * of the two networks, never a mix or a torn write; the next save removes the temporary files the killed
 * writers left.
 */
class ModelFileKillTest {
    private static final int KILLS = 8;
    private static final int WIDTH = 600;

    @TempDir
    Path dir;

    /** The two networks the child alternates between, by seed. */
    static Network network(Backend backend, long seed) {
        return Network.builder(backend)
                .seed(seed)
                .input(WIDTH)
                .dense(WIDTH, "relu")
                .dense(10, "softmax")
                .build();
    }

    @Test
    void aKilledSaveLeavesAWholeFile() throws Exception {
        Path file = dir.resolve("model.safetensors");
        float[][] probe = new float[1][WIDTH];
        for (int i = 0; i < WIDTH; i++) {
            probe[0][i] = (float) Math.sin(i);
        }
        List<float[]> expected = new ArrayList<>();
        try (Backend backend = new ReferenceBackend()) {
            for (long seed = 1; seed <= 2; seed++) {
                try (Network n = network(backend, seed)) {
                    expected.add(n.predict(probe)[0]);
                }
            }
        }
        Random random = new Random(2026);
        int leftTemporaries = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = startSaveLoop(file);
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                assertEquals("saved", lines.readLine(), "the child saved once before being killed");
                Thread.sleep(random.nextInt(150));
                child.destroyForcibly(); // SIGKILL on Linux
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child died");
            }
            try (Backend backend = new ReferenceBackend();
                    Network loaded = ModelFile.load(file, backend)) {
                float[] y = loaded.predict(probe)[0];
                assertTrue(
                        java.util.Arrays.equals(y, expected.get(0)) || java.util.Arrays.equals(y, expected.get(1)),
                        "after kill " + (kill + 1) + " the file holds one of the two networks exactly");
            }
            try (Stream<Path> files = Files.list(dir)) {
                leftTemporaries += (int) files.filter(p -> !p.equals(file)).count();
            }
        }
        System.out.println("ModelFileKillTest: " + KILLS + " kills, temporary files left behind: " + leftTemporaries);
        try (Backend backend = new ReferenceBackend();
                Network n = network(backend, 1)) {
            ModelFile.save(n, file);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "the next save removed the dead writers' temporary files");
        }
    }

    private static Process startSaveLoop(Path file) throws java.io.IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                SaveLoop.class.getName(),
                file.toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    /** The child: saves network 1, says "saved", then saves networks 2, 1, 2, ... over the same file until killed. */
    public static final class SaveLoop {
        private SaveLoop() {}

        /** Entry point of the child JVM. */
        public static void main(String[] args) {
            Path file = Path.of(args[0]);
            try (Backend backend = new ReferenceBackend();
                    Network a = network(backend, 1);
                    Network b = network(backend, 2)) {
                ModelFile.save(a, file);
                System.out.println("saved");
                System.out.flush();
                for (int i = 0; ; i++) {
                    ModelFile.save(i % 2 == 0 ? b : a, file);
                }
            }
        }
    }
}
