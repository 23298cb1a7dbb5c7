/**
 * The benchmark harness: {@code benchmarks/run throughput|gemm|xor|jmh}. Each side-by-side subcommand runs
 * every system (Glia backends, and with {@code -Pbench} DL4J, DJL-PyTorch and ND4J single-threaded) in its
 * own child JVM and writes its table as text, Markdown and CSV under {@code benchmarks/results/}.
 */
package dev.glia.benchmarks;
