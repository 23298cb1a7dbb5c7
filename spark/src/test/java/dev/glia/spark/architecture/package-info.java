/** The architecture rule of the spark module: core never touches Spark. */
package dev.glia.spark.architecture;
