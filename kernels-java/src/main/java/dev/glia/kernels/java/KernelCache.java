package dev.glia.kernels.java;

import dev.glia.api.DType;
import dev.glia.api.expr.Expr;
import dev.glia.api.spi.Broadcast;
import dev.glia.api.spi.lowering.Lowering;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compiled kernels of one backend, each compiled once. The cache key is the expression (structural
 * {@code equals}/{@code hashCode}), the broadcast mode of each input it reads, and the dtype (FLOAT32
 * gives a {@link FloatKernel}, FLOAT64 a {@link DoubleKernel}).
 *
 * <p>The lookup allocates nothing: a {@link ConcurrentHashMap} from expression to a small family of
 * variants (one per broadcast pattern and dtype seen), scanned linearly. Modes of inputs that the
 * expression does not read are not part of the key. Lookups may run on any thread; compiling holds the
 * expression's lock, so a kernel is compiled once even when two threads ask for it together.
 */
public final class KernelCache {
    /** Unique class names across the JVM, so that stack traces name the kernel. */
    private static final AtomicLong CLASS_NUMBERS = new AtomicLong();

    private final String owner;
    private final ConcurrentHashMap<Expr, Family> families = new ConcurrentHashMap<>();
    /** Kernels with several outputs, by their list of expressions. */
    private final ConcurrentHashMap<List<Expr>, Family> multiFamilies = new ConcurrentHashMap<>();

    private final AtomicInteger compilations = new AtomicInteger();

