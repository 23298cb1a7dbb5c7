package dev.glia.kernels.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.expr.Expr;
import dev.glia.api.spi.Broadcast;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class KernelCacheTest {
    private static final Broadcast[] FULL_ROW = {Broadcast.FULL, Broadcast.ROW};

    private static Expr relu() {
        return Expr.input(0).add(Expr.input(1)).max(0); // a new, structurally equal instance each time
    }

    @Test
    void eachVariantCompilesOnce() {
        KernelCache cache = new KernelCache("test");
        FloatKernel first = cache.floatKernel(relu(), FULL_ROW);
        assertSame(first, cache.floatKernel(relu(), FULL_ROW));
        assertEquals(1, cache.compilations());
        assertNotSame(first, cache.floatKernel(relu(), new Broadcast[] {Broadcast.FULL, Broadcast.COLUMN}));
        DoubleKernel d = cache.doubleKernel(relu(), FULL_ROW);
        assertSame(d, cache.doubleKernel(relu(), FULL_ROW));
        assertEquals(3, cache.compilations());
        assertEquals(1, cache.expressions());
        cache.clear();
        assertEquals(0, cache.expressions());
    }

    @Test
    void modesOfUnreadInputsAreNotPartOfTheKey() {
        KernelCache cache = new KernelCache("test");
        Expr e = Expr.input(0).mul(2);
        cache.floatKernel(e, new Broadcast[] {Broadcast.FULL, Broadcast.SCALAR});
        cache.floatKernel(e, new Broadcast[] {Broadcast.FULL, Broadcast.ROW});
        cache.floatKernel(e, new Broadcast[] {Broadcast.FULL});
        assertEquals(1, cache.compilations());
    }

    @Test
    void tooFewModesAreRejected() {
        KernelCache cache = new KernelCache("test");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> cache.floatKernel(relu(), new Broadcast[] {Broadcast.FULL}));
        assertTrue(e.getMessage().contains("reads 2 inputs"), e.getMessage());
    }

    @Test
    void concurrentLookupsCompileOnce() throws Exception {
        KernelCache cache = new KernelCache("test");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<FloatKernel>> tasks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tasks.add(() -> cache.floatKernel(relu(), FULL_ROW));
            }
            FloatKernel seen = null;
            for (Future<FloatKernel> f : pool.invokeAll(tasks)) {
                if (seen == null) {
                    seen = f.get();
                }
                assertSame(seen, f.get());
            }
            assertEquals(1, cache.compilations());
        } finally {
            pool.shutdownNow();
        }
    }
}
