package dev.glia.testkit.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glia.api.Backend;
import dev.glia.api.Shape;
import dev.glia.api.Tensor;
import dev.glia.core.Layers;
import dev.glia.core.Network;
import dev.glia.core.Padding;
import dev.glia.core.activations.Activations;
import dev.glia.testkit.LayerGradientCheck;
import dev.glia.testkit.ReferenceBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every built-in layer's gradients on the backend a subclass creates: {@link LayerGradientCheck} in FLOAT64 (the
 * input gradient and every parameter's, against central differences, and gradients adding up over two backward
 * passes), skipped as an assumption on a backend without FLOAT64; and dropout's masks, which must be the
 * reference backend's for the same network seed, in FLOAT32. This module's tests run it on the reference
 * backend; every backend module subclasses it.
 */
public abstract class LayerGradientSuite {
    private final Activations activations = Activations.discover();
    private Backend backend;
    private long live;

    /** For subclasses. */
    protected LayerGradientSuite() {}

    /** The backend under test; the suite closes it after each test. */
    protected abstract Backend createBackend();

    /** Creates the backend. */
    @BeforeEach
    public final void open() {
        backend = createBackend();
        live = backend.liveTensors();
    }

    /** Checks that every tensor was closed, then closes the backend. */
    @AfterEach
    public final void close() {
        try {
            assertEquals(live, backend.liveTensors(), "every tensor was closed");
        } finally {
            backend.close();
        }
    }

    /** Dense layers with a smooth element-wise activation and with softmax, which mixes a row. */
    @Test
    public void dense() {
        LayerGradientCheck.of(Layers.dense(3, "tanh"), Shape.of(4))
                .activations(activations::get)
                .check(backend);
        LayerGradientCheck.of(Layers.dense(5, "softmax"), Shape.of(3))
                .batch(2)
                .activations(activations::get)
                .check(backend);
    }

    /**
     * Dense at each time step of [steps, features] samples: the weights shared by every step (their gradients the
     * sum over steps), with tanh, and with softmax, which must act on each step's row, not the whole sample.
     */
    @Test
    public void denseAtEachTimeStep() {
        LayerGradientCheck.of(Layers.dense(3, "tanh"), Shape.of(4, 2))
                .batch(2)
                .activations(activations::get)
                .check(backend);
        LayerGradientCheck.of(Layers.dense(4, "softmax"), Shape.of(3, 5))
                .batch(1)
                .activations(activations::get)
                .check(backend);
    }

    /** Flatten and reshape, whose outputs and input gradients are views. */
    @Test
    public void flattenAndReshape() {
        LayerGradientCheck.of(Layers.flatten(), Shape.of(2, 3, 2)).check(backend);
        LayerGradientCheck.of(Layers.reshape(2, 3), Shape.of(6)).batch(1).check(backend);
    }

    /** Dropout, whose fresh copies in the finite differences draw the same mask as the checked layer. */
    @Test
    public void dropout() {
        LayerGradientCheck.of(Layers.dropout(0.3), Shape.of(9)).batch(4).check(backend);
    }

    /** Batch normalisation over features, with the batch's statistics, at an odd batch size. */
    @Test
    public void batchNorm() {
        LayerGradientCheck.of(Layers.batchNorm(), Shape.of(6)).batch(5).check(backend);
    }

    /** Embedding, whose table gradient adds up over repeated token ids (a vocabulary of 4 for 12 ids). */
    @Test
    public void embedding() {
        LayerGradientCheck.of(Layers.embedding(4, 3), Shape.of(4)).indices(4).check(backend);
    }

