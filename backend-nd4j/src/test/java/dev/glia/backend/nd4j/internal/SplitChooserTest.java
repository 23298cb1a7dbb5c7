package dev.glia.backend.nd4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SplitChooserTest {

    /** Runs {@code calls} calls of a shape whose split takes {@code split} ns and single {@code single}; returns splits. */
    private static int simulate(SplitChooser chooser, long key, int calls, long single, long split) {
        int splits = 0;
        for (int i = 0; i < calls; i++) {
            int slot = chooser.slot(key);
            boolean s = chooser.shouldSplit(slot);
            splits += s ? 1 : 0;
            chooser.record(slot, s, s ? split : single);
        }
        return splits;
    }

    @Test
    void keepsSplittingWhereItPays() {
        SplitChooser c = new SplitChooser();
        int splits = simulate(c, 42, 640, 1000, 600);
        assertTrue(splits > 600, "split " + splits + " of 640"); // all but the warm-up and exploration calls
    }

    @Test
    void stopsSplittingWhereItDoesNotPay() {
        SplitChooser c = new SplitChooser();
        int splits = simulate(c, 42, 640, 1000, 950); // within the margin: the other core is left alone
        assertTrue(splits < 40, "split " + splits + " of 640");
    }

    @Test
    void followsAChangeOfLoad() {
        SplitChooser c = new SplitChooser();
        simulate(c, 7, 320, 1000, 500); // a quiet machine: split
        simulate(c, 7, 320, 1000, 3000); // the second core got busy
        assertTrue(simulate(c, 7, 320, 1000, 3000) < 20);
        simulate(c, 7, 640, 1000, 500); // quiet again
        assertTrue(simulate(c, 7, 320, 1000, 500) > 290);
    }

    @Test
    void shapesAreLearntSeparatelyAndAFullTableNeverSplits() {
        SplitChooser c = new SplitChooser();
        simulate(c, 1, 200, 1000, 500);
        simulate(c, 2, 200, 1000, 2000);
        assertTrue(c.means(1)[1] < c.means(1)[0]);
        assertTrue(c.means(2)[1] > c.means(2)[0]);
        for (long k = 3; k < 300; k++) {
            c.slot(k);
        }
        int full = c.slot(12345);
        assertEquals(-1, full);
        assertFalse(c.shouldSplit(full));
    }
}
