package dev.glia.benchmarks.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Gives one system's JVM other versions of some libraries than the shared class path holds: the jars of a
 * folder replace every entry whose file name starts with one of the given prefixes ({@code openblas-},
 * {@code javacpp-}). Used by {@link BenchSystem#classPath} implementations.
 */
public final class JarSwap {
    private JarSwap() {}

    /**
     * {@code shared} without the entries whose file name starts with one of {@code prefixes}, followed by the
     * jars of {@code folder} in name order; {@code shared} unchanged when {@code folder} is null, missing or
     * holds no jar (the caller then runs on the shared versions).
     */
    public static List<String> replace(List<String> shared, Path folder, List<String> prefixes) {
        if (folder == null || !Files.isDirectory(folder)) {
            return shared;
        }
        List<String> jars;
        try (Stream<Path> files = Files.list(folder)) {
            jars = files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .map(Path::toString)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
        if (jars.isEmpty()) {
            return shared;
        }
        List<String> result = new ArrayList<>();
        for (String entry : shared) {
            String name = Path.of(entry).getFileName().toString();
            if (prefixes.stream().noneMatch(name::startsWith)) {
                result.add(entry);
            }
        }
        result.addAll(jars);
        return result;
    }
}
