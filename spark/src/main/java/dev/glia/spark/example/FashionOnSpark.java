package dev.glia.spark.example;

import dev.glia.api.Backend;
import dev.glia.core.Dataset;
import dev.glia.core.Network;
import dev.glia.core.TrainingOptions;
import dev.glia.core.config.Backends;
import dev.glia.core.data.LabelledImages;
import dev.glia.core.eval.Evaluation;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import dev.glia.spark.AllReduce;
import dev.glia.spark.Sample;
import dev.glia.spark.SparkTrainer;
import dev.glia.spark.SparkTrainingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Trains the Fashion-MNIST MLP (784-128-10, ReLU, Adam) on Spark and reports samples/s, accuracy and the bytes
 * each all-reduce moves per step, beside single-JVM {@code fit} on the same machine.
 *
 * <pre>
 * java $SPARK_JAVA17_OPTIONS -cp ... dev.glia.spark.example.FashionOnSpark [master] [dir] [epochs] [train] [ways]
 *   master  local[2] (default), spark://host:7077, yarn, k8s://...
 *   dir     the IDX files (default /usr/share/datasets/fashion-mnist)
 *   epochs  default 2; train: training images used (default 60000); ways: tree,sharded (default), fit
 * </pre>
 */
public final class FashionOnSpark {
    private FashionOnSpark() {}

    /** Runs the example; see the class comment for the arguments. */
    public static void main(String[] args) {
        if (args.length > 5) {
            usageError("expected at most 5 arguments (master dir epochs train ways), got " + args.length);
        }
        String master = arg(args, 0, "local[2]");
        Path dir = Path.of(arg(args, 1, "/usr/share/datasets/fashion-mnist"));
        int epochs = count(arg(args, 2, "2"), "epochs", 1000);
        int train = count(arg(args, 3, "60000"), "train", 60000);
        List<String> ways = List.of(arg(args, 4, "fit,tree,sharded").split(","));
        for (String way : ways) {
            if (!List.of("fit", "tree", "sharded").contains(way)) {
                usageError("ways: expected a comma-separated list of fit, tree and sharded, got '" + way + "'");
            }
        }
        LabelledImages trainSet = LabelledImages.read(
                        dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"), 10)
                .slice(0, train);
        Dataset test = LabelledImages.read(
                        dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"), 10)
                .toDataset();
        Dataset training = trainSet.toDataset();
        List<Sample> samples = new ArrayList<>(training.size());
        for (int i = 0; i < training.size(); i++) {
            samples.add(new Sample(training.features(i), training.targets(i)));
        }
        SparkConf conf = new SparkConf().setAppName("glia-fashion").setIfMissing("spark.master", master);
        try (Backend backend = Backends.create();
                JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN"); // Spark's INFO lines would bury the figures
            int partitions = sc.defaultParallelism();
            System.out.printf(
                    Locale.ROOT,
                    "Fashion-MNIST MLP 784-128-10 on %s (%d partitions), backend %s, %d images, %d epochs, batch 128%n",
                    sc.master(),
                    partitions,
                    backend.name(),
                    training.size(),
                    epochs);
            for (String way : ways) {
                try (Network net = mlp(backend)) {
                    if (way.equals("fit")) {
                        long t0 = System.nanoTime();
                        net.fit(
                                training,
                                TrainingOptions.builder()
                                        .loss(Losses.softmaxCrossEntropy())
                                        .optimizer(Optimizers.adam(0.001))
                                        .epochs(epochs)
                                        .batchSize(128)
                                        .seed(1)
                                        .build());
                        double s = (System.nanoTime() - t0) / 1e9;
                        System.out.printf(
                                Locale.ROOT,
                                "single-JVM fit: %.0f samples/s, test accuracy %.4f%n",
                                (double) training.size() * epochs / s,
                                Evaluation.accuracy(net, test));
                        continue;
                    }
                    AllReduce allReduce = way.equals("tree") ? AllReduce.TREE_AGGREGATE : AllReduce.SHARDED;
                    SparkTrainingResult r = SparkTrainer.builder()
                            .loss(Losses.softmaxCrossEntropy())
                            .optimizer(() -> Optimizers.adam(0.001))
                            .epochs(epochs)
                            .batchSize(128)
                            .seed(1)
                            .allReduce(allReduce)
                            .build()
                            .fit(net, distributed(sc, samples, partitions));
                    System.out.printf(
                            Locale.ROOT,
                            "spark %s: %.0f samples/s, test accuracy %.4f, loss %.4f; per step: shuffle %,d B,"
                                    + " to the driver %,d B, broadcast %,d B%n",
                            allReduce,
                            r.samplesPerSecond(),
                            Evaluation.accuracy(net, test),
                            r.finalLoss(),
                            r.shuffleBytesPerStep(),
                            r.driverBytesPerStep(),
                            r.broadcastBytesPerStep());
                }
            }
        }
    }

    /**
     * The samples as an RDD whose tasks do not carry them: a parallelized collection's partitions hold their data,
     * so every task of every step would ship its shard again (Spark warns of tasks over 1,000 KiB). A local
     * checkpoint cuts that lineage once the shards sit in the executors' block managers. Data read from files
     * (the usual case on a cluster) needs none of this.
     */
    private static JavaRDD<Sample> distributed(JavaSparkContext sc, List<Sample> samples, int partitions) {
        JavaRDD<Sample> rdd = sc.parallelize(samples, partitions);
        rdd.rdd().localCheckpoint();
        rdd.count();
        return rdd;
    }

    private static Network mlp(Backend backend) {
        return Network.builder(backend)
                .seed(1)
                .input(784)
                .dense(128, "relu")
                .dense(10, "softmax")
                .build();
    }

    private static String arg(String[] args, int i, String fallback) {
        return args.length > i ? args[i] : fallback;
    }

    private static int count(String value, String name, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        usageError(name + ": expected a whole number from 1 to " + max + ", got '" + value + "'");
        return 0;
    }

    private static void usageError(String message) {
        System.err.println(
                "FashionOnSpark: " + message + " (usage: FashionOnSpark [master] [dir] [epochs] [train] [ways])");
        System.exit(2);
    }
}
