package dev.glia.benchmarks.glia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.benchmarks.spi.CharText;
import dev.glia.benchmarks.spi.LstmContender;
import dev.glia.benchmarks.spi.LstmSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Glia's contender in the lstm benchmark, on EJML with a narrow version of the model and a repetitive text. */
class GliaLstmTest {
    private static final String TEXT = "the cat sat on the mat; the rat ate the oat. ".repeat(40);

    @Test
    void trainsReportsEachEpochAndStepsAsItPredicts() {
        int steps = 8;
        int batch = 4;
        CharText text = CharText.of(TEXT, steps * batch * 8 + 1, steps * 2 + 1, steps, batch);
        int v = text.vocabulary();
        LstmSpec spec = new LstmSpec(v, 16, 2, steps, batch, 2e-2, 42, 8);
        List<Double> losses = new ArrayList<>();
        try (LstmContender lstm = new GliaSystem("ejml", null).lstm(spec)) {
            double before = heldOutBits(lstm, text, spec);
            assertEquals(Math.log(v) / Math.log(2), before, 0.5, "an untrained model is near uniform");
            lstm.train(text, (epoch, loss) -> {
                assertEquals(losses.size() + 1, epoch);
                losses.add(loss);
            });
            assertEquals(8, losses.size());
            assertTrue(losses.get(7) < 0.6 * losses.get(0), "the loss falls: " + losses);
            double after = heldOutBits(lstm, text, spec);
            assertTrue(after < 0.6 * before, "held-out bits per character " + before + " → " + after);

            // one generation step at a time from a zero state gives the probabilities of the whole-window pass
            int[] inputs = new int[steps];
            float[] whole = new float[steps * v];
            text.testInputs(0, 1, inputs);
            lstm.predict(inputs, 1, whole);
            float[] p = new float[v];
            lstm.resetState();
            for (int t = 0; t < steps; t++) {
                lstm.step(inputs[t], p);
                float sum = 0;
                for (int j = 0; j < v; j++) {
                    assertEquals(whole[t * v + j], p[j], 1e-5, "step " + t + ", character " + j);
                    sum += p[j];
                }
                assertEquals(1, sum, 1e-5);
            }
        }
    }

    private static double heldOutBits(LstmContender lstm, CharText text, LstmSpec spec) {
        int n = text.testWindows();
        int[] inputs = new int[n * spec.sequence()];
        int[] targets = new int[n * spec.sequence()];
        float[] p = new float[n * spec.sequence() * spec.vocabulary()];
        text.testInputs(0, n, inputs);
        text.testTargets(0, n, targets);
        lstm.predict(inputs, n, p);
        double bits = 0;
        for (int i = 0; i < targets.length; i++) {
            bits -= Math.log(p[i * spec.vocabulary() + targets[i]]) / Math.log(2);
        }
        return bits / targets.length;
    }
}
