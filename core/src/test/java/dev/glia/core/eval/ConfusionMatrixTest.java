package dev.glia.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every measure checked against numbers worked out by hand. */
class ConfusionMatrixTest {
    //                               samples: 0  1  2  3  4  5  6  7  8  9  10
    private static final int[] ACTUAL = {0, 0, 0, 1, 1, 2, 2, 2, 2, 1, 0};
    private static final int[] PREDICTED = {0, 1, 0, 1, 2, 2, 2, 0, 2, 1, 2};

    private final ConfusionMatrix m = ConfusionMatrix.of(3, ACTUAL, PREDICTED);

    @Test
    void countsByHand() {
        assertArrayEquals(new long[][] {{2, 1, 1}, {0, 2, 1}, {1, 0, 3}}, m.counts());
        assertEquals(11, m.total());
        assertEquals(7, m.correct());
        assertEquals(7.0 / 11, m.accuracy(), 1e-15);
        assertEquals(4, m.support(0));
        assertEquals(5, m.predicted(2));
    }

    @Test
    void precisionRecallAndF1ByHand() {
        // precision = diagonal / column sum (3, 3, 5); recall = diagonal / row sum (4, 3, 4)
        assertEquals(2.0 / 3, m.precision(0), 1e-15);
        assertEquals(2.0 / 3, m.precision(1), 1e-15);
        assertEquals(3.0 / 5, m.precision(2), 1e-15);
        assertEquals(1.0 / 2, m.recall(0), 1e-15);
        assertEquals(2.0 / 3, m.recall(1), 1e-15);
        assertEquals(3.0 / 4, m.recall(2), 1e-15);
        // F1 = 2PR / (P + R): class 0: 2 (2/3)(1/2) / (7/6) = 4/7
        assertEquals(4.0 / 7, m.f1(0), 1e-15);
        assertEquals(2.0 / 3, m.f1(1), 1e-15);
        assertEquals(2.0 / 3, m.f1(2), 1e-15);
        assertEquals(40.0 / 63, m.macroF1(), 1e-15);
    }

    @Test
    void aClassNeverSeenNorPredictedScoresZeroNotNaN() {
        ConfusionMatrix four = ConfusionMatrix.of(4, ACTUAL, PREDICTED);
        assertEquals(0, four.precision(3));
        assertEquals(0, four.recall(3));
        assertEquals(0, four.f1(3));
        assertEquals((4.0 / 7 + 2.0 / 3 + 2.0 / 3) / 4, four.macroF1(), 1e-15);
    }

    @Test
    void plainTextRenderingWithNames() {
        String expected = String.join(
                "\n",
                "true \\ predicted   cat   dog  bird",
                "cat                  2     1     1",
                "dog                  0     2     1",
                "bird                 1     0     3",
                "");
        assertEquals(expected, m.toText(List.of("cat", "dog", "bird")));
        String report = m.report(List.of("cat", "dog", "bird"));
        assertEquals(
                String.join(
                        "\n",
                        "class     precision    recall        f1   support",
                        "cat           0.667     0.500     0.571         4",
                        "dog           0.667     0.667     0.667         3",
                        "bird          0.600     0.750     0.667         4",
                        "accuracy                          0.636        11",
                        "macro F1                          0.635        11",
                        ""),
                report);
    }

    @Test
    void invalidInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(3, new int[] {0}, new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(3, new int[] {3}, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> m.toText(List.of("only one")));
        assertEquals(m.counts()[2][0], ConfusionMatrix.ofCounts(m.counts()).count(2, 0));
    }
}