    /**
     * Conv2D in awkward geometries: an odd kernel on one channel, stride 2 with uneven explicit padding and batch 1,
     * "same" padding with dilation, a rectangular kernel without bias, and a 1 × 1 kernel under softmax (which mixes
     * each sample's values).
     */
    @Test
    public void conv2d() {
        LayerGradientCheck.of(Layers.conv2d(2, 3, "tanh"), Shape.of(1, 5, 5))
                .batch(2)
                .activations(activations::get)
                .check(backend);
        LayerGradientCheck.of(Layers.conv2d(3, 3, 2, "identity").stride(2).padding(1, 0, 2, 1), Shape.of(2, 6, 5))
                .batch(1)
                .activations(activations::get)
                .check(backend);
        LayerGradientCheck.of(
                        Layers.conv2d(2, 3, "sigmoid").padding(Padding.SAME).dilation(2), Shape.of(2, 5, 4))
                .activations(activations::get)
                .check(backend);
        LayerGradientCheck.of(Layers.conv2d(2, 2, 3, "tanh").stride(1, 2).bias(false), Shape.of(3, 4, 7))
                .batch(2)
                .activations(activations::get)
                .check(backend);
        LayerGradientCheck.of(Layers.conv2d(3, 1, "softmax"), Shape.of(2, 2, 2))
                .activations(activations::get)
                .check(backend);
    }

    /** Max and average pooling: odd windows, strides other than the kernel, padding, one channel, batch 1. */
    @Test
    public void pooling() {
        LayerGradientCheck.of(Layers.maxPool2d(2), Shape.of(2, 5, 4)).check(backend);
        LayerGradientCheck.of(Layers.maxPool2d(3, 2).stride(2, 1).padding(1, 1, 1, 0), Shape.of(1, 5, 5))
                .batch(1)
                .check(backend);
        LayerGradientCheck.of(Layers.maxPool2d(3).padding(Padding.SAME).stride(2), Shape.of(2, 4, 5))
                .check(backend);
        LayerGradientCheck.of(Layers.avgPool2d(2), Shape.of(3, 4, 5)).check(backend);
        LayerGradientCheck.of(Layers.avgPool2d(3).stride(2).padding(1, 1, 1, 1), Shape.of(1, 5, 6))
                .batch(1)
                .check(backend);
    }

    /** Batch normalisation per channel (also one channel at batch 1) and global average pooling. */
    @Test
    public void perChannelLayers() {
        LayerGradientCheck.of(Layers.batchNorm2d(), Shape.of(3, 3, 2)).batch(2).check(backend);
        LayerGradientCheck.of(Layers.batchNorm2d(0.3, 1e-3), Shape.of(1, 2, 3))
                .batch(1)
                .check(backend);
        LayerGradientCheck.of(Layers.globalAvgPool2d(), Shape.of(3, 2, 5)).check(backend);
        LayerGradientCheck.of(Layers.globalAvgPool2d(), Shape.of(2, 1, 1))
                .batch(1)
                .check(backend);
    }

    /**
     * LSTM and GRU over four time steps: every step's output from a given initial state (whose gradient is checked
     * like a weight's), and only the last step's from zeros, at odd sizes.
     */
    @Test
    public void recurrent() {
        LayerGradientCheck.of(new WithInitialState(Layers.lstm(3), 2), Shape.of(4, 2))
                .batch(2)
                .check(backend);
        LayerGradientCheck.of(Layers.lstm(2).returnSequences(false), Shape.of(4, 3))
                .check(backend);
        LayerGradientCheck.of(new WithInitialState(Layers.gru(3), 2), Shape.of(4, 2))
                .batch(2)
                .check(backend);
        LayerGradientCheck.of(Layers.gru(2).returnSequences(false), Shape.of(4, 3))
                .batch(1)
                .check(backend);
    }

    /** For one network seed, a training pass of dropout keeps the same values on this backend as on the reference. */
    @Test
    public void dropoutMasksAreTheReferences() {
        float[] x = new float[3 * 257];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1 + i % 7;
        }
        try (ReferenceBackend reference = new ReferenceBackend()) {
            assertArrayEquals(dropped(reference, x), dropped(backend, x), 1e-6f);
        }
    }

    private static float[] dropped(Backend on, float[] x) {
        try (Network net = Network.builder(on)
                        .seed(21)
                        .input(257)
                        .add(Layers.dropout(0.5))
                        .build();
                Tensor in = on.upload(x, Shape.of(3, 257))) {
            return net.layers().get(0).forward(in, true).toFloatArray();
        }
    }
}
