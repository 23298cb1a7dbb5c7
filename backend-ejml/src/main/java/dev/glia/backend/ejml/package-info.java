/**
 * The pure-Java CPU backend on <a href="https://ejml.org">EJML</a>. Applications do not use this
 * package directly: the jar registers {@link dev.glia.backend.ejml.EjmlBackendProvider} as a
 * {@link dev.glia.api.spi.BackendProvider}, and configuration picks it by the name {@code ejml}.
 */
package dev.glia.backend.ejml;
