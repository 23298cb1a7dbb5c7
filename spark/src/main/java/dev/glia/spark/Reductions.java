package dev.glia.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/** The two ways of summing one vector per partition into one vector at the driver. */
final class Reductions {
    private Reductions() {}

    /** The sum of the vectors {@code perPartition} yields (at most one per partition), of length {@code length}. */
    static float[] sum(
            AllReduce way,
            JavaRDD<Shard> shards,
            Function2<Integer, Iterator<Shard>, Iterator<float[]>> perPartition,
            int length) {
        float[] sum = way == AllReduce.SHARDED ? sharded(shards, perPartition, length) : tree(shards, perPartition);
        if (sum.length == 0) {
            throw new IllegalStateException("No partition had samples to train on in this step");
        }
        return sum;
    }

    /**
     * Spark's {@code treeAggregate} (depth 2): partial sums on the executors, the last level at the driver. The
     * partial sums are added in the order the results arrive, so two runs may differ in the last bits of float32.
     */
    static float[] tree(JavaRDD<Shard> shards, Function2<Integer, Iterator<Shard>, Iterator<float[]>> perPartition) {
        return shards.mapPartitionsWithIndex(perPartition, true)
                .treeAggregate(new float[0], Reductions::add, Reductions::add, 2);
    }

    /**
     * Reduce-scatter then gather: each partition cuts its vector into one slice per partition and sends slice
     * {@code k} to partition {@code k} through the shuffle (a {@link HashPartitioner} sends integer key {@code k}
     * to partition {@code k}); each owner sums its slices in the order of the partitions they came from, so the
     * sum is the same bits whatever order the shuffle delivers them in (a retried task changes nothing); the
     * driver collects the summed slices, one vector's worth in all. Each map task sends one slice per key, so a
     * map-side combine would save nothing; grouping moves the same bytes as {@code reduceByKey} would.
     */
    static float[] sharded(
            JavaRDD<Shard> shards, Function2<Integer, Iterator<Shard>, Iterator<float[]>> perPartition, int length) {
        int owners = shards.getNumPartitions();
        JavaPairRDD<Integer, Tuple2<Integer, float[]>> slices = JavaPairRDD.fromJavaRDD(
                shards.mapPartitionsWithIndex((p, it) -> cut(p, perPartition.call(p, it), owners, length), true));
        List<Tuple2<Integer, float[]>> summed = slices.groupByKey(new HashPartitioner(owners))
                .mapValues(Reductions::sumInPartitionOrder)
                .collect();
        if (summed.isEmpty()) {
            return new float[0];
        }
        float[] all = new float[length];
        for (Tuple2<Integer, float[]> s : summed) {
            int k = s._1();
            System.arraycopy(s._2(), 0, all, start(k, owners, length), s._2().length);
        }
        return all;
    }

    private static float[] sumInPartitionOrder(Iterable<Tuple2<Integer, float[]>> slices) {
        List<Tuple2<Integer, float[]>> sorted = new ArrayList<>();
        slices.forEach(sorted::add);
        sorted.sort(java.util.Comparator.comparing(Tuple2::_1));
        float[] sum = new float[0];
        for (Tuple2<Integer, float[]> s : sorted) {
            sum = add(sum, s._2());
        }
        return sum;
    }

    private static Iterator<Tuple2<Integer, Tuple2<Integer, float[]>>> cut(
            int from, Iterator<float[]> vectors, int owners, int length) {
        List<Tuple2<Integer, Tuple2<Integer, float[]>>> out = new ArrayList<>();
        while (vectors.hasNext()) {
            float[] v = vectors.next();
            for (int k = 0; k < owners; k++) {
                float[] slice = java.util.Arrays.copyOfRange(v, start(k, owners, length), start(k + 1, owners, length));
                out.add(new Tuple2<>(k, new Tuple2<>(from, slice)));
            }
        }
        return out.iterator();
    }

    /** Where slice {@code k} of {@code owners} starts in a vector of {@code length}. */
    static int start(int k, int owners, int length) {
        return (int) ((long) k * length / owners);
    }

    /** {@code a + b} into {@code a}; an empty vector is the zero. */
    static float[] add(float[] a, float[] b) {
        if (a.length == 0) {
            return b;
        }
        if (b.length == 0) {
            return a;
        }
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }
}
