/**
 * What a benchmarked system implements: {@link dev.glia.benchmarks.spi.BenchSystem} and its contenders
 * for the throughput, cnn, gemm and XOR benchmarks, with the shared specification of the work
 * ({@link dev.glia.benchmarks.spi.MlpSpec}, {@link dev.glia.benchmarks.spi.CnnSpec},
 * {@link dev.glia.benchmarks.spi.XorSpec}, {@link dev.glia.benchmarks.spi.EpochOrder}).
 */
package dev.glia.benchmarks.spi;
