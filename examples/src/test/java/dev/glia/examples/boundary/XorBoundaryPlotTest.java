package dev.glia.examples.boundary;

import static dev.glia.examples.pictures.PngAssertions.assertPng;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.core.config.Backends;
import dev.glia.core.config.GliaConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The XOR decision-boundary picture, on the EJML backend chosen by configuration. */
class XorBoundaryPlotTest {

    @Test
    void drawsBothNetworksIntoOnePng(@TempDir Path dir) throws Exception {
        XorBoundaryPlot.Result result;
        try (Backend backend =
                Backends.create(GliaConfig.builder().backend("ejml").build())) {
            long before = backend.liveTensors();
            result = XorBoundaryPlot.draw(backend, dir.resolve("xor.png"));
            assertEquals(before, backend.liveTensors(), "the networks were closed");
        }
        assertEquals(4, result.trainedRight(), "the tanh/sigmoid network learns XOR");
        assertTrue(result.linearRight() < 4, "a straight line cannot separate XOR: " + result.linearRight());
        assertPng(result.file(), XorBoundaryPlot.WIDTH, XorBoundaryPlot.HEIGHT, 50);
        assertTrue(result.summary().contains("4 of 4"), result.summary());
    }

    @Test
    void theGridCoversTheSquareAroundTheFourInputs() {
        float[][] grid = XorBoundaryPlot.grid();
        assertEquals(XorBoundaryPlot.GRID * XorBoundaryPlot.GRID, grid.length);
        assertEquals(XorBoundaryPlot.LOW, grid[0][0], 1e-6);
        assertEquals(XorBoundaryPlot.HIGH, grid[grid.length - 1][1], 1e-6);
        assertEquals(
                XorBoundaryPlot.LOW + (XorBoundaryPlot.HIGH - XorBoundaryPlot.LOW) / (XorBoundaryPlot.GRID - 1),
                grid[1][0],
                1e-6,
                "x1 varies fastest");
    }
}
