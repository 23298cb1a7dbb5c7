package dev.glia.backend.nd4j.bench;

import dev.glia.api.Backend;
import dev.glia.api.Tensor;
import dev.glia.api.expr.Expr;
import dev.glia.api.spi.BackendOptions;
import dev.glia.backend.nd4j.Nd4jBackendProvider;
import dev.glia.core.Dataset;
import dev.glia.core.Network;
import dev.glia.core.TrainingOptions;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import dev.glia.testkit.ForwardingBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A measuring harness, not a test: where one training step of the MLP (784-256-128-10, ReLU,
 * softmax cross-entropy, Adam 1e-3, batch 128, Fashion-MNIST as {@link Throughput} reads it) spends its
 * time on the ND4J backend. The
 * network runs on a wrapper that times every backend call; after a warm-up epoch it prints microseconds per
 * step for each kind of call (operation, shapes, formula), largest first. The training step writes float
 * batches and downloads its double loss, so those are the transfers timed. Time outside the wrapped calls
 * (the optimiser, whose calls go to the parameters' own backend, and the training loop) is the rest.
 *
 * <pre>
 * mvn -q -pl backend-nd4j test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp backend-nd4j/target/test-classes:backend-nd4j/target/classes:$(cat backend-nd4j/target/cp.txt) \
 *     dev.glia.backend.nd4j.bench.StepProfile [threads=N] [data=DIR]
 * </pre>
 */
public final class StepProfile {
    private static final int BATCH = 128;

    private StepProfile() {}

    /** Trains one warm-up epoch, then one timed epoch, and prints the table. */
    public static void main(String[] args) {
        String threads = String.valueOf(Runtime.getRuntime().availableProcessors());
        Path dir = Path.of("/usr/share/datasets/fashion-mnist");
        for (String a : args) {
            if (a.startsWith("threads=")) {
                threads = a.substring(8);
            } else if (a.startsWith("data=")) {
                dir = Path.of(a.substring(5));
            }
        }
        Dataset data = Throughput.fashionMnist(dir);
        try (Timed timed = new Timed(
                        new Nd4jBackendProvider().create(BackendOptions.of(Map.of("glia.nd4j.threads", threads))));
                Network net = Throughput.mlp(timed)) {
            TrainingOptions epoch = TrainingOptions.builder()
                    .loss(Losses.softmaxCrossEntropy())
                    .optimizer(Optimizers.adam(1e-3))
                    .epochs(1)
                    .batchSize(BATCH)
                    .shuffle(true)
                    .seed(7)
                    .build();
            net.fit(data, epoch);
            timed.totals.clear();
            timed.on = true;
            long start = System.nanoTime();
            net.fit(data, epoch);
            long total = System.nanoTime() - start;
            timed.on = false;
            int steps = (data.size() + BATCH - 1) / BATCH;
            List<Map.Entry<String, long[]>> rows = new ArrayList<>(timed.totals.entrySet());
            rows.sort((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0]));
            long timedSum = 0;
            System.out.printf("%s [%s]%n", timed.name(), timed.description());
            System.out.printf("%10s %7s  %s%n", "us/step", "calls", "call");
            for (Map.Entry<String, long[]> row : rows) {
                timedSum += row.getValue()[0];
                System.out.printf("%10.1f %7d  %s%n", row.getValue()[0] / 1e3 / steps, row.getValue()[1], row.getKey());
            }
            System.out.printf(
                    "%10.1f %7s  the rest (optimiser, training loop)%n", (total - timedSum) / 1e3 / steps, "");
            System.out.printf(
                    "%10.1f %7s  a whole step: %.0f samples/s%n", total / 1e3 / steps, "", data.size() / (total / 1e9));
        }
    }

    /** A backend that forwards every call and adds up the time of each kind of call. */
    private static final class Timed extends ForwardingBackend {
        private final Map<String, long[]> totals = new HashMap<>();
        private boolean on;

        Timed(Backend inner) {
            super(inner);
        }

        private void record(String what, long since) {
            if (on) {
                long[] t = totals.computeIfAbsent(what, k -> new long[2]);
                t[0] += System.nanoTime() - since;
                t[1]++;
            }
        }

        private static String formula(Expr e) {
            String s = e.toString();
            return s.length() > 70 ? s.substring(0, 67) + "..." : s;
        }

        @Override
        public void write(Tensor dst, float[] src) {
            long t = System.nanoTime();
            super.write(dst, src);
            record("write " + dst.shape(), t);
        }

        @Override
        public void download(Tensor src, double[] dst) {
            long t = System.nanoTime();
            super.download(src, dst);
            record("download " + src.shape(), t);
        }

        @Override
        public void gemm(
                boolean transposeA, boolean transposeB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
            long t = System.nanoTime();
            super.gemm(transposeA, transposeB, alpha, a, b, beta, c);
            record(
                    "gemm " + (transposeA ? "T" : "N") + (transposeB ? "T" : "N") + " " + a.shape() + " x " + b.shape(),
                    t);
        }

        @Override
        public void elementwise(Expr expr, Tensor out, Tensor... inputs) {
            long t = System.nanoTime();
            super.elementwise(expr, out, inputs);
            record("elementwise " + out.shape() + " " + formula(expr), t);
        }

        @Override
        public void sum(Tensor in, int axis, Tensor out) {
            long t = System.nanoTime();
            super.sum(in, axis, out);
            record("sum " + in.shape() + " axis " + axis, t);
        }

        @Override
        public void max(Tensor in, int axis, Tensor out) {
            long t = System.nanoTime();
            super.max(in, axis, out);
            record("max " + in.shape() + " axis " + axis, t);
        }
    }
}
