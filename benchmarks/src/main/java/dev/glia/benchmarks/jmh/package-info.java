/**
 * JMH microbenchmarks of each Glia backend ({@code @Param backend}): gemm at the MLP's shapes and 1024³,
 * activation forward+backward, one XOR training step, one-sample MLP inference, one Adam
 * step over the MLP's parameters (three passes against one multi-output pass). Run them with
 * {@code benchmarks/run jmh [JMH options]}.
 */
package dev.glia.benchmarks.jmh;
