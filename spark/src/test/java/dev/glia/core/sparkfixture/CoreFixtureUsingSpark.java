package dev.glia.core.sparkfixture;

import org.apache.spark.api.java.JavaSparkContext;

/** A deliberately broken fixture: a class in core's packages that uses Spark, which the rule must reject. */
public final class CoreFixtureUsingSpark {
    private CoreFixtureUsingSpark() {}

    /** The master of {@code sc}: any use of Spark. */
    public static String master(JavaSparkContext sc) {
        return sc.master();
    }
}
