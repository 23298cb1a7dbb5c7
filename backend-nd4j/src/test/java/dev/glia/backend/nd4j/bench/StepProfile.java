package dev.glia.backend.nd4j.bench;

import dev.glia.api.Layer;
import dev.glia.api.Optimizer;
import dev.glia.api.Parameter;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.spi.BackendOptions;
import dev.glia.backend.nd4j.Nd4jBackendProvider;
import dev.glia.core.Dataset;
import dev.glia.core.Initializer;
import dev.glia.core.Layers;
import dev.glia.core.Network;
import dev.glia.core.TrainingOptions;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A measuring harness, not a test: where one training step of a benchmark's model spends its time on the ND4J
 * backend. {@code model=mlp} (the default) is the throughput benchmark's MLP (784-256-128-10, ReLU, ReLU, softmax
 * cross-entropy, Adam 1e-3, batch 128), trained on the first {@code steps} batches of Fashion-MNIST ({@code
 * data=DIR}; synthetic data where it is missing); {@code model=cnn} is the cnn benchmark's network (conv 5×5×32 ReLU,
 * max-pool 2, conv 5×5×64 ReLU, max-pool 2, dense 128 ReLU, dense 10 softmax, Adam 1e-3, batch 128) on the same
 * images; {@code model=lstm} is the lstm benchmark's character model
 * (one-hot 80 → LSTM 256 → LSTM 256 → dense 80 softmax at every step, windows of 64, batch 64, Adam 2e-3) on random
 * text. All float32. CPU time first, as the machine is shared: the process's CPU time per training step (all
 * threads, the JIT's and the garbage collector's included), then the CPU time (the calling thread's and the
 * backend's helpers', see {@link ProfiledBackend}) and wall time of each layer's forward and backward called
 * directly, then, during training, the CPU and wall time of every kind of backend call (operation, shapes, formula)
 * and of the optimiser's step per training step, largest first, and last each parameter's optimiser step alone.
 * A step's process CPU time (in rounds without the timing) less the timed calls is the rest: the training loop
 * (batch staging, Java overhead), the helpers' spinning between calls, the JIT and the collector. The process's CPU
 * time comes in clock ticks (10 ms on Linux), hence rounds of many steps. Medians of {@code rounds} rounds (the per-call table:
 * sums over all rounds); a round is one epoch of {@code steps} steps (default 200 for the MLP, 16 for the CNN, 4 for the LSTM).
 *
 * <pre>
 * mvn -q -o -pl backend-nd4j -am test-compile; mvn -q -o -pl backend-nd4j dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp backend-nd4j/target/test-classes:backend-nd4j/target/classes:$(cat backend-nd4j/target/cp.txt) \
 *     dev.glia.backend.nd4j.bench.StepProfile [model=mlp|cnn|lstm] [threads=N] [rounds=R] [steps=S] [data=DIR]
 * </pre>
 */
public final class StepProfile {
    private StepProfile() {}

    /** A model to profile: its data, network, optimiser, batch size, and samples per batch (characters for the LSTM). */
    private record Model(Dataset data, Network net, Optimizer optimizer, int batch, int samplesPerBatch) {}

    /** Runs the rounds and prints the tables. */
    public static void main(String[] args) {
        String model = "mlp";
        String threads = "2";
        int rounds = 5;
        int steps = -1;
        Path dir = Path.of("/usr/share/datasets/fashion-mnist");
        for (String a : args) {
            if (a.startsWith("model=")) {
                model = a.substring(6);
            } else if (a.startsWith("threads=")) {
                threads = a.substring(8);
            } else if (a.startsWith("rounds=")) {
                rounds = Integer.parseInt(a.substring(7));
            } else if (a.startsWith("steps=")) {
                steps = Integer.parseInt(a.substring(6));
            } else if (a.startsWith("data=")) {
                dir = Path.of(a.substring(5));
            } else {
                throw new IllegalArgumentException("unknown argument " + a
                        + "; expected model=mlp|cnn|lstm, threads=N, rounds=R, steps=S or data=DIR");
            }
        }
        try (ProfiledBackend timed = new ProfiledBackend(
                new Nd4jBackendProvider().create(BackendOptions.of(Map.of("glia.nd4j.threads", threads))))) {
            Model m = switch (model) {
                case "mlp" -> mlp(timed, steps < 0 ? 200 : steps, dir);
                case "lstm" -> lstm(timed, steps < 0 ? 4 : steps);
                case "cnn" -> cnn(timed, steps < 0 ? 16 : steps, dir);
                default -> throw new IllegalArgumentException("unknown model=" + model + "; expected mlp, cnn or lstm");
            };
            try (Network net = m.net();
                    Optimizer optimizer = m.optimizer()) {
                profile(timed, m, rounds);
            }
        }
    }

