package dev.glia.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.ElementwiseActivation;
import dev.glia.backend.opencl.internal.OpenClBackend;
import dev.glia.core.Dataset;
import dev.glia.core.Network;
import dev.glia.core.TrainingHistory;
import dev.glia.core.TrainingOptions;
import dev.glia.core.activations.Activations;
import dev.glia.core.losses.Losses;
import dev.glia.core.optim.Optimizers;
import org.junit.jupiter.api.Test;

/**
 * A plugin activation given only as an {@code Expr} formula, with no OpenCL code of its own, trains
 * on this backend: its forward and (derived) backward formulas become generated kernels.
 */
@RequiresOpenCl
class PluginActivationTest {
    @Test
    void snakeTrainsXor() {
        ElementwiseActivation snake = Activations.of("snake", x -> x.add(x.sin().mul(x.sin())));
        float[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        float[][] y = {{0}, {1}, {1}, {0}};
        Dataset xor = Dataset.of(x, y);
        try (OpenClBackend backend = OpenClTestSupport.newBackend();
                Network net = Network.builder(backend)
                        .seed(3)
                        .input(2)
                        .dense(8, snake)
                        .dense(1, "sigmoid")
                        .build()) {
            long before = backend.elementwiseBuilds();
            double initial = net.evaluateLoss(xor, Losses.binaryCrossEntropy());
            TrainingHistory h = net.fit(
                    xor,
                    TrainingOptions.builder()
                            .loss(Losses.binaryCrossEntropy())
                            .optimizer(Optimizers.adam(0.05))
                            .batchSize(4)
                            .epochs(400)
                            .shuffle(false)
                            .build());
            double last = h.finalLoss();
            assertTrue(last < 0.05 && last < initial / 10, "snake network: loss " + initial + " -> " + last);
            float[][] p = net.predict(x);
            for (int i = 0; i < 4; i++) {
                assertEquals(y[i][0], p[i][0], 0.25, "XOR(" + x[i][0] + ", " + x[i][1] + ")");
            }
            assertTrue(backend.elementwiseBuilds() > before, "snake's kernels were generated");
        }
    }

    @Test
    void snakeKernelsMatchTheInterpreter() {
        ElementwiseActivation snake = Activations.of("snake", x -> x.add(x.sin().mul(x.sin())));
        float[] in = {-3f, -1.25f, -0.5f, 0f, 0.75f, 2f, 3.5f};
        try (OpenClBackend backend = OpenClTestSupport.newBackend();
                dev.glia.api.Tensor t = backend.upload(in, dev.glia.api.Shape.of(in.length));
                dev.glia.api.Tensor out = backend.allocate(t.shape(), t.dtype());
                dev.glia.api.Tensor dx = backend.allocate(t.shape(), t.dtype())) {
            backend.elementwise(snake.forwardExpr(), out, t);
            backend.elementwise(snake.backwardExpr(), dx, t, out, t);
            float[] y = out.toFloatArray();
            float[] g = dx.toFloatArray();
            for (int i = 0; i < in.length; i++) {
                double v = in[i];
                assertEquals(v + Math.sin(v) * Math.sin(v), y[i], 1e-5, "snake(" + v + ")");
                assertEquals(v * (1 + 2 * Math.sin(v) * Math.cos(v)), g[i], 1e-5, "x * snake'(" + v + ")");
            }
        }
    }
}
