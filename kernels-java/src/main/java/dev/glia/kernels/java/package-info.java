/**
 * Element-wise kernels for the CPU backends, shared so that each backend is only its storage: an
 * {@link dev.glia.api.expr.Expr} and the broadcast modes of its inputs are rendered into one fused Java
 * loop ({@link dev.glia.kernels.java.KernelGenerator}), compiled at run time with Janino
 * ({@link dev.glia.kernels.java.KernelCompiler}) and cached ({@link dev.glia.kernels.java.KernelCache}).
 * Kernels work on {@code float[]} ({@link dev.glia.kernels.java.FloatKernel}) or {@code double[]}
 * ({@link dev.glia.kernels.java.DoubleKernel}); a heap backend (EJML) calls them on its arrays, an
 * off-heap backend (ND4J) through {@link dev.glia.kernels.java.OffHeapRunner}, which stages chunks of
 * native memory through small arrays so that the loops stay vectorised.
 *
 * <p>Not an application API: backends use it, applications never see it.
 */
package dev.glia.kernels.java;