    private static Model mlp(ProfiledBackend timed, int steps, Path dir) {
        int batch = 128;
        return new Model(
                firstBatches(steps, batch, dir, null), Throughput.mlp(timed), Optimizers.adam(1e-3), batch, batch);
    }

    private static Model cnn(ProfiledBackend timed, int steps, Path dir) {
        int batch = 128;
        Network net = Network.builder(timed)
                .seed(42)
                .input(Shape.of(1, 28, 28))
                .add(Layers.conv2d(32, 5, "relu"))
                .add(Layers.maxPool2d(2))
                .add(Layers.conv2d(64, 5, "relu"))
                .add(Layers.maxPool2d(2))
                .add(Layers.flatten())
                .add(Layers.dense(128, "relu", Initializer.HE))
                .add(Layers.dense(10, "softmax", Initializer.HE))
                .build();
        return new Model(
                firstBatches(steps, batch, dir, Shape.of(1, 28, 28)), net, Optimizers.adam(1e-3), batch, batch);
    }

    /** The first {@code steps} batches of Fashion-MNIST, images flat or of {@code imageShape}. */
    private static Dataset firstBatches(int steps, int batch, Path dir, Shape imageShape) {
        Dataset all = Throughput.fashionMnist(dir);
        int n = Math.min(all.size(), steps * batch);
        float[] x = new float[n * all.featureWidth()];
        float[] y = new float[n * all.targetWidth()];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        all.copyFeatures(order, 0, n, x);
        all.copyTargets(order, 0, n, y);
        return imageShape == null
                ? Dataset.of(x, all.featureWidth(), y, all.targetWidth())
                : Dataset.of(x, imageShape, y, all.targetWidth());
    }

    private static Model lstm(ProfiledBackend timed, int steps) {
        int t = 64;
        int v = 80;
        int batch = 64;
        int windows = steps * batch;
        SplittableRandom random = new SplittableRandom(7);
        float[] x = new float[windows * t * v];
        float[] y = new float[windows * t];
        for (int i = 0; i < windows * t; i++) {
            x[i * v + random.nextInt(v)] = 1;
            y[i] = random.nextInt(v);
        }
        Network net = Network.builder(timed)
                .seed(42)
                .input(Shape.of(t, v))
                .add(Layers.lstm(256))
                .add(Layers.lstm(256))
                .add(Layers.dense(v, "softmax"))
                .build();
        return new Model(Dataset.of(x, Shape.of(t, v), y, t), net, Optimizers.adam(2e-3), batch, batch * t);
    }

