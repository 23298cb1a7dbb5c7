package dev.glia.core.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.core.EpochResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress bar against a clock the test moves by hand: every figure on the line is known. */
class ProgressBarTest {
    private long now;

    @Test
    void plainOutputIsOneLinePerEpoch() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), false, () -> now);
        bar.trainingStarted(2, 100, 250); // batches of 100, 100, 50
        now += 1_000_000_000L;
        bar.batchEnded(1, 1, 3, 1.0);
        now += 1_000_000_000L;
        bar.batchEnded(1, 2, 3, 0.5);
        now += 500_000_000L;
        bar.batchEnded(1, 3, 3, 0.2);
        now += 7_000_000_000L; // validation time is not training time
        bar.epochEnded(new EpochResult(1, 2, 0.64, 0.7, 0.875, 1));
        assertEquals(
                "epoch 1/2  loss 0.6400  val_loss 0.7000  val_acc 87.50%  100 samples/s  2.5 s  best\n",
                text.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void terminalOutputRedrawsABarWithRateAndEta() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), true, () -> now);
        bar.trainingStarted(10, 100, 1000);
        for (int batch = 1; batch <= 4; batch++) {
            bar.batchEnded(3, batch, 10, 0.25); // the first draws at once, the next three are too soon
        }
        assertEquals("\repoch  3/10 [==>                     ] 1/10  loss 0.2500  0 samples/s  ETA ?", text.toString());
        now += 2_000_000_000L;
        bar.batchEnded(3, 5, 10, 0.25); // 500 samples in 2 s: 250/s, 500 left: 2 s
        String line = text.toString();
        assertTrue(
                line.endsWith("\repoch  3/10 [============>           ] 5/10  loss 0.2500  250 samples/s  ETA 0:02"),
                line);
        now += 10_000_000L; // 10 ms later: too soon to redraw
        bar.batchEnded(3, 6, 10, 0.25);
        assertEquals(line, text.toString());
        now += 200_000_000L;
        bar.batchEnded(3, 7, 10, 0.25);
        assertTrue(text.toString().endsWith(" 7/10  loss 0.2500  317 samples/s  ETA 0:01"), text.toString());
    }

    @Test
    void clockTimes() {
        assertEquals("0:07", ProgressBar.clockTime(7.2));
        assertEquals("2:05", ProgressBar.clockTime(125));
        assertEquals("1:01:01", ProgressBar.clockTime(3661));
    }
}
