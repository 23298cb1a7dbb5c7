package dev.glia.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertEquals(3, Stats.median(5, 1, 3));
        assertEquals(7, Stats.median(7));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertEquals(2.5, Stats.median(4, 1, 3, 2));
        assertEquals(11_000, Stats.median(List.of(12_000.0, 10_000.0)));
    }

    @Test
    void medianDoesNotReorderItsInput() {
        double[] v = {3, 1, 2};
        Stats.median(v);
        assertEquals(3, v[0]);
    }

    @Test
    void medianOfNothingFails() {
        assertThrows(IllegalArgumentException.class, () -> Stats.median(new double[0]));
    }
}
