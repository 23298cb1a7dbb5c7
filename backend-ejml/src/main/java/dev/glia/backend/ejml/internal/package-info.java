/**
 * Implementation of the EJML backend; not an API. {@link dev.glia.backend.ejml.internal.EjmlBackend}
 * holds FLOAT32 tensors on the heap, runs matrix products on EJML and runs each element-wise expression
 * as one fused loop specialised for how its inputs broadcast, compiled once by the shared
 * {@code dev.glia.kernels.java} module (generated Java, Janino).
 */
package dev.glia.backend.ejml.internal;
