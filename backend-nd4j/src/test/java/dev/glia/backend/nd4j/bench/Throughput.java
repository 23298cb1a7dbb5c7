package dev.glia.backend.nd4j.bench;

import dev.glia.api.Backend;
import dev.glia.api.DType;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.spi.BackendOptions;
import dev.glia.backend.ejml.EjmlBackendProvider;
import dev.glia.backend.nd4j.Nd4jBackendProvider;
import dev.glia.core.Dataset;
import dev.glia.core.EpochResult;
import dev.glia.core.Initializer;
import dev.glia.core.Network;
import dev.glia.core.TrainingListener;
import dev.glia.core.TrainingOptions;
import dev.glia.core.data.LabelledImages;
import dev.glia.core.data.OneHot;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A measuring harness, not a test: the MLP 784-256-128-10 (ReLU, softmax cross-entropy, Adam 1e-3,
 * batch 128) trained through core's {@link Network#fit} on Fashion-MNIST's 60,000 training images (from
 * {@code data=DIR}, default {@code /usr/share/datasets/fashion-mnist}; synthetic data of that size where it is
 * missing, which trains no better than chance and so leaves more dead units and subnormal Adam moments —
 * expect lower figures), samples per second after one warm-up epoch, and
 * one-sample inference latency as the benchmarks module measures it ({@code write}, {@code forward},
 * {@code download}). Also the raw {@code gemm} of the first layer. Run from the repository root:
 *
 * <pre>
 * mvn -q -pl backend-nd4j test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp backend-nd4j/target/test-classes:backend-nd4j/target/classes:$(cat backend-nd4j/target/cp.txt) \
 *     dev.glia.backend.nd4j.bench.Throughput [nd4j|ejml ...] [epochs=1] [threads=N] [data=DIR]
 * </pre>
 */
public final class Throughput {
    private static final int SAMPLES = 60_000;
    private static final int BATCH = 128;

    private Throughput() {}

