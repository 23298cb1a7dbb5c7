package dev.glia.examples.activations;

import static dev.glia.examples.pictures.PngAssertions.assertPng;
import static dev.glia.examples.pictures.PngAssertions.pixels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Activation;
import dev.glia.api.Backend;
import dev.glia.core.activations.Activations;
import dev.glia.examples.plugin.Snake;
import dev.glia.testkit.ReferenceBackend;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sampling, describing and drawing activations. */
class ActivationCurvesTest {
    private final Activations all = Activations.discover();

    @Test
    void elementwiseCurvesComeFromTheKernelsInFloat64() {
        ActivationCurve relu = ActivationCurves.sample(all.get("relu"), null);
        assertTrue(relu.elementwise());
        assertEquals(ActivationCurves.POINTS, relu.x().length);
        assertEquals(ActivationCurves.FROM, relu.x()[0]);
        assertEquals(ActivationCurves.TO, relu.x()[relu.x().length - 1], 1e-12);
        for (int i = 0; i < relu.x().length; i++) {
            double x = relu.x()[i];
            assertEquals(Math.max(x, 0), relu.y()[i], 0);
            assertEquals(x > 0 ? 1 : 0, relu.slope()[i], 0);
        }
        ActivationCurve sigmoid = ActivationCurves.sample(all.get("sigmoid"), null);
        for (int i = 0; i < sigmoid.x().length; i++) {
            double s = 1 / (1 + Math.exp(-sigmoid.x()[i]));
            assertEquals(s, sigmoid.y()[i], 1e-15);
            assertEquals(s * (1 - s), sigmoid.slope()[i], 1e-15);
        }
    }

    @Test
    void softmaxIsDrawnOnRowsXZeroOnTheBackend() {
        try (Backend backend = new ReferenceBackend()) {
            ActivationCurve softmax = ActivationCurves.sample(all.get("softmax"), backend);
            ActivationCurve logSoftmax = ActivationCurves.sample(all.get("log_softmax"), backend);
            assertFalse(softmax.elementwise());
            assertEquals("softmax([x, 0])[0]", softmax.label());
            for (int i = 0; i < softmax.x().length; i++) {
                double x = softmax.x()[i];
                double s = 1 / (1 + Math.exp(-x));
                assertEquals(s, softmax.y()[i], 1e-6, "softmax([x, 0])[0] is the sigmoid");
                assertEquals(s * (1 - s), softmax.slope()[i], 1e-6);
                assertEquals(-Math.log1p(Math.exp(-x)), logSoftmax.y()[i], 1e-6);
                assertEquals(1 - s, logSoftmax.slope()[i], 1e-6);
            }
            assertEquals(0, backend.liveTensors(), "every tensor was freed");
        }
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ActivationCurves.sample(all.get("softmax"), null));
        assertTrue(e.getMessage().contains("backend"), e.getMessage());
    }

    @Test
    void descriptionsGiveTheFormulaTheDerivativeAndTheKernelsOwnForm() {
        ActivationDescription swish = ActivationDescription.of(all.get("swish"));
        assertEquals("swish(beta=1)", swish.id());
        assertEquals("built in", swish.origin());
        assertEquals("x / (exp(-x) + 1)", swish.formula());
        assertEquals("1 / (exp(-x) + 1) + x * exp(-x) / (exp(-x) + 1)^2", swish.derivative());
        ActivationDescription sigmoid = ActivationDescription.of(all.get("sigmoid"));
        assertEquals("y * (1 - y)", sigmoid.kernelDerivative());
        ActivationDescription tanh = ActivationDescription.of(all.get("tanh"));
        assertEquals("1 - tanh(x)^2", tanh.derivative());
        ActivationDescription snake = ActivationDescription.of(new Snake());
        assertEquals("x + sin(x)^2", snake.formula());
        assertEquals("1 + 2 * sin(x) * cos(x)", snake.derivative());
        assertNull(snake.kernelDerivative());
        ActivationDescription softmax = ActivationDescription.of(all.get("softmax"));
        assertEquals("row-wise", softmax.kind());
        assertNull(softmax.derivative());
    }

    @Test
    void theGridIsAValidPngWithOneChartPerActivation(@TempDir Path dir) throws Exception {
        List<Activation> some = List.of(
                all.get("relu"),
                all.get("sigmoid"),
                all.get("tanh"),
                new Snake(),
                all.get("cos"),
                all.get("gelu"),
                all.get("selu"));
        List<ActivationCurve> curves =
                some.stream().map(a -> ActivationCurves.sample(a, null)).toList();
        Path file = ActivationGridChart.write(curves, dir.resolve("nested/grid.png"));
        assertEquals(2, ActivationGridChart.rows(7));
        BufferedImage image =
                assertPng(file, 5 * ActivationGridChart.CELL_WIDTH, 2 * ActivationGridChart.CELL_HEIGHT, 50);
        assertTrue(pixels(image, ActivationGridChart.FUNCTION) > 500, "the curves f(x) are drawn");
        assertTrue(pixels(image, ActivationGridChart.DERIVATIVE) > 500, "the curves f'(x) are drawn");
        assertArrayEquals(
                new double[] {-0.25, 1.25},
                ActivationGridChart.range(new double[] {0, 1}, new double[] {Double.NaN}),
                1e-12);
    }
}
