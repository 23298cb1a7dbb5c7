/**
 * Implementation of the ND4J backend; not an API. {@link dev.glia.backend.nd4j.internal.Nd4jBackend} keeps
 * tensors in native memory allocated through ND4J and freed on close, calls OpenBLAS directly on the
 * buffers with the threads chosen per product ({@link dev.glia.backend.nd4j.internal.Gemm}), runs each
 * element-wise expression as one fused generated loop over the buffers (the shared
 * {@code dev.glia.kernels.java} kernels, staged through cache-sized chunks), and reduces with plain loops.
 * {@link dev.glia.backend.nd4j.internal.Nd4jRuntime} starts ND4J's native side once per JVM and turns any
 * failure into a probe result.
 */
package dev.glia.backend.nd4j.internal;
