package dev.glia.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glia.api.Shape;
import dev.glia.core.Network;
import dev.glia.testkit.ReferenceBackend;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A committed file of format version 1 (see its README) still loads, and saving it again writes version 2. */
class ModelFormatV1Test {
    private static final double[][] W1 = {{1, 1}, {1, 1}};
    private static final double[] B1 = {0, -1};
    private static final double[][] W2 = {{1, -2, 0.5}, {-2, 4, 0.25}};
    private static final double[] B2 = {0.5, 0, -0.125};
    private static final double[][] W3 = {{1, 0}, {0, 1}, {2, -1}};
    private static final double[] B3 = {0, 0.75};

    @TempDir
    Path dir;

    private static Path fixture() throws URISyntaxException {
        return Path.of(
                ModelFormatV1Test.class.getResource("v1/xor-v1.safetensors").toURI());
    }

    /** The fixture's network in plain double arithmetic: relu, leaky_relu(0.25), softmax. */
    private static double[] expected(double x1, double x2) {
        double[] h = affine(new double[] {x1, x2}, W1, B1);
        for (int i = 0; i < h.length; i++) {
            h[i] = Math.max(h[i], 0);
        }
        double[] g = affine(h, W2, B2);
        for (int i = 0; i < g.length; i++) {
            g[i] = g[i] > 0 ? g[i] : 0.25 * g[i];
        }
        double[] z = affine(g, W3, B3);
        double max = Math.max(z[0], z[1]);
        double e0 = Math.exp(z[0] - max);
        double e1 = Math.exp(z[1] - max);
        return new double[] {e0 / (e0 + e1), e1 / (e0 + e1)};
    }

    private static double[] affine(double[] x, double[][] w, double[] b) {
        double[] y = b.clone();
        for (int j = 0; j < y.length; j++) {
            for (int i = 0; i < x.length; i++) {
                y[j] += x[i] * w[i][j];
            }
        }
        return y;
    }

    @Test
    void describesTheVersionOneFileInVersionTwosTerms() throws Exception {
        ModelDescription d = ModelFile.describe(fixture());
        assertEquals(1, d.formatVersion());
        assertEquals(Shape.of(2), d.inputShape());
        assertEquals(
                List.of("dense", "dense", "dense"),
                d.layers().stream().map(LayerDescription::type).toList());
        assertEquals("leaky_relu(alpha=0.25)", d.layers().get(1).activation());
        assertEquals(Shape.of(3), d.layers().get(1).outputShape());
        assertEquals(2, d.outputWidth());
        assertEquals("[\"even\",\"odd\"]", d.metadata().get("classes"));
    }

    @Test
    void loadsAndPredictsAsTheHandComputedNetwork() throws Exception {
        float[][] inputs = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {-0.5f, 2.25f}, {3, -1.75f}};
        try (ReferenceBackend backend = new ReferenceBackend();
                Network net = ModelFile.load(fixture(), backend)) {
            float[][] out = net.predict(inputs);
            for (int i = 0; i < inputs.length; i++) {
                double[] e = expected(inputs[i][0], inputs[i][1]);
                assertArrayEquals(new float[] {(float) e[0], (float) e[1]}, out[i], 1e-6f, "input " + i);
            }
            Path again = dir.resolve("xor-v2.safetensors");
            ModelFile.save(net, again, ModelFile.describe(fixture()).metadata());
            assertEquals(ModelFile.FORMAT_VERSION, ModelFile.describe(again).formatVersion());
            try (Network back = ModelFile.load(again, backend)) {
                assertArrayEquals(flat(out), flat(back.predict(inputs)), 0f);
            }
        }
    }

    private static float[] flat(float[][] rows) {
        float[] f = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, f, i * rows[0].length, rows[0].length);
        }
        return f;
    }
}
