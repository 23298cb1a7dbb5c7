/**
 * Implementation of the EJML backend; not an API. {@link dev.glia.backend.ejml.internal.EjmlBackend}
 * holds FLOAT32 tensors on the heap, runs matrix products on EJML and compiles each element-wise
 * expression once, with Janino, into a fused loop specialised for how its inputs broadcast.
 */
package dev.glia.backend.ejml.internal;
