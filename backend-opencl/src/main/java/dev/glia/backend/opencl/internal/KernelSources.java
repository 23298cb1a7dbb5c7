package dev.glia.backend.opencl.internal;

import dev.glia.api.DType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code .cl} resources under {@code dev/glia/backend/opencl/kernels/}: one file per op family
 * ({@code gemm.cl}, {@code reduce.cl}, {@code elementwise.cl}) and the shared header
 * {@code common.h}, which is prepended to every program.
 */
final class KernelSources {
    private static final String ROOT = "/dev/glia/backend/opencl/kernels/";
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private KernelSources() {}

    /** The text of resource {@code name}. */
    static String resource(String name) {
        return CACHE.computeIfAbsent(name, KernelSources::load);
    }

    /** The shared header followed by {@code body}. */
    static String program(String body) {
        return resource("common.h") + "\n" + body;
    }

    /** The build options that select the element type. */
    static String typeOptions(DType dtype) {
        return dtype == DType.FLOAT64 ? "-DGLIA_FP64" : "";
    }

    private static String load(String name) {
        try (InputStream in = KernelSources.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("The kernel resource " + ROOT + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the kernel resource " + ROOT + name + " failed", e);
        }
    }
}
