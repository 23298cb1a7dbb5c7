/**
 * The OpenCL (GPU) backend on <a href="http://www.jocl.org">JOCL</a>. Applications do not use this
 * package directly: the jar registers {@link dev.glia.backend.opencl.OpenClBackendProvider} as a
 * {@link dev.glia.api.spi.BackendProvider}, and configuration picks it by the name {@code opencl}
 * (or {@code auto} on a GPU).
 */
package dev.glia.backend.opencl;
