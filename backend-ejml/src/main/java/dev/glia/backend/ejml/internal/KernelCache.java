package dev.glia.backend.ejml.internal;

import dev.glia.api.DType;
import dev.glia.api.expr.Expr;
import dev.glia.api.spi.Broadcast;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compiled kernels of one backend, each compiled once. The cache key is the expression (structural
 * {@code equals}/{@code hashCode}), the broadcast mode of each input it reads, and the dtype.
 *
 * <p>The lookup allocates nothing: a {@link ConcurrentHashMap} from expression to a small family
 * of variants (one per broadcast pattern and dtype seen), scanned linearly. Modes of inputs that
 * the expression does not read are not part of the key.
 */
final class KernelCache {
    /** Unique class names across the JVM, so that stack traces name the kernel. */
    private static final AtomicLong CLASS_NUMBERS = new AtomicLong();

    private final ConcurrentHashMap<Expr, Family> families = new ConcurrentHashMap<>();
    private final AtomicInteger compilations = new AtomicInteger();

    /** The kernel for {@code expr} with inputs broadcast as {@code modes}, compiled on first use. */
    FusedKernel get(Expr expr, Broadcast[] modes, DType dtype) {
        Family family = families.get(expr);
        if (family == null) {
            family = families.computeIfAbsent(expr, e -> new Family(KernelGenerator.usedInputs(e)));
        }
        FusedKernel kernel = family.find(modes, dtype);
        return kernel != null ? kernel : family.compile(expr, modes, dtype, this);
    }

    /** How many kernels were compiled: the test hook for "compiled once". */
    int compilations() {
        return compilations.get();
    }

    /** How many distinct expressions are cached. */
    int expressions() {
        return families.size();
    }

    /** Drops every compiled kernel (their class loaders become unreachable). */
    void clear() {
        families.clear();
    }

    /** One compiled variant: the broadcast modes of the inputs read, the dtype, the kernel. */
    private record Variant(Broadcast[] modes, DType dtype, FusedKernel kernel) {
    }

    /** The variants of one expression. Reads are lock-free; compiling holds the family's lock. */
    private static final class Family {
        private final boolean[] used;
        private volatile Variant[] variants = new Variant[0];

        Family(boolean[] used) {
            this.used = used;
        }

        FusedKernel find(Broadcast[] modes, DType dtype) {
            for (Variant v : variants) {
                if (v.dtype() == dtype && matches(v.modes(), modes)) {
                    return v.kernel();
                }
            }
            return null;
        }

        private boolean matches(Broadcast[] known, Broadcast[] modes) {
            for (int i = 0; i < used.length; i++) {
                if (used[i] && known[i] != modes[i]) {
                    return false;
                }
            }
            return true;
        }

        synchronized FusedKernel compile(Expr expr, Broadcast[] modes, DType dtype, KernelCache cache) {
            FusedKernel kernel = find(modes, dtype);
            if (kernel != null) {
                return kernel;
            }
            if (dtype != DType.FLOAT32) {
                throw new IllegalArgumentException("elementwise: the EJML backend compiles FLOAT32 kernels only, got "
                        + dtype);
            }
            // Only the modes of inputs read matter; the others are normalised so the source is canonical.
            Broadcast[] key = new Broadcast[used.length];
            for (int i = 0; i < used.length; i++) {
                key[i] = used[i] ? modes[i] : Broadcast.FULL;
            }
            String className = "GliaKernel" + CLASS_NUMBERS.incrementAndGet();
            String source = KernelGenerator.generate(className, expr, key);
            kernel = KernelCompiler.compile(className, source,
                    KernelGenerator.comment(expr) + " with inputs " + Arrays.toString(key));
            cache.compilations.incrementAndGet();
            Variant[] grown = Arrays.copyOf(variants, variants.length + 1);
            grown[grown.length - 1] = new Variant(key, dtype, kernel);
            variants = grown;
            return kernel;
        }
    }
}
