package dev.glia.examples.xor;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.api.Backend;
import dev.glia.core.config.Backends;
import dev.glia.core.config.GliaConfig;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the XOR lesson on the EJML backend, chosen by configuration, and checks the real numbers. */
class XorLessonTest {
    private static Backend backend;
    private static long liveTensorsBefore;
    private static XorResult result;

    @BeforeAll
    static void runLesson() {
        backend = Backends.create(GliaConfig.builder().backend("ejml").build());
        liveTensorsBefore = backend.liveTensors();
        result = new XorLesson(backend).run();
    }

    @AfterAll
    static void closeBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void runsOnTheConfiguredBackend() {
        assertEquals("ejml", result.backend());
        assertEquals(backend.description(), result.backendDescription());
    }

    @Test
    void handSetNetworkIsExact() {
        assertEquals(List.of(0.0, 1.0, 1.0, 0.0), result.handSet().outputs());
        assertTrue(result.handSet().exact());
    }

    @Test
    void trainedNetworkGetsWithinTheToleranceOfEveryTarget() {
        XorResult.Trained trained = result.trained();
        for (int i = 0; i < 4; i++) {
            double output = trained.outputs().get(i);
            double target = XorLesson.TARGETS.get(i);
            assertTrue(Math.abs(output - target) <= 0.1, "output " + i + " is " + output + ", target " + target);
        }
        assertTrue(trained.withinTolerance());
        assertTrue(trained.finalLoss() <= XorLesson.TARGET_LOSS, "loss " + trained.finalLoss());
        assertTrue(trained.steps() >= 1 && trained.steps() <= XorLesson.MAX_EPOCHS, "steps " + trained.steps());
        assertEquals(trained.epochs(), trained.steps(), "one full batch per epoch");
    }

    @Test
    void linearNetworkCannotLearnXor() {
        XorResult.Linear linear = result.linear();
        assertTrue(linear.finalLoss() >= 0.2, "loss " + linear.finalLoss());
        assertTrue(linear.cannotLearn());
        assertEquals(XorLesson.MAX_EPOCHS, linear.steps(), "the target loss is never reached");
        for (double output : linear.outputs()) {
            assertTrue(Math.abs(output - 0.5) <= 0.1, "output " + output + " should be near 0.5");
        }
    }

    @Test
    void linearNetworkFoldsIntoOneLayerComputingTheSameFunction() {
        XorResult.Linear linear = result.linear();
        assertAll(
                () -> assertEquals(2, linear.layers()),
                () -> assertEquals(1, linear.foldedLayers()),
                () -> assertTrue(linear.maxFoldDifference() <= 1e-5, "difference " + linear.maxFoldDifference()));
        for (int i = 0; i < 4; i++) {
            assertEquals(linear.outputs().get(i), linear.foldedOutputs().get(i), 1e-5);
        }
        assertTrue(linear.foldMatches());
    }

    @Test
    void everyCheckPassesAndNoTensorLeaks() {
        assertTrue(result.allChecksPass());
        assertEquals(liveTensorsBefore, backend.liveTensors(), "the lesson closes every network it builds");
    }
}
