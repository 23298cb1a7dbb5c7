package dev.glia.examples.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Temperature sampling against hand-computed distributions, and its seeding. */
class SamplerTest {
    private static double share(float[] p, double temperature, int id) {
        Sampler s = new Sampler(7);
        int hits = 0;
        for (int i = 0; i < 100_000; i++) {
            hits += s.next(p, temperature) == id ? 1 : 0;
        }
        return hits / 100_000.0;
    }

    @Test
    void temperatureOneDrawsTheProbabilities() {
        assertEquals(0.8, share(new float[] {0.2f, 0.8f}, 1.0, 1), 0.01);
    }

    @Test
    void temperatureOneHalfSquaresThem() {
        // 0.2^2 : 0.8^2 = 0.04 : 0.64, so the second is drawn 0.64 / 0.68 = 0.941 of the time
        assertEquals(0.64 / 0.68, share(new float[] {0.2f, 0.8f}, 0.5, 1), 0.01);
    }

    @Test
    void temperatureTwoFlattensThem() {
        // sqrt(0.2) : sqrt(0.8) = 1 : 2
        assertEquals(2.0 / 3, share(new float[] {0.2f, 0.8f}, 2.0, 1), 0.01);
    }

    @Test
    void aTinyTemperatureTakesTheLikeliestWithoutUnderflow() {
        assertEquals(1.0, share(new float[] {0.3f, 0.4f, 0.3f}, 1e-6, 1), 0.0);
        assertTrue(share(new float[] {0f, 1f, 0f}, 1.0, 1) == 1.0, "a zero probability is never drawn");
    }

    @Test
    void theSameSeedDrawsTheSameIds() {
        Sampler a = new Sampler(99);
        Sampler b = new Sampler(99);
        float[] p = {0.1f, 0.2f, 0.3f, 0.4f};
        for (int i = 0; i < 1000; i++) {
            assertEquals(a.next(p, 0.8), b.next(p, 0.8));
        }
    }

    @Test
    void badTemperaturesAndProbabilitiesAreRefused() {
        Sampler s = new Sampler(1);
        assertThrows(IllegalArgumentException.class, () -> s.next(new float[] {1f}, 0));
        assertThrows(IllegalArgumentException.class, () -> s.next(new float[] {1f}, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> s.next(new float[] {0f, 0f}, 1));
        assertThrows(IllegalArgumentException.class, () -> s.next(new float[] {Float.NaN, 1f}, 1));
    }
}
