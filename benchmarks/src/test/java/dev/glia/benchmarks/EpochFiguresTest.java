package dev.glia.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The protocol's arithmetic, by hand: the steady state (median of the last half) and the whole run's rate. */
class EpochFiguresTest {
    private static final double[] NO_LOSS = {0, 0, 0, 0, 0, 0};

    @Test
    void theSteadyStateIsTheMedianOfTheLastHalfOfTheEpochs() {
        // 12,000 samples per epoch in 6, 4, 3, 2, 1.5 and 1.2 s: 2,000, 3,000, 4,000, 6,000, 8,000, 10,000 samples/s.
        // The last half is epochs 4-6 (6,000, 8,000, 10,000): median 8,000.
        EpochFigures f = new EpochFigures(12_000, new double[] {6, 4, 3, 2, 1.5, 1.2}, NO_LOSS);
        assertArrayEquals(new double[] {2_000, 3_000, 4_000, 6_000, 8_000, 10_000}, f.epochSamplesPerS(), 1e-9);
        assertEquals(8_000, f.steadySamplesPerS(), 1e-9);
    }

    @Test
    void theSteadyStateIgnoresOneSlowEpochInTheLastHalf() {
        // epochs 4-6 at 6,000, 1,000 (a disturbed epoch) and 10,000 samples/s: the median is 6,000, not the mean 5,667
        EpochFigures f = new EpochFigures(12_000, new double[] {6, 4, 3, 2, 12, 1.2}, NO_LOSS);
        assertEquals(6_000, f.steadySamplesPerS(), 1e-9);
    }

    @Test
    void theWholeRunIsAllSamplesOverAllTheTime() {
        // 6 × 12,000 = 72,000 samples in 6 + 4 + 3 + 2 + 1.5 + 1.2 = 17.7 s: 4,067.8 samples/s
        EpochFigures f = new EpochFigures(12_000, new double[] {6, 4, 3, 2, 1.5, 1.2}, NO_LOSS);
        assertEquals(17.7, f.runSeconds(), 1e-12);
        assertEquals(72_000 / 17.7, f.runSamplesPerS(), 1e-9);
        // not the mean of the epochs' rates (5,500), which would weigh a fast epoch as much as a slow one
        assertTrue(f.runSamplesPerS() < 5_500);
    }

    @Test
    void theLastHalfOfAnOddCountLeavesTheMiddleEpochToTheWarmUp() {
        assertEquals(4, EpochFigures.steadyFrom(6));
        assertEquals(5, EpochFigures.steadyFrom(7));
        assertEquals(2, EpochFigures.steadyFrom(2));
        assertEquals(3, EpochFigures.steadyFrom(3));
        assertEquals(1, EpochFigures.steadyFrom(1));
        assertEquals("epochs 4–6", EpochFigures.steadyWindow(6));
        assertEquals("epoch 2", EpochFigures.steadyWindow(2));
        // 7 epochs at 1..7 thousand samples/s (1,000 samples in 1, 1/2, ... 1/7 s): epochs 5-7, median 6,000
        EpochFigures seven =
                new EpochFigures(1_000, new double[] {1, 0.5, 1 / 3.0, 0.25, 0.2, 1 / 6.0, 1 / 7.0}, new double[7]);
        assertEquals(6_000, seven.steadySamplesPerS(), 1e-6);
        // two epochs (--quick): the steady state is epoch 2 alone
        EpochFigures two = new EpochFigures(1_000, new double[] {1, 0.25}, new double[2]);
        assertEquals(4_000, two.steadySamplesPerS(), 1e-9);
        assertEquals(2_000 / 1.25, two.runSamplesPerS(), 1e-9);
    }

