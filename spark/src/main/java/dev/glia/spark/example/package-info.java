/** A runnable example: the Fashion-MNIST MLP trained on Spark ({@link dev.glia.spark.example.FashionOnSpark}). */
package dev.glia.spark.example;
