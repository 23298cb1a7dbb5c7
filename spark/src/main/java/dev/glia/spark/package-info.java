/**
 * Glia on Apache Spark: synchronous data-parallel training ({@link dev.glia.spark.SparkTrainer}) with two ways of
 * summing gradients ({@link dev.glia.spark.AllReduce}) or parameter averaging, checkpoints to any Hadoop file
 * system, and a Spark ML estimator ({@link dev.glia.spark.GliaClassifier}). Spark is a {@code provided} dependency: the
 * cluster brings it. See docs/spark.md.
 */
package dev.glia.spark;
