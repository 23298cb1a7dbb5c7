package dev.glia.backend.opencl.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jocl.cl_kernel;
import org.jocl.cl_program;

/**
 * Programs built from the {@code .cl} resources, once per (file, build options) on this backend's
 * device, and their kernels, once per name. Everything is released on {@link #close()}.
 */
final class ProgramCache implements AutoCloseable {
    private record ProgramKey(String file, String options) {}

    private record KernelKey(ProgramKey program, String name) {}

    private final ClContext cl;
    private final Map<ProgramKey, cl_program> programs = new HashMap<>();
    private final Map<KernelKey, cl_kernel> kernels = new HashMap<>();

    ProgramCache(ClContext cl) {
        this.cl = cl;
    }

    /** Kernel {@code name} of resource {@code file} built with {@code options}; built on first use. */
    cl_kernel kernel(String file, String options, String name) {
        ProgramKey pk = new ProgramKey(file, options);
        KernelKey kk = new KernelKey(pk, name);
        cl_kernel k = kernels.get(kk);
        if (k == null) {
            cl_program p = programs.get(pk);
            if (p == null) {
                p = cl.build(file, KernelSources.program(KernelSources.resource(file)), options);
                programs.put(pk, p);
            }
            k = cl.kernel(p, name);
            kernels.put(kk, k);
        }
        return k;
    }

    /** Number of programs built, for tests. */
    int programCount() {
        return programs.size();
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        kernels.values().forEach(k -> run(() -> cl.release(k), failures));
        kernels.clear();
        programs.values().forEach(p -> run(() -> cl.release(p), failures));
        programs.clear();
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    static void run(Runnable r, List<RuntimeException> failures) {
        try {
            r.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }
}
