package dev.glia.benchmarks.spi;

/**
 * One system's CNN for the cnn benchmark, built from a {@link CnnSpec} in the child JVM; its samples are the
 * 784 pixels of one {@code [1, 28, 28]} image, row-major, as {@link ImageData} holds them.
 */
public interface CnnContender extends ClassifierContender {}
