package dev.glia.backend.nd4j;

import dev.glia.api.Backend;
import dev.glia.api.spi.Availability;
import dev.glia.api.spi.BackendOptions;
import dev.glia.api.spi.BackendProvider;
import dev.glia.backend.nd4j.internal.Nd4jBackend;
import dev.glia.backend.nd4j.internal.Nd4jRuntime;

/**
 * Provides the native {@code nd4j} backend: FLOAT32 and FLOAT64 tensors in native host memory allocated
 * through ND4J (freed when closed), matrix products by OpenBLAS with the threads chosen per product,
 * element-wise expressions as fused loops over the native buffers. {@code auto} picks it over EJML
 * (rank 200) wherever its native library loads.
 *
 * <p>Options:
 * <ul>
 *   <li>{@code glia.nd4j.threads} — the most threads one operation may use (default: the number of
 *       processors the JVM sees). {@code 1} keeps every operation on the calling thread.</li>
 *   <li>{@code glia.nd4j.winograd} — {@code true} (the default) works float32 stride-1 convolutions with square
 *       kernels of 3 to 7 by Winograd's tile transforms, several times fewer multiplications, within the same
 *       float32 tolerance; {@code false} keeps every convolution on im2col and one product.</li>
 * </ul>
 *
 * <p>The probe loads ND4J's native library once per JVM (about a second; on the very first run on a machine
 * JavaCPP also unpacks it into {@code ~/.javacpp/cache}) and never throws: a missing or broken native
 * library, an unsupported platform or a failing ND4J start-up is reported as unavailable with the reason,
 * and {@code auto} then falls back to the next backend.
 */
public final class Nd4jBackendProvider implements BackendProvider {
    /** The option that caps the threads of one operation. */
    public static final String THREADS_OPTION = "glia.nd4j.threads";
    /** The option that turns Winograd's convolutions off ({@code false}) or on ({@code true}, the default). */
    public static final String WINOGRAD_OPTION = "glia.nd4j.winograd";

    /** Used by {@link java.util.ServiceLoader}. */
    public Nd4jBackendProvider() {}

    @Override
    public String name() {
        return Nd4jBackend.NAME;
    }

    /** 200: above EJML (100), below OpenCL on a GPU (300). */
    @Override
    public int rank() {
        return 200;
    }

    /** Available with the library versions and threads, or unavailable with why the native library did not load. */
    @Override
    public Availability probe(BackendOptions options) {
        int threads;
        try {
            threads = threads(options);
            winograd(options);
        } catch (IllegalArgumentException e) {
            return Availability.unavailable(e.getMessage());
        }
        try {
            Availability loaded = Nd4jRuntime.probe();
            return loaded.available() ? Availability.available(Nd4jRuntime.describe(threads)) : loaded;
        } catch (RuntimeException | LinkageError e) {
            // Nd4jRuntime catches everything itself; this only guards against its own classes missing.
            return Availability.unavailable("ND4J could not be probed: " + e);
        }
    }

    /** Creates the backend; fails with the probe's reason when ND4J's native library is unavailable. */
    @Override
    public Backend create(BackendOptions options) {
        int threads = threads(options);
        boolean winograd = winograd(options);
        Availability a = Nd4jRuntime.probe();
        if (!a.available()) {
            throw new IllegalStateException("The nd4j backend is unavailable: " + a.detail());
        }
        return new Nd4jBackend(threads, winograd);
    }

    /** The {@link #WINOGRAD_OPTION} value, {@code true} when unset. */
    static boolean winograd(BackendOptions options) {
        String raw = options.get(WINOGRAD_OPTION).orElse(null);
        if (raw == null || raw.isBlank() || raw.trim().equalsIgnoreCase("true")) {
            return true;
        }
        if (raw.trim().equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(WINOGRAD_OPTION + " must be true or false, got '" + raw + "'");
    }

    /** The {@link #THREADS_OPTION} value, or the processors the JVM sees. */
    static int threads(BackendOptions options) {
        String raw = options.get(THREADS_OPTION).orElse(null);
        if (raw == null || raw.isBlank()) {
            return Math.max(1, Runtime.getRuntime().availableProcessors());
        }
        try {
            int t = Integer.parseInt(raw.trim());
            if (t >= 1 && t <= 1024) {
                return t;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                THREADS_OPTION + " must be a whole number from 1 to 1024, got '" + raw + "'");
    }
}
