package dev.glia.benchmarks.spi;

/** One system's MLP for the throughput benchmark, built from an {@link MlpSpec} in the child JVM. */
public interface MlpContender extends ClassifierContender {}
