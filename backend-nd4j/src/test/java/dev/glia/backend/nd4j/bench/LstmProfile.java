package dev.glia.backend.nd4j.bench;

import dev.glia.api.Backend;
import dev.glia.api.Layer;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import dev.glia.api.spi.BackendOptions;
import dev.glia.backend.nd4j.Nd4jBackendProvider;
import dev.glia.core.Dataset;
import dev.glia.core.Layers;
import dev.glia.core.Network;
import dev.glia.core.TrainingOptions;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import dev.glia.testkit.ForwardingBackend;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A measuring harness, not a test: where one training step of the lstm benchmark's character model (one-hot 80 →
 * LSTM 256 → LSTM 256 → dense 80 softmax at every step, windows of 64, batch 64, Adam 2e-3, float32) spends its time
 * on the ND4J backend. CPU time first, as the machine is shared: the process's CPU time per training step (all
 * threads), then the calling thread's CPU time and wall time of each layer's forward and backward called directly,
 * then, during training, the calling thread's CPU time and the wall time of every kind of backend call (operation,
 * shapes, formula) per training step, largest first. Random text; medians of {@code rounds} rounds.
 *
 * <pre>
 * mvn -q -o -pl backend-nd4j -am test-compile; mvn -q -o -pl backend-nd4j dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp backend-nd4j/target/test-classes:backend-nd4j/target/classes:$(cat backend-nd4j/target/cp.txt) \
 *     dev.glia.backend.nd4j.bench.LstmProfile [threads=N] [rounds=R] [steps=S]
 * </pre>
 */
public final class LstmProfile {
    private static final int T = 64;
    private static final int V = 80;
    private static final int H = 256;
    private static final int BATCH = 64;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private LstmProfile() {}

