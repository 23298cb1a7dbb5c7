package dev.glia.examples.parity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.glia.core.Dataset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The parity generator against an independent count of ones, its seeding and its windows. */
class ParityDataTest {
    @Test
    void theBitsAreTheSeededRandomsBooleansAndTheTargetsTheParityOfTheOnesSoFar() {
        ParityData data = ParityData.generate(7, 13, 123);
        Random reference = new Random(123);
        for (int s = 0; s < 7; s++) {
            int ones = 0;
            for (int t = 0; t < 13; t++) {
                int bit = reference.nextBoolean() ? 1 : 0;
                assertEquals(bit, data.bit(s, t), "bit " + s + "," + t);
                ones += bit;
                assertEquals(ones % 2, data.parity(s, t), "an odd number of ones so far is parity 1");
                assertEquals(ones % 2, data.parities()[s * 13 + t]);
            }
        }
    }

    @Test
    void aHandCheckedStream() {
        // new Random(3).nextBoolean() gives true, true, false, true, false (the JDK specifies its generator)
        ParityData data = ParityData.generate(1, 5, 3);
        int[] bits = new int[5];
        for (int t = 0; t < 5; t++) {
            bits[t] = data.bit(0, t);
        }
        assertArrayEquals(new int[] {1, 1, 0, 1, 0}, bits);
        assertArrayEquals(new int[] {1, 0, 0, 1, 1}, data.parities());
    }

    @Test
    void theSameSeedGivesTheSameStreamsAndHeldOutSeedsDiffer() {
        assertArrayEquals(
                ParityData.generate(50, 20, 42).parities(),
                ParityData.generate(50, 20, 42).parities());
        assertNotEquals(
                java.util.Arrays.toString(ParityData.generate(50, 20, 42).parities()),
                java.util.Arrays.toString(ParityData.generate(50, 20, ParityData.heldOutSeed(42, 20))
                        .parities()));
        for (long seed : new long[] {0, 1, 42, -1, Long.MAX_VALUE, Long.MIN_VALUE}) {
            for (int length : new int[] {20, 50, 100}) {
                assertNotEquals(seed, ParityData.heldOutSeed(seed, length));
            }
        }
    }

    @Test
    void windowsHoldTheLastBitsOldestFirstWithZerosBeforeTheStart() {
        ParityData data = ParityData.generate(2, 5, 3); // stream 0: 1 1 0 1 0
        Dataset w = data.windows(3);
        assertEquals(10, w.size());
        assertArrayEquals(new float[] {0, 0, 1}, w.features(0));
        assertArrayEquals(new float[] {0, 1, 1}, w.features(1));
        assertArrayEquals(new float[] {1, 1, 0}, w.features(2));
        assertArrayEquals(new float[] {1, 0, 1}, w.features(3));
        assertArrayEquals(new float[] {0, 1, 0}, w.features(4));
        assertArrayEquals(new float[] {1}, w.targets(4), "1 1 0 1 0 holds three ones");
        int[] y = data.parities();
        for (int i = 0; i < 10; i++) {
            assertEquals(y[i], w.targets(i)[0]);
        }
        // stream 1 starts afresh: its first window has two zeros before its first bit
        assertEquals(0, w.features(5)[0]);
        assertEquals(0, w.features(5)[1]);
        assertEquals(data.bit(1, 0), (int) w.features(5)[2]);
    }

    @Test
    void stepAccuracyCountsEachStep() {
        ParityData data = ParityData.generate(2, 5, 1);
        int[] y = data.parities();
        float[] outputs = new float[10];
        for (int i = 0; i < 10; i++) {
            outputs[i] = i % 5 < 2 ? y[i] : 1 - y[i]; // right at steps 1 and 2 only
        }
        StepAccuracy a = StepAccuracy.score(data, outputs);
        assertEquals(0.4, a.accuracy(), 1e-12);
        assertEquals(1.0, a.between(1, 2), 1e-12);
        assertEquals(0.0, a.between(3, 5), 1e-12);
    }

    @Test
    void sizesOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ParityData.generate(0, 20, 1));
        assertThrows(IllegalArgumentException.class, () -> ParityData.generate(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> ParityData.generate(1_000_000, 1_000, 1));
        assertThrows(
                IllegalArgumentException.class,
                () -> ParityData.generate(1, 20, 1).windows(0));
    }
}
