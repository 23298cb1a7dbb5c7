package dev.glia.core.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.glia.api.Backend;
import dev.glia.api.Layer;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.core.Dataset;
import dev.glia.core.Network;
import dev.glia.core.io.ModelFile;
import dev.glia.testkit.ReferenceBackend;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dense applied at each time step of [steps, features] samples, against hand-computed values. */
class DenseTimeStepTest {
    private final Backend backend = new ReferenceBackend();

    @AfterEach
    void close() {
        assertEquals(0, backend.liveTensors(), "a test leaked tensors");
        backend.close();
    }

    /** Three steps of two features into two units: W = [[1, 2], [3, 4]], b = [0.5, -1]. */
    private Network network(String activation) {
        Network net = Network.builder(backend)
                .input(Shape.of(3, 2))
                .dense(2, activation)
                .build();
        Layer dense = net.layers().get(0);
        backend.write(dense.parameters().get(0).value(), new float[] {1, 2, 3, 4});
        backend.write(dense.parameters().get(1).value(), new float[] {0.5f, -1});
        return net;
    }

    private static final float[] SEQUENCE = {1, 0, 0, 1, 1, 1};

    @Test
    void eachStepIsItsOwnRow() {
        try (Network net = network("identity")) {
            assertEquals(Shape.of(3, 2), net.outputShape());
            float[] y = net.predict(Dataset.of(SEQUENCE, Shape.of(3, 2), new float[1], 1));
            assertArrayEquals(new float[] {1.5f, 1, 3.5f, 3, 4.5f, 5}, y, 1e-6f);
        }
    }

    @Test
    void softmaxNormalisesEachStep() {
        try (Network net = network("softmax")) {
            float[] y = net.predict(Dataset.of(SEQUENCE, Shape.of(3, 2), new float[1], 1));
            double e = Math.exp(0.5);
            float[] expected = {
                (float) (e / (e + 1)), (float) (1 / (e + 1)),
                (float) (e / (e + 1)), (float) (1 / (e + 1)),
                (float) (1 / (1 + e)), (float) (e / (1 + e))
            };
            assertArrayEquals(expected, y, 1e-6f);
        }
    }

    @Test
    void backwardSumsTheStepsGradients() {
        try (Network net = network("identity");
                Tensor x = backend.upload(SEQUENCE, Shape.of(1, 3, 2));
                Tensor dy = backend.upload(new float[] {1, 0, 0, 1, 1, 1}, Shape.of(1, 3, 2))) {
            Layer dense = net.layers().get(0);
            dense.forward(x, true);
            Tensor dx = dense.backward(dy, true);
            assertEquals(Shape.of(1, 3, 2), dx.shape());
            // dx = dy W^T per step
            assertArrayEquals(new float[] {1, 3, 2, 4, 3, 7}, dx.toFloatArray(), 1e-6f);
            // dW = sum over steps of x^T dy, db = sum over steps of dy
            assertArrayEquals(
                    new float[] {2, 1, 1, 2},
                    dense.parameters().get(0).gradient().toFloatArray(),
                    1e-6f);
            assertArrayEquals(
                    new float[] {2, 2}, dense.parameters().get(1).gradient().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void aBatchOfTheWrongStepsIsRefused() {
        try (Network net = network("identity");
                Tensor x = backend.upload(new float[8], Shape.of(1, 4, 2))) {
            String m = assertThrows(
                            IllegalArgumentException.class,
                            () -> net.layers().get(0).forward(x, false))
                    .getMessage();
            assertEquals(
                    "Dense #1 expects samples of shape [3, 2], got a batch of shape [1, 4, 2]; a batch must be"
                            + " [batchSize, 3, 2]",
                    m);
        }
    }

    @Test
    void modelFilesRoundTrip(@TempDir Path dir) {
        Path file = dir.resolve("steps.glia");
        Dataset data = Dataset.of(SEQUENCE, Shape.of(3, 2), new float[1], 1);
        try (Network net = network("tanh")) {
            ModelFile.save(net, file);
            try (Network back = ModelFile.load(file, backend)) {
                assertEquals(Shape.of(3, 2), back.layers().get(0).inputShape());
                assertEquals(Shape.of(3, 2), back.outputShape());
                assertArrayEquals(net.predict(data), back.predict(data), 0f);
            }
        }
    }
}
