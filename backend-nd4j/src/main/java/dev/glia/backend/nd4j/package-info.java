/**
 * The native CPU backend on <a href="https://deeplearning4j.konduit.ai/nd4j/">ND4J</a> and OpenBLAS.
 * Applications do not use this package directly: the jar registers
 * {@link dev.glia.backend.nd4j.Nd4jBackendProvider} as a {@link dev.glia.api.spi.BackendProvider}, and
 * configuration picks it by the name {@code nd4j} (or {@code auto} prefers it to EJML when its native
 * library loads).
 */
package dev.glia.backend.nd4j;
