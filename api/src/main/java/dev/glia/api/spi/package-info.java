/**
 * For backend authors: the {@link dev.glia.api.spi.BackendProvider} a backend jar registers, the
 * options it receives, and helpers every backend shares (tensor bookkeeping and argument checks
 * with uniform error messages).
 */
package dev.glia.api.spi;
