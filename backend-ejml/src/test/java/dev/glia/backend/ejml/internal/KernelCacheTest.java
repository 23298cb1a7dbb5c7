package dev.glia.backend.ejml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import dev.glia.kernels.java.KernelCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The EJML backend's use of the shared kernel cache; the generator and compiler are tested in
 * {@code kernels-java}.
 */
class KernelCacheTest {
    private final EjmlBackend backend = new EjmlBackend(1);

    @AfterEach
    void close() {
        backend.close();
    }

    private static Expr relu() {
        return Expr.input(0).add(Expr.input(1)).max(0); // a new, structurally equal instance each time
    }

    @Test
    void sameExpressionCompilesOnce() {
        Tensor x = backend.allocate(Shape.of(4, 3), DType.FLOAT32);
        Tensor row = backend.allocate(Shape.of(1, 3), DType.FLOAT32);
        Tensor column = backend.allocate(Shape.of(4, 1), DType.FLOAT32);
        Tensor y = backend.allocate(Shape.of(4, 3), DType.FLOAT32);
        KernelCache cache = backend.kernels();
        assertEquals(0, cache.compilations());
        for (int i = 0; i < 5; i++) {
            backend.elementwise(relu(), y, x, row);
        }
        assertEquals(1, cache.compilations());
        backend.elementwise(relu(), y, x, column); // another broadcast pattern: another kernel
        backend.elementwise(relu(), y, x, column);
        assertEquals(2, cache.compilations());
        assertEquals(1, cache.expressions());
        Tensor other = backend.allocate(Shape.of(2, 5), DType.FLOAT32);
        Tensor otherRow = backend.allocate(Shape.of(5), DType.FLOAT32);
        backend.elementwise(relu(), other, other, otherRow); // same pattern, other shapes: cached
        assertEquals(2, cache.compilations());
    }

    @Test
    void modesOfUnreadInputsAreNotPartOfTheKey() {
        Tensor x = backend.allocate(Shape.of(4, 3), DType.FLOAT32);
        Tensor y = backend.allocate(Shape.of(4, 3), DType.FLOAT32);
        Expr e = Expr.input(0).mul(2);
        backend.elementwise(e, y, x, backend.allocate(Shape.of(1), DType.FLOAT32));
        backend.elementwise(e, y, x, backend.allocate(Shape.of(1, 3), DType.FLOAT32));
        backend.elementwise(e, y, x);
        assertEquals(1, backend.kernels().compilations());
    }

    @Test
    void closingTheBackendDropsKernels() {
        Tensor x = backend.allocate(Shape.of(2), DType.FLOAT32);
        backend.elementwise(Expr.input(0).exp(), x, x);
        assertEquals(1, backend.kernels().expressions());
        backend.close();
        assertEquals(0, backend.kernels().expressions());
    }
}