    private static void profile(ProfiledBackend timed, Model m, int rounds) {
        Network net = m.net();
        Dataset data = m.data();
        int steps = (data.size() + m.batch() - 1) / m.batch();
        TrainingOptions epoch = TrainingOptions.builder()
                .loss(Losses.softmaxCrossEntropy())
                .optimizer(timed.timed(m.optimizer()))
                .epochs(1)
                .batchSize(m.batch())
                .shuffle(true)
                .seed(7)
                .build();
        net.fit(data, epoch);
        net.fit(data, epoch);
        System.out.printf(
                "%s [%s], %d helper threads, %d steps per round, %d rounds%n",
                timed.name(), timed.description(), timed.helperThreads(), steps, rounds);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] cpu = new long[rounds];
        long[] wall = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            long c0 = os.getProcessCpuTime();
            long w0 = System.nanoTime();
            net.fit(data, epoch);
            wall[r] = (System.nanoTime() - w0) / steps;
            cpu[r] = (os.getProcessCpuTime() - c0) / steps;
        }
        long c = ProfiledBackend.median(cpu);
        long w = ProfiledBackend.median(wall);
        System.out.printf(
                "training step: process CPU %.3f ms, wall %.3f ms (%.0f samples/s by wall, %.0f by CPU)%n",
                c / 1e6, w / 1e6, m.samplesPerBatch() / (w / 1e9), m.samplesPerBatch() / (c / 1e9));
        layers(timed, net, m.batch(), rounds);
        timed.on = true;
        long c0 = os.getProcessCpuTime();
        long w0 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            net.fit(data, epoch);
        }
        long timedCpu = (os.getProcessCpuTime() - c0) / (rounds * steps);
        long timedWall = (System.nanoTime() - w0) / (rounds * steps);
        timed.on = false;
        timed.print(rounds * steps, c, w, timedCpu, timedWall);
        optimizerAlone(timed, net, m.optimizer(), rounds * steps);
    }

    /** Each layer's forward and backward, called directly on one batch of random inputs and output gradients. */
    private static void layers(ProfiledBackend timed, Network net, int batch, int rounds) {
        List<Layer> layers = net.layers();
        Shape in = layers.get(0).inputShape().batchOf(batch);
        Shape out = layers.get(layers.size() - 1).outputShape().batchOf(batch);
        SplittableRandom random = new SplittableRandom(3);
        float[] xs = new float[in.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) random.nextDouble();
        }
        float[] gs = new float[out.size()];
        for (int i = 0; i < gs.length; i++) {
            gs[i] = (float) (random.nextDouble() - 0.5) * 1e-3f;
        }
        try (Tensor x = net.backend().upload(xs, in);
                Tensor g = net.backend().upload(gs, out)) {
            int n = layers.size();
            long[][] fc = new long[n][rounds];
            long[][] fw = new long[n][rounds];
            long[][] bc = new long[n][rounds];
            long[][] bw = new long[n][rounds];
            for (int r = -2; r < rounds; r++) {
                Tensor h = x;
                for (int l = 0; l < n; l++) {
                    long c0 = timed.cpuNow();
                    long w0 = System.nanoTime();
                    h = layers.get(l).forward(h, true);
                    if (r >= 0) {
                        fc[l][r] = timed.cpuNow() - c0;
                        fw[l][r] = System.nanoTime() - w0;
                    }
                }
                Tensor d = g;
                for (int l = n - 1; l >= 0; l--) {
                    long c0 = timed.cpuNow();
                    long w0 = System.nanoTime();
                    d = layers.get(l).backward(d, l > 0);
                    if (r >= 0) {
                        bc[l][r] = timed.cpuNow() - c0;
                        bw[l][r] = System.nanoTime() - w0;
                    }
                }
            }
            System.out.printf("%-28s %16s %16s%n", "layer", "fwd cpu/wall", "bwd cpu/wall");
            for (int l = 0; l < n; l++) {
                System.out.printf(
                        "%-28s %7.3f/%7.3f %7.3f/%7.3f ms%n",
                        layers.get(l).name(),
                        ProfiledBackend.median(fc[l]) / 1e6,
                        ProfiledBackend.median(fw[l]) / 1e6,
                        ProfiledBackend.median(bc[l]) / 1e6,
                        ProfiledBackend.median(bw[l]) / 1e6);
            }
        }
    }

    /** Each parameter's optimiser step alone, {@code times} times (the training is over: the values may move). */
    private static void optimizerAlone(ProfiledBackend timed, Network net, Optimizer optimizer, int times) {
        System.out.printf("%9s %9s  %s%n", "cpu ms", "wall ms", "optimizer step of one parameter alone");
        for (Parameter p : net.parameters()) {
            List<Parameter> one = List.of(p);
            long c0 = timed.cpuNow();
            long w0 = System.nanoTime();
            for (int i = 0; i < times; i++) {
                optimizer.step(one);
            }
            long c = timed.cpuNow() - c0;
            long w = System.nanoTime() - w0;
            System.out.printf(
                    "%9.3f %9.3f  %s %s%n",
                    c / 1e6 / times, w / 1e6 / times, p.name(), p.value().shape());
        }
    }
}
