package dev.glia.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glia.core.Network;
import dev.glia.testkit.ReferenceBackend;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a crashed save leaves is removed by the next save into the directory; a save in progress, in this JVM or
 * another, never is; and a model file gets the permissions any file the user writes gets.
 */
class TemporaryFilesTest {
    @TempDir
    Path dir;

    private final ReferenceBackend backend = new ReferenceBackend();

    @AfterEach
    void close() {
        backend.close();
    }

    private Network network(long seed) {
        return Network.builder(backend).seed(seed).input(3).dense(2, "relu").build();
    }

    private Set<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void aSaveKilledMidWriteLeavesAFileThatTheNextSaveRemovesOnceItsWriterIsGone() throws Exception {
        Path target = dir.resolve("model.safetensors");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        InterruptedSaveMain.class.getName(),
                        target.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals("writing"));
            assertEquals("writing", line, "the child started writing");
            String leftover = ".model.safetensors.glia-" + child.pid() + "-";
            assertTrue(
                    names().stream().anyMatch(n -> n.startsWith(leftover) && n.endsWith(".tmp")), names().toString());
            // while the child lives, its save is in progress: a save here keeps it
            try (Network net = network(1)) {
                ModelFile.save(net, target);
            }
            assertTrue(names().stream().anyMatch(n -> n.startsWith(leftover)), "kept while writing: " + names());
        } finally {
            child.destroyForcibly(); // SIGKILL, as kill -9
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(
                names().stream().anyMatch(n -> n.startsWith(".model.safetensors.glia-" + child.pid())),
                "kill -9 left the temporary file behind: " + names());
        try (Network net = network(2)) {
            ModelFile.save(net, dir.resolve("other.safetensors"));
            assertEquals(Set.of("model.safetensors", "other.safetensors"), names(), "removed by the next save");
            try (Network back = ModelFile.load(dir.resolve("other.safetensors"), backend)) {
                assertArrayEquals(
                        net.predict(new float[][] {{1, 2, 3}})[0], back.predict(new float[][] {{1, 2, 3}})[0]);
            }
        }
    }

    @Test
    void aSaveInProgressInThisJvmIsNeverRemoved() throws Exception {
        Path slow = dir.resolve("slow.safetensors");
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Network first = network(1);
                Network second = network(2)) {
            Future<?> save =
                    pool.submit(() -> ModelFile.save(first, slow, Map.of(), c -> blocking(c, writing, release)));
            assertTrue(writing.await(30, TimeUnit.SECONDS));
            Set<String> during = names();
            assertEquals(1, during.size(), during.toString());
            String tmp = during.iterator().next();
            assertTrue(
                    tmp.matches("\\.slow\\.safetensors\\.glia-"
                            + ProcessHandle.current().pid() + "-[0-9a-z]+\\.tmp"),
                    tmp);
            ModelFile.save(second, dir.resolve("fast.safetensors"));
            assertTrue(names().contains(tmp), "this JVM's save in progress was kept: " + names());
            release.countDown();
            save.get(30, TimeUnit.SECONDS);
            assertEquals(Set.of("slow.safetensors", "fast.safetensors"), names());
            try (Network back = ModelFile.load(slow, backend)) {
                assertArrayEquals(
                        first.predict(new float[][] {{1, 2, 3}})[0], back.predict(new float[][] {{1, 2, 3}})[0]);
            }
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    private static WritableByteChannel blocking(
            WritableByteChannel inner, CountDownLatch writing, CountDownLatch release) {
        return new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) throws IOException {
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                return inner.write(src);
            }

            @Override
            public boolean isOpen() {
                return inner.isOpen();
            }

            @Override
            public void close() throws IOException {
                inner.close();
            }
        };
    }

    @Test
    void leftoversOfThisPidAndOfTheOlderPatternAreRemovedOthersAreKept() throws Exception {
        long pid = ProcessHandle.current().pid();
        // a process that has ended: its PID names a writer that is gone
        Process ended = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true)
                .start();
        ended.getInputStream().readAllBytes();
        assertTrue(ended.waitFor(30, TimeUnit.SECONDS));
        Instant old = Instant.now().minus(TemporaryFiles.OLD_PATTERN_AGE).minusSeconds(60);
        List<String> stale = List.of(
                ".model.safetensors.glia-" + ended.pid() + "-abc123.tmp", // writer gone (killed)
                ".a.safetensors.glia-" + pid + "-zz9.tmp", // this PID, not in flight: an earlier process
                ".model.safetensors.1234567890123456789.tmp"); // Files.createTempFile's, untouched for long
        List<String> kept = List.of(
                ".model.safetensors.987654321.tmp", // older pattern, but written just now
                ".other.safetensors.1234567890.tmp", // older pattern of another target
                ".notes.tmp",
                "model.safetensors.tmp",
                ".x.glia-12-.tmp", // not Glia's
                ".b.safetensors.glia-"
                        + ProcessHandle.current().parent().orElseThrow().pid() + "-q1.tmp"); // alive
        for (String name : stale) {
            Files.writeString(dir.resolve(name), "partial");
        }
        for (String name : kept) {
            Files.writeString(dir.resolve(name), "partial");
        }
        Files.setLastModifiedTime(dir.resolve(stale.get(2)), FileTime.from(old));
        Files.setLastModifiedTime(dir.resolve(kept.get(1)), FileTime.from(old));
        try (Network net = network(1)) {
            ModelFile.save(net, dir.resolve("model.safetensors"));
        }
        Set<String> names = names();
        for (String name : stale) {
            assertFalse(names.contains(name), name + " should have been removed: " + names);
        }
        for (String name : kept) {
            assertTrue(names.contains(name), name + " should have been kept: " + names);
        }
    }

    @Test
    void aModelFileHasTheUmasksPermissionsAndAReplacedOneKeepsItsOwn() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "no POSIX permissions");
        Path model = dir.resolve("model.safetensors");
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        try (Network net = network(1)) {
            ModelFile.save(net, model);
            assertEquals(
                    Files.getPosixFilePermissions(plain),
                    Files.getPosixFilePermissions(model),
                    "as a file created in the same directory; "
                            + PosixFilePermissions.toString(Files.getPosixFilePermissions(model)));
            Files.setPosixFilePermissions(model, PosixFilePermissions.fromString("rw-r-----"));
            ModelFile.save(net, model);
            assertEquals(
                    "rw-r-----",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(model)),
                    "a replaced file keeps its permissions");
        }
    }
}