    /** Runs the rounds and prints the tables. */
    public static void main(String[] args) {
        String threads = "2";
        int rounds = 5;
        int steps = 4;
        for (String a : args) {
            if (a.startsWith("threads=")) {
                threads = a.substring(8);
            } else if (a.startsWith("rounds=")) {
                rounds = Integer.parseInt(a.substring(7));
            } else if (a.startsWith("steps=")) {
                steps = Integer.parseInt(a.substring(6));
            }
        }
        int windows = steps * BATCH;
        SplittableRandom random = new SplittableRandom(7);
        float[] x = new float[windows * T * V];
        float[] y = new float[windows * T];
        for (int i = 0; i < windows * T; i++) {
            x[i * V + random.nextInt(V)] = 1;
            y[i] = random.nextInt(V);
        }
        Dataset data = Dataset.of(x, Shape.of(T, V), y, T);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Timed timed = new Timed(
                        new Nd4jBackendProvider().create(BackendOptions.of(Map.of("glia.nd4j.threads", threads))));
                Network net = Network.builder(timed)
                        .seed(42)
                        .input(Shape.of(T, V))
                        .add(Layers.lstm(H))
                        .add(Layers.lstm(H))
                        .add(Layers.dense(V, "softmax"))
                        .build()) {
            TrainingOptions epoch = TrainingOptions.builder()
                    .loss(Losses.softmaxCrossEntropy())
                    .optimizer(Optimizers.adam(2e-3))
                    .epochs(1)
                    .batchSize(BATCH)
                    .shuffle(true)
                    .seed(7)
                    .build();
            net.fit(data, epoch);
            net.fit(data, epoch);
            System.out.printf(
                    "%s [%s], %d steps per round, %d rounds%n", timed.name(), timed.description(), steps, rounds);
            // whole training steps: process CPU (all threads) and wall
            long[] cpu = new long[rounds];
            long[] wall = new long[rounds];
            for (int r = 0; r < rounds; r++) {
                long c0 = os.getProcessCpuTime();
                long w0 = System.nanoTime();
                net.fit(data, epoch);
                wall[r] = (System.nanoTime() - w0) / steps;
                cpu[r] = (os.getProcessCpuTime() - c0) / steps;
            }
            System.out.printf(
                    "training step: process CPU %.1f ms, wall %.1f ms (%.0f chars/s by wall)%n",
                    median(cpu) / 1e6, median(wall) / 1e6, BATCH * T / (median(wall) / 1e9));
            layers(timed, net, rounds);
            // per call kind, during training
            timed.on = true;
            for (int r = 0; r < rounds; r++) {
                net.fit(data, epoch);
            }
            timed.on = false;
            int total = rounds * steps;
            List<Map.Entry<String, long[]>> rows = new ArrayList<>(timed.totals.entrySet());
            rows.sort((p, q) -> Long.compare(q.getValue()[0], p.getValue()[0]));
            long cpuSum = 0;
            long wallSum = 0;
            System.out.printf("%9s %9s %7s  %s%n", "cpu ms", "wall ms", "calls", "call (per training step)");
            for (Map.Entry<String, long[]> row : rows) {
                long[] v = row.getValue();
                cpuSum += v[0];
                wallSum += v[1];
                System.out.printf(
                        "%9.2f %9.2f %7d  %s%n", v[0] / 1e6 / total, v[1] / 1e6 / total, v[2] / total, row.getKey());
            }
            System.out.printf("%9.2f %9.2f %7s  all timed calls%n", cpuSum / 1e6 / total, wallSum / 1e6 / total, "");
        }
    }

    /** Each LSTM layer's forward and backward, and the dense layer's, called directly on one batch. */
    private static void layers(Timed timed, Network net, int rounds) {
        List<Layer> layers = net.layers();
        SplittableRandom random = new SplittableRandom(3);
        float[] xs = new float[BATCH * T * V];
        for (int i = 0; i < BATCH * T; i++) {
            xs[i * V + random.nextInt(V)] = 1;
        }
        float[] gs = new float[BATCH * T * V];
        for (int i = 0; i < gs.length; i++) {
            gs[i] = (float) (random.nextDouble() - 0.5) * 1e-3f;
        }
        try (Tensor x = timed.upload(xs, Shape.of(BATCH, T, V));
                Tensor g = timed.upload(gs, Shape.of(BATCH, T, V))) {
            int n = layers.size();
            long[][] fc = new long[n][rounds];
            long[][] fw = new long[n][rounds];
            long[][] bc = new long[n][rounds];
            long[][] bw = new long[n][rounds];
            for (int r = -2; r < rounds; r++) {
                Tensor h = x;
                for (int l = 0; l < n; l++) {
                    long c0 = THREADS.getCurrentThreadCpuTime();
                    long w0 = System.nanoTime();
                    h = layers.get(l).forward(h, true);
                    if (r >= 0) {
                        fc[l][r] = THREADS.getCurrentThreadCpuTime() - c0;
                        fw[l][r] = System.nanoTime() - w0;
                    }
                }
                Tensor d = g;
                for (int l = n - 1; l >= 0; l--) {
                    long c0 = THREADS.getCurrentThreadCpuTime();
                    long w0 = System.nanoTime();
                    d = layers.get(l).backward(d, l > 0);
                    if (r >= 0) {
                        bc[l][r] = THREADS.getCurrentThreadCpuTime() - c0;
                        bw[l][r] = System.nanoTime() - w0;
                    }
                }
            }
            System.out.printf("%-28s %14s %14s%n", "layer (calling thread)", "fwd cpu/wall", "bwd cpu/wall");
            for (int l = 0; l < n; l++) {
                System.out.printf(
                        "%-28s %6.1f/%6.1f %6.1f/%6.1f ms%n",
                        layers.get(l).name(),
                        median(fc[l]) / 1e6,
                        median(fw[l]) / 1e6,
                        median(bc[l]) / 1e6,
                        median(bw[l]) / 1e6);
            }
        }
    }

    private static long median(long[] v) {
        long[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }

    /** A backend that forwards every call and adds up the calling thread's CPU time and the wall time per kind. */
    private static final class Timed extends ForwardingBackend {
        private final Map<String, long[]> totals = new HashMap<>();
        private boolean on;
        private long cpu;
        private long wall;

        Timed(Backend inner) {
            super(inner);
        }

        private void start() {
            if (on) {
                cpu = THREADS.getCurrentThreadCpuTime();
                wall = System.nanoTime();
            }
        }

        private void record(String what) {
            if (on) {
                long w = System.nanoTime() - wall;
                long c = THREADS.getCurrentThreadCpuTime() - cpu;
                long[] t = totals.computeIfAbsent(what, k -> new long[3]);
                t[0] += c;
                t[1] += w;
                t[2]++;
            }
        }

        private static String formula(Expr e) {
            String s = e.toString();
            return s.length() > 60 ? s.substring(0, 57) + "..." : s;
        }

        @Override
        public void write(Tensor dst, float[] src) {
            start();
            super.write(dst, src);
            record("write " + dst.shape());
        }

        @Override
        public void download(Tensor src, double[] dst) {
            start();
            super.download(src, dst);
            record("download " + src.shape());
        }

        @Override
        public void gemm(
                boolean transposeA, boolean transposeB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
            start();
            super.gemm(transposeA, transposeB, alpha, a, b, beta, c);
            record("gemm " + (transposeA ? "T" : "N") + (transposeB ? "T" : "N") + " " + a.shape() + " x " + b.shape()
                    + " b=" + beta);
        }

        @Override
        public void elementwise(Expr expr, Tensor out, Tensor... inputs) {
            start();
            super.elementwise(expr, out, inputs);
            record("elementwise " + out.shape() + " " + formula(expr));
        }

        @Override
        public void elementwise(List<Expr> exprs, List<Tensor> outs, Tensor... inputs) {
            start();
            super.elementwise(exprs, outs, inputs);
            record("elementwise " + outs.size() + " outs " + outs.get(0).shape() + " " + inputs.length + " ins");
        }

        @Override
        public void copyBlock(
                Tensor src, int srcRow, int srcColumn, Tensor dst, int dstRow, int dstColumn, int rows, int columns) {
            start();
            super.copyBlock(src, srcRow, srcColumn, dst, dstRow, dstColumn, rows, columns);
            record("copyBlock " + src.shape() + " -> " + dst.shape() + " block " + rows + "x" + columns);
        }

        @Override
        public void sum(Tensor in, int axis, Tensor out) {
            start();
            super.sum(in, axis, out);
            record("sum " + in.shape() + " axis " + axis);
        }

        @Override
        public void max(Tensor in, int axis, Tensor out) {
            start();
            super.max(in, axis, out);
            record("max " + in.shape() + " axis " + axis);
        }
    }
}