    /** An empty cache; {@code owner} (e.g. {@code EJML backend}) prefixes compiler errors. */
    public KernelCache(String owner) {
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    /** The FLOAT32 kernel for {@code expr} with inputs broadcast as {@code modes}, compiled on first use. */
    public FloatKernel floatKernel(Expr expr, Broadcast[] modes) {
        return (FloatKernel) get(expr, modes, DType.FLOAT32);
    }

    /** The FLOAT64 kernel for {@code expr} with inputs broadcast as {@code modes}, compiled on first use. */
    public DoubleKernel doubleKernel(Expr expr, Broadcast[] modes) {
        return (DoubleKernel) get(expr, modes, DType.FLOAT64);
    }

    private Object get(Expr expr, Broadcast[] modes, DType dtype) {
        Family family = family(expr);
        Object kernel = family.find(modes, dtype);
        return kernel != null ? kernel : family.compile(modes, dtype, this);
    }

    /**
     * The FLOAT32 kernel computing every expression of {@code exprs} in one pass, one output each, with
     * inputs broadcast as {@code modes}; compiled on first use, cached by the list (in order).
     */
    public MultiFloatKernel multiFloatKernel(List<Expr> exprs, Broadcast[] modes) {
        return (MultiFloatKernel) getMulti(exprs, modes, DType.FLOAT32);
    }

    /** The FLOAT64 form of {@link #multiFloatKernel}. */
    public MultiDoubleKernel multiDoubleKernel(List<Expr> exprs, Broadcast[] modes) {
        return (MultiDoubleKernel) getMulti(exprs, modes, DType.FLOAT64);
    }

    private Object getMulti(List<Expr> exprs, Broadcast[] modes, DType dtype) {
        Family family = family(exprs);
        Object kernel = family.find(modes, dtype);
        return kernel != null ? kernel : family.compile(modes, dtype, this);
    }

    /**
     * Whether the FLOAT32 kernels of {@code expr} compute {@code exp} or {@code tanh} element by element. A kernel
     * whose inputs are all full or scalar computes them over blocks, vectorised ({@link FloatMath}); one with a row or
     * column input calls them one element at a time (3.4 times slower for a softmax's {@code exp(x - max)}), so
     * backends gather row and column inputs into full chunks for such expressions ({@link GatherPlan}). Worked out
     * once per expression.
     */
    public boolean stagesExponentials(Expr expr) {
        return family(expr).exponentials();
    }

    /** {@link #stagesExponentials(Expr)} for expressions computed together. */
    public boolean stagesExponentials(List<Expr> exprs) {
        return family(exprs).exponentials();
    }

    /** The family of {@code expr}, made on first use (a lookup that allocates nothing once it exists). */
    private Family family(Expr expr) {
        Family family = families.get(expr);
        return family != null ? family : families.computeIfAbsent(expr, e -> new Family(List.of(e), false));
    }

    /** The family of the expressions computed together, made on first use. */
    private Family family(List<Expr> exprs) {
        Family family = multiFamilies.get(exprs);
        return family != null ? family : multiFamilies.computeIfAbsent(List.copyOf(exprs), e -> new Family(e, true));
    }

    /** How many kernels were compiled: the test hook for "compiled once". */
    public int compilations() {
        return compilations.get();
    }

    /** How many distinct expressions are cached. */
    public int expressions() {
        return families.size() + multiFamilies.size();
    }

    /** Drops every compiled kernel (their class loaders become unreachable). */
    public void clear() {
        families.clear();
        multiFamilies.clear();
    }

    /** One compiled variant: the broadcast modes of the inputs read, the dtype, the kernel. */
    @SuppressWarnings("ArrayRecordComponent") // a private cache entry, looked up with matches(), never compared
    private record Variant(Broadcast[] modes, DType dtype, Object kernel) {}

    /**
     * The variants of one expression, or of one list of expressions computed together ({@code multi}). Reads
     * are lock-free; compiling holds the family's lock.
     */
    private static final class Family {
        private final List<Expr> exprs;
        private final boolean multi;
        private final boolean[] used;
        private volatile Variant[] variants = new Variant[0];
        /** Whether some element computes exp or tanh; null until asked. */
        private volatile Boolean exponentials;

        Family(List<Expr> exprs, boolean multi) {
            this.exprs = exprs;
            this.multi = multi;
            this.used = Lowering.usedInputs(exprs);
        }

        boolean exponentials() {
            Boolean known = exponentials;
            if (known == null) {
                Broadcast[] full = new Broadcast[used.length];
                Arrays.fill(full, Broadcast.FULL);
                known = LoopPerOutput.stages(multi ? Lowering.lower(exprs, full) : Lowering.lower(exprs.get(0), full));
                exponentials = known;
            }
            return known;
        }

        Object find(Broadcast[] modes, DType dtype) {
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

        synchronized Object compile(Broadcast[] modes, DType dtype, KernelCache cache) {
            Object kernel = find(modes, dtype);
            if (kernel != null) {
                return kernel;
            }
            if (modes.length < used.length) {
                throw new IllegalArgumentException("elementwise: the expression " + KernelGenerator.comment(exprs)
                        + " reads " + used.length
                        + " inputs but " + modes.length + " were given");
            }
            // Only the modes of inputs read matter; the others are normalised so the source is canonical.
            Broadcast[] key = new Broadcast[used.length];
            for (int i = 0; i < used.length; i++) {
                key[i] = used[i] ? modes[i] : Broadcast.FULL;
            }
            String className = "GliaKernel" + CLASS_NUMBERS.incrementAndGet();
            String source = multi
                    ? KernelGenerator.generateMulti(className, exprs, key, dtype)
                    : KernelGenerator.generate(className, exprs.get(0), key, dtype);
            String what = KernelGenerator.comment(exprs) + " (" + dtype + ", inputs " + Arrays.toString(key) + ")";
            Class<?> type =
                    multi ? KernelGenerator.multiKernelInterface(dtype) : KernelGenerator.kernelInterface(dtype);
            try {
                kernel = KernelCompiler.compile(className, source, type, what);
            } catch (IllegalStateException e) {
                throw new IllegalStateException(cache.owner + ": " + e.getMessage(), e);
            }
            cache.compilations.incrementAndGet();
            Variant[] grown = Arrays.copyOf(variants, variants.length + 1);
            grown[grown.length - 1] = new Variant(key, dtype, kernel);
            variants = grown;
            return kernel;
        }
    }
}
