package dev.glia.api.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link Philox} against the published Philox-4x32-10 known answers, and the fills against values worked out
 * from those words by hand.
 */
class PhiloxTest {
    /**
     * The three {@code philox4x32 10} lines of Random123's {@code tests/kat_vectors} (D. E. Shaw Research,
     * github.com/DEShawResearch/random123): counter (4 words), key (2 words), expected output (4 words).
     */
    private static final int[][] KNOWN_ANSWERS = {
        {
            0x00000000,
            0x00000000,
            0x00000000,
            0x00000000,
            0x00000000,
            0x00000000,
            0x6627e8d5,
            0xe169c58d,
            0xbc57ac4c,
            0x9b00dbd8
        },
        {
            0xffffffff,
            0xffffffff,
            0xffffffff,
            0xffffffff,
            0xffffffff,
            0xffffffff,
            0x408f276d,
            0x41c83b0e,
            0xa20bc7c6,
            0x6d5451fd
        },
        {
            0x243f6a88,
            0x85a308d3,
            0x13198a2e,
            0x03707344,
            0xa4093822,
            0x299f31d0,
            0xd16cfe09,
            0x94fdcceb,
            0x5001e420,
            0x24126ea1
        },
    };

    @Test
    void matchesThePublishedKnownAnswers() {
        for (int[] v : KNOWN_ANSWERS) {
            int[] out = new int[6];
            Philox.block(v[0], v[1], v[2], v[3], v[4], v[5], out, 2);
            assertArrayEquals(
                    new int[] {0, 0, v[6], v[7], v[8], v[9]},
                    out,
                    () -> "philox4x32-10 of counter " + Integer.toHexString(v[0]) + "...");
        }
    }

    @Test
    void unitIsTheWordPlusAHalfTimesTwoToTheMinus32() {
        assertEquals(0x1p-33, Philox.unit(0));
        assertEquals(1 - 0x1p-33, Philox.unit(0xffffffff));
        assertEquals(0.5 + 0x1p-33, Philox.unit(0x80000000));
        assertEquals(0, Philox.counters(0));
        assertEquals(1, Philox.counters(1));
        assertEquals(1, Philox.counters(4));
        assertEquals(2, Philox.counters(5));
    }

    /** Seed 0, offset 0: counter (0, 0, 0, 0) and key (0, 0), the first known answer. */
    @Test
    void uniformFillUsesTheWordsInOrder() {
        double[] u = new double[5];
        Philox.uniform(0, 0, -1, 3, u);
        int[] w = {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8};
        for (int i = 0; i < 4; i++) {
            assertEquals(-1 + 4 * ((Integer.toUnsignedLong(w[i]) + 0.5) / 4294967296.0), u[i], 0, "element " + i);
        }
        int[] next = new int[4];
        Philox.block(1, 0, 0, 0, 0, 0, next, 0);
        assertEquals(-1 + 4 * Philox.unit(next[0]), u[4], 0, "element 4 is word 0 of counter 1");
        float[] f = new float[5];
        Philox.uniform(0, 0, -1, 3, f);
        for (int i = 0; i < 5; i++) {
            assertEquals((float) u[i], f[i], "the float fill is the double fill rounded once");
        }
    }

    /** The key is the seed's halves (low word first) and the counter the offset's halves (low word first). */
    @Test
    void seedAndOffsetAreSplitLowWordFirst() {
        long seed = 0x299f31d0_a4093822L;
        long offset = 0x85a308d3_243f6a88L;
        double[] u = new double[4];
        Philox.uniform(seed, offset, 0, 1, u);
        int[] w = new int[4];
        Philox.block(0x243f6a88, 0x85a308d3, 0, 0, 0xa4093822, 0x299f31d0, w, 0);
        for (int i = 0; i < 4; i++) {
            assertEquals(Philox.unit(w[i]), u[i], 0);
        }
    }

    @Test
    void normalIsBoxMullerOnPairs() {
        double[] z = new double[3];
        Philox.normal(7, 11, 2, 3, z);
        int[] w = new int[4];
        Philox.block(11, 0, 0, 0, 7, 0, w, 0);
        double r0 = Math.sqrt(-2 * Math.log(Philox.unit(w[0])));
        double r1 = Math.sqrt(-2 * Math.log(Philox.unit(w[2])));
        assertEquals(2 + 3 * r0 * Math.cos(2 * Math.PI * Philox.unit(w[1])), z[0], 1e-12);
        assertEquals(2 + 3 * r0 * Math.sin(2 * Math.PI * Philox.unit(w[1])), z[1], 1e-12);
        assertEquals(2 + 3 * r1 * Math.cos(2 * Math.PI * Philox.unit(w[3])), z[2], 1e-12, "odd last element: z0");
    }

    /** Filling n (a multiple of 4) and then m elements from offset + n / 4 equals one fill of n + m. */
    @Test
    void aFillContinuesWhereTheLastEnded() {
        double[] whole = new double[13];
        Philox.normal(42, 5, 0, 1, whole);
        double[] first = new double[8];
        double[] rest = new double[5];
        Philox.normal(42, 5, 0, 1, first);
        Philox.normal(42, 5 + Philox.counters(8), 0, 1, rest);
        for (int i = 0; i < 13; i++) {
            assertEquals(whole[i], i < 8 ? first[i] : rest[i - 8], 0, "element " + i);
        }
    }

    /** Seeded statistics: a million uniforms and normals have the right mean and variance. */
    @Test
    void momentsAreRight() {
        int n = 1 << 20;
        double[] u = new double[n];
        Philox.uniform(123, 0, 0, 1, u);
        double[] z = new double[n];
        Philox.normal(123, 0, 0, 1, z);
        double su = 0;
        double suu = 0;
        double sz = 0;
        double szz = 0;
        for (int i = 0; i < n; i++) {
            assertTrue(u[i] > 0 && u[i] < 1);
            su += u[i];
            suu += u[i] * u[i];
            sz += z[i];
            szz += z[i] * z[i];
        }
        // standard errors: uniform mean 2.8e-4, variance 8e-5; normal mean 1e-3, variance 1.4e-3 (5 sigma bounds)
        assertEquals(0.5, su / n, 5 * 2.9e-4);
        assertEquals(1.0 / 12, suu / n - (su / n) * (su / n), 5 * 8.2e-5);
        assertEquals(0, sz / n, 5 * 1e-3);
        assertEquals(1, szz / n - (sz / n) * (sz / n), 5 * 1.4e-3);
    }
}