    /** Measures each backend named on the command line (default: nd4j then ejml). */
    public static void main(String[] args) {
        int epochs = 1;
        String threads = null;
        Path dir = Path.of("/usr/share/datasets/fashion-mnist");
        List<String> names = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("epochs=")) {
                epochs = Integer.parseInt(a.substring(7));
            } else if (a.startsWith("threads=")) {
                threads = a.substring(8);
            } else if (a.startsWith("data=")) {
                dir = Path.of(a.substring(5));
            } else {
                names.add(a);
            }
        }
        if (names.isEmpty()) {
            names = List.of("nd4j", "ejml");
        }
        Dataset data = fashionMnist(dir);
        for (String name : names) {
            Map<String, String> options = threads == null
                    ? Map.of()
                    : Map.of(
                            "glia.nd4j.threads",
                            threads,
                            "glia.ejml.concurrent",
                            threads.equals("1") ? "false" : "true");
            Backend backend = name.equals("ejml")
                    ? new EjmlBackendProvider().create(BackendOptions.of(options))
                    : new Nd4jBackendProvider().create(BackendOptions.of(options));
            try {
                measure(backend, data, epochs);
            } finally {
                backend.close();
            }
        }
    }

    /** The training images of Fashion-MNIST in {@code dir}, or synthetic data of that size. */
    static Dataset fashionMnist(Path dir) {
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
        if (Files.isRegularFile(images) && Files.isRegularFile(labels)) {
            LabelledImages set = LabelledImages.read(images, labels, 10);
            System.out.println("Fashion-MNIST from " + dir);
            return Dataset.of(set.normalizedPixels(), set.pixelsPerImage(), OneHot.encode(set.labels(), 10), 10);
        }
        System.out.println("No Fashion-MNIST in " + dir + ": synthetic data (see the class description)");
        float[] x = new float[SAMPLES * 784];
        float[] y = new float[SAMPLES * 10];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble();
        }
        for (int i = 0; i < SAMPLES; i++) {
            y[i * 10 + random.nextInt(10)] = 1;
        }
        return Dataset.of(x, 784, y, 10);
    }

    private static void measure(Backend backend, Dataset data, int epochs) {
        try (Network net = mlp(backend)) {
            long[] ends = new long[epochs + 2];
            ends[0] = System.nanoTime();
            TrainingOptions options = TrainingOptions.builder()
                    .loss(Losses.softmaxCrossEntropy())
                    .optimizer(Optimizers.adam(1e-3))
                    .epochs(epochs + 1)
                    .batchSize(BATCH)
                    .shuffle(true)
                    .seed(7)
                    .listener(new TrainingListener() {
                        @Override
                        public void epochEnded(EpochResult r) {
                            ends[r.epoch()] = System.nanoTime();
                            System.out.printf(
                                    "  %s epoch %d loss %.4f (%.2f s)%n",
                                    backend.name(), r.epoch(), r.loss(), (ends[r.epoch()] - ends[r.epoch() - 1]) / 1e9);
                        }
                    })
                    .build();
            net.fit(data, options);
            double seconds = (ends[epochs + 1] - ends[1]) / 1e9;
            double perSecond = (double) data.size() * epochs / seconds;
            double latency = latency(backend, net);
            System.out.printf(
                    "%s [%s]: %.0f samples/s after one warm-up epoch; one-sample inference %.1f us (median)%n",
                    backend.name(), backend.description(), perSecond, latency);
        }
        gemm(backend);
    }

    /** The MLP 784-256-128-10 (ReLU, ReLU, softmax), He-initialised with seed 42, on {@code backend}. */
    static Network mlp(Backend backend) {
        return Network.builder(backend)
                .seed(42)
                .input(784)
                .dense(256, "relu", Initializer.HE)
                .dense(128, "relu", Initializer.HE)
                .dense(10, "softmax", Initializer.HE)
                .build();
    }

    /** Median microseconds of write + forward + download for one sample. */
    private static double latency(Backend backend, Network net) {
        float[] in = new float[784];
        float[] out = new float[10];
        Arrays.fill(in, 0.5f);
        try (Tensor sample = backend.allocate(Shape.matrix(1, 784), DType.FLOAT32)) {
            for (int i = 0; i < 20_000; i++) {
                backend.write(sample, in);
                backend.download(net.forward(sample), out);
            }
            long[] times = new long[20_000];
            for (int i = 0; i < times.length; i++) {
                long t0 = System.nanoTime();
                backend.write(sample, in);
                backend.download(net.forward(sample), out);
                times[i] = System.nanoTime() - t0;
            }
            Arrays.sort(times);
            return times[times.length / 2] / 1e3;
        }
    }

    /** GFLOPS of the forward products of the first two layers at batch 128. */
    private static void gemm(Backend backend) {
        int[][] shapes = {{128, 784, 256}, {128, 256, 128}, {784, 128, 256}};
        for (int[] s : shapes) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            boolean transA = m == 784;
            try (Tensor a = backend.upload(new float[m * k], transA ? Shape.matrix(k, m) : Shape.matrix(m, k));
                    Tensor b = backend.upload(new float[k * n], Shape.matrix(k, n));
                    Tensor c = backend.allocate(Shape.matrix(m, n), DType.FLOAT32)) {
                double best = Double.MAX_VALUE;
                for (int round = 0; round < 7; round++) {
                    int reps = 50;
                    long t0 = System.nanoTime();
                    for (int r = 0; r < reps; r++) {
                        backend.gemm(transA, false, 1, a, b, 0, c);
                    }
                    best = Math.min(best, (System.nanoTime() - t0) / 1e3 / reps);
                }
                System.out.printf(
                        "  gemm %s%dx%dx%d: %.0f us, %.1f GFLOPS%n",
                        transA ? "T " : "", m, k, n, best, 2.0 * m * n * k / best / 1e3);
            }
        }
    }
}
