package dev.glia.backend.ejml;

import dev.glia.api.Backend;
import dev.glia.api.spi.Availability;
import dev.glia.api.spi.BackendOptions;
import dev.glia.api.spi.BackendProvider;
import dev.glia.backend.ejml.internal.EjmlBackend;
import java.util.Locale;
import org.ejml.concurrency.EjmlConcurrency;

/**
 * Provides the pure-Java {@code ejml} backend: FLOAT32 tensors on the Java heap as EJML matrices,
 * matrix products by the backend's own row-panel FMA kernel (split over EJML's thread pool),
 * element-wise expressions compiled once into fused loops. It runs wherever Java does, so it
 * is always available, and {@code auto} picks it when nothing faster is (rank 100).
 *
 * <p>Options:
 * <ul>
 *   <li>{@code glia.ejml.concurrent} — {@code true} (default) lets large matrix products use EJML's
 *       shared thread pool, whose size is the number of processors; {@code false} keeps every
 *       operation on the calling thread.</li>
 * </ul>
 */
public final class EjmlBackendProvider implements BackendProvider {
    /** The option that turns multi-threaded matrix products on or off. */
    public static final String CONCURRENT_OPTION = "glia.ejml.concurrent";

    /** Used by {@link java.util.ServiceLoader}. */
    public EjmlBackendProvider() {}

    @Override
    public String name() {
        return EjmlBackend.NAME;
    }

    /** 100: below the native and GPU backends. */
    @Override
    public int rank() {
        return 100;
    }

    /** Available, with the library version and thread count; unavailable only when a library is missing. */
    @Override
    public Availability probe(BackendOptions options) {
        try {
            int threads = threads(options);
            Class.forName("org.codehaus.janino.SimpleCompiler", false, EjmlBackendProvider.class.getClassLoader());
            return Availability.available(EjmlBackend.describe(threads));
        } catch (IllegalArgumentException e) {
            return Availability.unavailable(e.getMessage());
        } catch (ClassNotFoundException | LinkageError e) {
            return Availability.unavailable("EJML or Janino is missing from the class path (" + e
                    + "); add org.ejml:ejml-fdense and org.codehaus.janino:janino");
        }
    }

    @Override
    public Backend create(BackendOptions options) {
        return new EjmlBackend(threads(options));
    }

    /** The threads large matrix products may use: EJML's pool size, or 1 when concurrency is off. */
    private static int threads(BackendOptions options) {
        String raw = options.get(CONCURRENT_OPTION, "true");
        String value = raw.trim().toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(CONCURRENT_OPTION + " must be true or false, got '" + raw + "'");
        }
        return value.equals("true") ? Math.max(1, EjmlConcurrency.getMaxThreads()) : 1;
    }
}
