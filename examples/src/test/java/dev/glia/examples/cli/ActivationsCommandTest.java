package dev.glia.examples.cli;

import static dev.glia.examples.cli.Run.run;
import static dev.glia.examples.pictures.PngAssertions.assertPng;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Activation;
import dev.glia.core.activations.Activations;
import dev.glia.examples.activations.ActivationGridChart;
import dev.glia.examples.boundary.XorBoundaryPlot;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code glia activations} and {@code glia xor --plot}, run in-process. */
class ActivationsCommandTest {

    @Test
    void listsEveryBuiltInAndThePluginWithItsJar() {
        Run run = run("activations");
        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).matches("\\d+ activations: 20 built in, [1-9]\\d* from plugins"), lines.get(0));
        for (Activation a : Activations.builtIns()) {
            assertTrue(
                    lines.stream().anyMatch(l -> l.trim().startsWith(a.id() + " ") && l.endsWith("built in")),
                    a.id() + " missing:\n" + run.out());
        }
        String snake = lines.stream()
                .filter(l -> l.trim().startsWith("snake(a=1) "))
                .findFirst()
                .orElseThrow();
        assertTrue(snake.contains("element-wise") && snake.contains("dev.glia.examples.plugin.Snake"), snake);
        assertTrue(snake.contains("classes") || snake.contains(".jar"), "names where the plugin came from: " + snake);
        assertTrue(lines.stream().anyMatch(l -> l.trim().startsWith("softmax ") && l.contains("row-wise")));
    }

    @Test
    void describePrintsTheFormulaAndItsSimplifiedDerivative() {
        Run run = run("activations", "--describe", "swish");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("swish(beta=1)  (element-wise, built in)"), run.out());
        assertTrue(run.out().contains("  f(x)  = x / (exp(-x) + 1)\n"), run.out());
        assertTrue(run.out().contains("  f'(x) = 1 / (exp(-x) + 1) + x * exp(-x) / (exp(-x) + 1)^2\n"), run.out());

        Run leaky = run("activations", "--describe", "leaky_relu(alpha=0.2)");
        assertTrue(leaky.out().contains("f(x)  = where(x > 0, x, 0.2 * x)"), leaky.out());
        assertTrue(leaky.out().contains("f'(x) = where(x > 0, 1, 0.2)"), leaky.out());

        Run softmax = run("activations", "--describe", "softmax");
        assertEquals(0, softmax.status(), softmax.err());
        assertTrue(softmax.out().contains("row-wise") && softmax.out().contains("[x, 0]"), softmax.out());
    }

    @Test
    void describingAnUnknownIdNamesTheIdsPresentAndThePluginHint() {
        Run run = run("activations", "--describe", "swoosh");
        assertEquals(GliaCommand.FAILURE, run.status());
        assertTrue(run.err().startsWith("glia: Unknown activation 'swoosh'"), run.err());
        assertTrue(run.err().contains("snake(a=1)") && run.err().contains("plugin's jar"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void outDrawsEveryActivationIntoOnePng(@TempDir Path dir) throws Exception {
        Run run = run("activations", "--out", dir.toString(), "--backend", "ejml");
        assertEquals(0, run.status(), run.err());
        int count = Activations.discover().all().size();
        Path file = dir.resolve(ActivationsCommand.FILE_NAME);
        assertTrue(
                run.out().contains("Drew " + count + " activations")
                        && run.out().contains(file.toString()),
                run.out());
        assertPng(
                file,
                ActivationGridChart.columns(count) * ActivationGridChart.CELL_WIDTH,
                ActivationGridChart.rows(count) * ActivationGridChart.CELL_HEIGHT,
                100);
    }

    @Test
    void xorPlotDrawsTheDecisionBoundaries(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("xor.png");
        Run run = run("xor", "--backend", "ejml", "--plot", file.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("All checks passed."), run.out());
        assertTrue(run.err().contains("Decision boundaries drawn to " + file), run.err());
        assertPng(file, XorBoundaryPlot.WIDTH, XorBoundaryPlot.HEIGHT, 50);
    }
}
