package dev.glia.benchmarks.peers;

import dev.glia.benchmarks.spi.JarSwap;
import java.nio.file.Path;
import java.util.List;

/**
 * The OpenBLAS and JavaCPP jars that DL4J 1.0.0-M2.1 ships with (OpenBLAS 0.3.19), which the benchmarks
 * copy into the folder named by the system property {@value #FOLDER_PROPERTY} ({@code benchmarks/run} sets
 * it). Glia's ND4J backend pins a newer OpenBLAS that recognises current CPUs; the DL4J peer is measured as
 * its users get it, so its JVM gets these jars in place of the shared ones.
 */
final class ShippedBlas {
    static final String FOLDER_PROPERTY = "glia.bench.dl4jBlas";

    private ShippedBlas() {}

    /** {@code shared} with its {@code openblas-*} and {@code javacpp-*} jars replaced by those of the folder. */
    static List<String> swapInto(List<String> shared) {
        String folder = System.getProperty(FOLDER_PROPERTY);
        return JarSwap.replace(shared, folder == null ? null : Path.of(folder), List.of("openblas-", "javacpp-"));
    }

    /** The OpenBLAS version of the binding on this JVM's class path, from its jar's name, e.g. {@code 0.3.19}. */
    static String loadedVersion() {
        try {
            Class<?> binding = Class.forName("org.bytedeco.openblas.global.openblas_nolapack");
            String jar = Path.of(binding.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .getFileName()
                    .toString();
            return jar.replaceFirst("^openblas-", "").replaceFirst("-[0-9.]+\\.jar$", "");
        } catch (ReflectiveOperationException | java.net.URISyntaxException | RuntimeException e) {
            return "?";
        }
    }
}
