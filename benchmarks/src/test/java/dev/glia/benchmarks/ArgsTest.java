package dev.glia.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {
    private static final Set<String> VALUED = Set.of("epochs", "systems", "data");
    private static final Set<String> FLAGS = Set.of("plot");

    @Test
    void readsValuesFlagsAndBothSpellings() {
        Args a = Args.parse(List.of("--epochs", "5", "--systems=glia-ejml,dl4j", "--plot"), VALUED, FLAGS);
        assertEquals(5, a.getInt("epochs", 3, 1));
        assertEquals(List.of("glia-ejml", "dl4j"), a.list("systems", null));
        assertTrue(a.flag("plot"));
        assertEquals("/x", a.get("data", "/x"));
        assertFalse(a.has("data"));
    }

    @Test
    void defaultsApplyWhenAbsent() {
        Args a = Args.parse(List.of(), VALUED, FLAGS);
        assertEquals(3, a.getInt("epochs", 3, 1));
        assertFalse(a.flag("plot"));
        assertEquals(List.of("all"), a.list("systems", List.of("all")));
    }

    @Test
    void listsDropBlanksAndTrim() {
        assertEquals(
                List.of("a", "b"),
                Args.parse(List.of("--systems", " a, ,b ,"), VALUED, FLAGS).list("systems", null));
    }

    @Test
    void unknownOptionsNameTheKnownOnes() {
        Args.UsageException e =
                assertThrows(Args.UsageException.class, () -> Args.parse(List.of("--epoch", "3"), VALUED, FLAGS));
        assertTrue(e.getMessage().contains("--epoch") && e.getMessage().contains("--epochs"), e.getMessage());
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThrows(Args.UsageException.class, () -> Args.parse(List.of("--epochs"), VALUED, FLAGS));
        assertThrows(Args.UsageException.class, () -> Args.parse(List.of("--epochs", "--plot"), VALUED, FLAGS));
        assertThrows(
                Args.UsageException.class,
                () -> Args.parse(List.of("--epochs", "three"), VALUED, FLAGS).getInt("epochs", 3, 1));
        assertThrows(
                Args.UsageException.class,
                () -> Args.parse(List.of("--epochs", "0"), VALUED, FLAGS).getInt("epochs", 3, 1));
        assertThrows(Args.UsageException.class, () -> Args.parse(List.of("--plot=yes"), VALUED, FLAGS));
        assertThrows(
                Args.UsageException.class,
                () -> Args.parse(List.of("--systems", ","), VALUED, FLAGS).list("systems", null));
    }

    @Test
    void positionalWordsAndDoubleDash() {
        Args a = Args.parse(List.of("x", "--plot", "--", "--epochs"), VALUED, FLAGS);
        assertEquals(List.of("x", "--epochs"), a.positional());
    }
}
