/**
 * Glia's public contracts: {@link dev.glia.api.Shape}, {@link dev.glia.api.Tensor} and the
 * {@link dev.glia.api.Backend} that owns it, and the interfaces networks are built from —
 * {@link dev.glia.api.Activation}, {@link dev.glia.api.Layer}, {@link dev.glia.api.Loss},
 * {@link dev.glia.api.Optimizer}. Depends on the JDK only.
 */
package dev.glia.api;