    @Test
    void theResultLineCarriesTheEpochsAndComesBackTheSame() {
        EpochFigures f = new EpochFigures(
                12_000, new double[] {6, 4, 3, 2, 1.5, 1.2}, new double[] {0.9, 0.5, 0.45, 0.4, 0.38, 0.37});
        Map<String, String> line = ResultLine.parse(ResultLine.format(f.toResult()));
        assertEquals(8_000, Double.parseDouble(line.get("samples_per_s")), 1e-6);
        assertEquals(72_000 / 17.7, Double.parseDouble(line.get("run_samples_per_s")), 1e-3);
        EpochFigures back = EpochFigures.fromResult(line);
        assertArrayEquals(f.epochSeconds(), back.epochSeconds(), 1e-6);
        assertArrayEquals(f.epochLoss(), back.epochLoss(), 1e-6);
        assertEquals(12_000, back.samplesPerEpoch());
        assertNull(EpochFigures.fromResult(Map.of("samples_per_s", "5")), "a line without epoch times");
    }

    @Test
    void impossibleRecordsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new EpochFigures(0, new double[] {1}, new double[1]));
        assertThrows(IllegalArgumentException.class, () -> new EpochFigures(5, new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new EpochFigures(5, new double[] {1, 0}, new double[2]));
        assertThrows(IllegalArgumentException.class, () -> new EpochFigures(5, new double[] {1}, new double[2]));
    }

    @Test
    void theClockTimesEachEpochAndLeavesTheProbeOut() {
        // a fake clock in ns: start 0, epoch 1 ends at 2 s, the probe takes 5 s, epoch 2 ends 1 s after the probe
        long[] now = {0};
        List<Integer> probed = new ArrayList<>();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        EpochClock clock = new EpochClock(
                "sys", 2, 1_000, new PrintStream(log, true, StandardCharsets.UTF_8), () -> now[0], epoch -> {
                    probed.add(epoch);
                    now[0] += 5_000_000_000L;
                });
        clock.start();
        now[0] = 2_000_000_000L;
        clock.epochEnded(1, 0.7);
        now[0] += 1_000_000_000L;
        clock.epochEnded(2, 0.5);
        EpochFigures f = clock.figures();
        assertArrayEquals(new double[] {2, 1}, f.epochSeconds(), 1e-12);
        assertArrayEquals(new double[] {0.7, 0.5}, f.epochLoss(), 1e-12);
        assertEquals(List.of(1, 2), probed);
        assertEquals(2_000 / 3.0, f.runSamplesPerS(), 1e-9);
        assertTrue(
                log.toString(StandardCharsets.UTF_8).contains("sys: epoch 2/2  1,000 samples/s  loss 0.5000"),
                log::toString);
    }

    @Test
    void theClockRefusesEpochsOutOfOrderOrMissing() {
        long[] now = {0};
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        EpochClock clock = new EpochClock("sys", 3, 10, quiet, () -> now[0]++, e -> {});
        assertThrows(IllegalStateException.class, () -> clock.epochEnded(1, 0), "before start");
        clock.start();
        assertThrows(IllegalStateException.class, () -> clock.epochEnded(2, 0));
        clock.epochEnded(1, 0);
        IllegalStateException missing = assertThrows(IllegalStateException.class, clock::figures);
        assertTrue(missing.getMessage().contains("sys reported 1 epochs of 3"), missing.getMessage());
    }

    @Test
    void thePerEpochTablesListEveryEpochTheSteadyStateAndTheWholeRun() {
        Map<String, EpochFigures> bySystem = new java.util.LinkedHashMap<>();
        bySystem.put("a", new EpochFigures(12_000, new double[] {6, 4, 3, 2, 1.5, 1.2}, new double[] {
            0.9, 0.5, 0.45, 0.4, 0.38, 0.37
        }));
        String md = TrainingProtocol.perEpochMarkdown(bySystem);
        assertTrue(
                md.contains("| system | epoch 1 | epoch 2 | epoch 3 | epoch 4 | epoch 5 | epoch 6 | steady (epochs 4–6)"
                        + " | whole run | training s |"),
                md);
        assertTrue(md.contains("| a | 2,000 | 3,000 | 4,000 | 6,000 | 8,000 | 10,000 | 8,000 | 4,068 | 17.7 |"), md);
        assertTrue(md.contains("| a | 0.9000 | 0.5000 | 0.4500 | 0.4000 | 0.3800 | 0.3700 |"), md);
        assertEquals("", TrainingProtocol.perEpochMarkdown(new HashMap<>()));
    }
}
