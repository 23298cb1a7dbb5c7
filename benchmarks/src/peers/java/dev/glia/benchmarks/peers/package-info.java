/**
 * The peers Glia is compared with, compiled only with {@code -Pbench}: DL4J ({@code MultiLayerNetwork} on
 * nd4j-native), DJL with the PyTorch engine, and ND4J's sgemm on one thread.
 */
package dev.glia.benchmarks.peers;
