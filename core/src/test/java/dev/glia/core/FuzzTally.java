package dev.glia.core;

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
 * What the readers' fuzz targets share (docs/fuzzing.md): the rule for an acceptable error, the count of
 * executions and findings printed when a target ends, and the run over the pending findings.
 */
public final class FuzzTally {
    private FuzzTally() {
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

    /** Runs {@code body}, counting what escapes it (a failing execution) before passing it on to Jazzer. */
    public static void countFailures(AtomicLong findings, Runnable body) {
        try {
            body.run();
        } catch (RuntimeException | Error e) {
            findings.incrementAndGet();
            throw e;
        }
    }

    /**
     * Prints one line per target: executions, duration, rate, the executions that failed and the new finding
     * files Jazzer wrote into {@code inputs} (under the module's {@code src/test/resources}), one per distinct
     * stack trace. When fuzzing found anything it then fails (Jazzer, told to keep going after a finding, reports
     * none to JUnit until it stops).
     */
    public static void report(String target, long runs, long failures, long startedMillis, String inputs) {
        double seconds = (System.currentTimeMillis() - startedMillis) / 1e3;
        boolean fuzzing = System.getenv("JAZZER_FUZZ") != null && !System.getenv("JAZZER_FUZZ").isEmpty();
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
        System.out.printf(Locale.ROOT, "fuzz tally %s (%s): %d executions in %.1f s (%.0f/s), %d failed, %d new"
                + " findings%s%n", target, fuzzing ? "fuzzing" : "regression", runs, seconds,
                runs / Math.max(seconds, 1e-3), failures, found.size(), found.isEmpty() ? "" : " " + found);
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
            inputs = files.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList();
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
    public static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the fuzzing directory " + dir, e);
        }
    }
}
