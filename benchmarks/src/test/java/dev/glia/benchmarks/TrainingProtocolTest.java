package dev.glia.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The protocol's options: 6 epochs by default, --quick for 2 and marked not comparable, not both. */
class TrainingProtocolTest {
    private static TrainingProtocol parse(String... argv) {
        Set<String> valued = new HashSet<>(TrainingProtocol.VALUED);
        return TrainingProtocol.from(Args.parse(List.of(argv), valued, TrainingProtocol.FLAGS));
    }

    @Test
    void sixEpochsByDefaultAndComparable() {
        TrainingProtocol p = parse();
        assertEquals(6, p.epochs());
        assertTrue(p.comparable());
        assertEquals("", p.notComparable());
        assertTrue(p.settings().contains("the median of epochs 4–6"), p.settings());
    }

    @Test
    void quickIsTwoEpochsAndSaysItsFiguresAreNotComparable() {
        TrainingProtocol p = parse("--quick");
        assertEquals(2, p.epochs());
        assertFalse(p.comparable());
        assertTrue(p.notComparable().startsWith("**Not comparable:** --quick ran 2 epochs"), p.notComparable());
    }

    @Test
    void fewerThanSixEpochsAreNotComparableEither() {
        TrainingProtocol p = parse("--epochs", "3");
        assertFalse(p.comparable());
        assertTrue(p.notComparable().contains("this run has 3 epochs"), p.notComparable());
        assertTrue(parse("--epochs", "8").comparable());
    }

    @Test
    void quickAndEpochsTogetherAreAUsageError() {
        Args.UsageException e = assertThrows(Args.UsageException.class, () -> parse("--quick", "--epochs", "4"));
        assertTrue(e.getMessage().contains("either --quick or --epochs"), e.getMessage());
    }
}
