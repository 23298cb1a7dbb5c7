package dev.glia.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * What the readers' fuzz targets share (docs/fuzzing.md): a temporary file for each input, the rule for an
 * acceptable error, the count of executions and findings printed when a target ends, and the run over the
 * pending findings. A target starts a tally before its first input and finishes it after its last.
 */
public final class FuzzTally {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FuzzTally.class);

    private final String target;
    private final String inputs;
    private final Path dir;
    private final Path file;
    private final long started = System.currentTimeMillis();
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    private FuzzTally(String target, String inputs, Path dir, Path file) {
        this.target = target;
        this.inputs = inputs;
        this.dir = dir;
        this.file = file;
    }

    /**
     * Starts the tally of {@code target} (e.g. {@code IdxFuzzTest.read}), whose regression inputs and findings
     * live in {@code inputs} under the module's {@code src/test/resources}; {@link #file()} is a fresh temporary
     * file called {@code fileName}.
     */
    public static FuzzTally start(String target, String inputs, String fileName) throws IOException {
        Path dir = Files.createTempDirectory("glia-fuzz-");
        return new FuzzTally(target, inputs, dir, dir.resolve(fileName));
    }

    /** The temporary file the target writes each input to. */
    public Path file() {
        return file;
    }

    /** Runs one input's {@code body}, counting it, and counting what escapes it (a failing execution). */
    public void count(Runnable body) {
        runs.incrementAndGet();
        try {
            body.run();
        } catch (RuntimeException | Error e) {
            failures.incrementAndGet();
            throw e;
        }
    }

    /** Deletes the temporary file and prints the tally; after fuzzing that found anything, fails. */
    public void finish() {
        deleteTree(dir);
        report(target, runs.get(), failures.get(), started, inputs);
    }

    /** An input's body, which may throw. */
    @FunctionalInterface
    public interface Body {
        /** Runs the reader on {@code bytes}, the input called {@code name}. */
        void run(String name, byte[] bytes) throws IOException;
    }

    /**
     * A documented error is only acceptable with a message that says something, and not as the wrapper of an
     * Error (ImageIO's PNG reader, for one, turns an OutOfMemoryError into an IIOException).
     */
    public static void requireMessage(RuntimeException e) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            throw new AssertionError("a " + e.getClass().getSimpleName() + " without a message", e);
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof Error) {
                throw new AssertionError("a " + e.getClass().getSimpleName() + " caused by " + cause, e);
            }
        }
    }

    /**
     * Prints one line per target: executions, duration, rate, the executions that failed and the new finding
     * files Jazzer wrote into {@code inputs} (under the module's {@code src/test/resources}), one per distinct
     * stack trace. When fuzzing found anything it then fails (Jazzer, told to keep going after a finding, reports
     * none to JUnit until it stops).
     */
    private static void report(String target, long runs, long failures, long startedMillis, String inputs) {
        double seconds = (System.currentTimeMillis() - startedMillis) / 1e3;
        boolean fuzzing = System.getenv("JAZZER_FUZZ") != null
                && !System.getenv("JAZZER_FUZZ").isEmpty();
        List<String> found = new ArrayList<>();
        Path dir = Path.of("src", "test", "resources").resolve(inputs);
        if (fuzzing && Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    if (f.getFileName().toString().matches("(crash|timeout|oom|slow-unit|leak)-.*")
                            && Files.getLastModifiedTime(f).toMillis() >= startedMillis - 1000) {
                        found.add(f.getFileName().toString());
                    }
                }
            } catch (IOException e) {
                found.add("(cannot list " + dir + ": " + e + ")");
            }
        }
        LOG.info(String.format(
                Locale.ROOT,
                "fuzz tally %s (%s): %d executions in %.1f s (%.0f/s), %d failed, %d new" + " findings%s",
                target,
                fuzzing ? "fuzzing" : "regression",
                runs,
                seconds,
                runs / Math.max(seconds, 1e-3),
                failures,
                found.size(),
                found.isEmpty() ? "" : " " + found));
        if (fuzzing && failures > 0) {
            throw new AssertionError(target + ": " + failures + " executions failed; new finding files " + found
                    + " in src/test/resources/" + inputs + " (their stack traces are above)");
        }
    }

    /**
     * Runs {@code body} on every file under the class-path directory {@code resource} (relative to
     * {@code owner}'s package), returning one line per input that failed or took more than a second (a
     * hostile size claim that was believed).
     */
    public static List<String> runPending(Class<?> owner, String resource, Body body) throws IOException {
        URL url = owner.getResource(resource);
        if (url == null) {
            return List.of();
        }
        Path root;
        try {
            root = Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(url.toString(), e);
        }
        List<String> failures = new ArrayList<>();
        List<Path> inputs;
        try (Stream<Path> files = Files.walk(root)) {
            inputs = files.filter(Files::isRegularFile)
                    .sorted(Comparator.naturalOrder())
                    .toList();
        }
        for (Path input : inputs) {
            long start = System.nanoTime();
            try {
                body.run(input.getFileName().toString(), Files.readAllBytes(input));
                double seconds = (System.nanoTime() - start) / 1e9;
                if (seconds > 1) {
                    failures.add(String.format(Locale.ROOT, "%s: took %.1f s", root.relativize(input), seconds));
                }
            } catch (RuntimeException | Error | IOException e) {
                StringBuilder line = new StringBuilder(root.relativize(input) + ": " + e);
                StackTraceElement[] frames = e.getStackTrace();
                for (int i = 0; i < Math.min(4, frames.length); i++) {
                    line.append("\n    at ").append(frames[i]);
                }
                failures.add(line.toString());
            }
        }
        return failures;
    }

    /** Deletes {@code dir} and what it holds. */
    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the fuzzing directory " + dir, e);
        }
    }
}
