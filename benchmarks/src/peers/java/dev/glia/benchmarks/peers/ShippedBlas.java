package dev.glia.benchmarks.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The OpenBLAS and JavaCPP jars that DL4J 1.0.0-M2.1 ships with (OpenBLAS 0.3.19), which the benchmarks
 * copy into the folder named by the system property {@value #FOLDER_PROPERTY} ({@code benchmarks/run} sets
 * it). Glia's ND4J backend pins a newer OpenBLAS that recognises current CPUs; the DL4J peer is measured as
 * its users get it, so its JVM gets these jars in place of the shared ones.
 */
final class ShippedBlas {
    static final String FOLDER_PROPERTY = "glia.bench.dl4jBlas";

    private ShippedBlas() {
    }

    /**
     * {@code shared} with its {@code openblas-*} and {@code javacpp-*} jars replaced by those of the folder;
     * {@code shared} unchanged when the property is unset or the folder holds no jar.
     */
    static List<String> swapInto(List<String> shared) {
        String folder = System.getProperty(FOLDER_PROPERTY);
        if (folder == null || !Files.isDirectory(Path.of(folder))) {
            return shared;
        }
        List<String> jars;
        try (Stream<Path> files = Files.list(Path.of(folder))) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).map(Path::toString).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
        if (jars.isEmpty()) {
            return shared;
        }
        List<String> result = new ArrayList<>();
        for (String entry : shared) {
            String name = Path.of(entry).getFileName().toString();
            if (!(name.startsWith("openblas-") || name.startsWith("javacpp-"))) {
                result.add(entry);
            }
        }
        result.addAll(jars);
        return result;
    }

    /** The OpenBLAS version of the binding on this JVM's class path, from its jar's name, e.g. {@code 0.3.19}. */
    static String loadedVersion() {
        try {
            Class<?> binding = Class.forName("org.bytedeco.openblas.global.openblas_nolapack");
            String jar = Path.of(binding.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getFileName().toString();
            return jar.replaceFirst("^openblas-", "").replaceFirst("-[0-9.]+\\.jar$", "");
        } catch (ReflectiveOperationException | java.net.URISyntaxException | RuntimeException e) {
            return "?";
        }
    }
}
