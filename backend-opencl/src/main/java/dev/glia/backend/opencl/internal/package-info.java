/**
 * Implementation of the OpenCL backend; not an API. {@link dev.glia.backend.opencl.internal.OpenClBackend}
 * keeps tensors in device buffers and enqueues kernels on one in-order queue: the {@code .cl}
 * resources ({@code gemm.cl}, {@code reduce.cl}, with the shared {@code common.h}) are built once per
 * configuration, and each element-wise expression is rendered into OpenCL C by
 * {@link dev.glia.backend.opencl.internal.ExprRenderer} and cached. Device discovery and every way it
 * can fail live in {@link dev.glia.backend.opencl.internal.OpenClRuntime}.
 */
package dev.glia.backend.opencl.internal;
