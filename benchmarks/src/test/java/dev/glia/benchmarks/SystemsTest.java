package dev.glia.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.benchmarks.glia.GliaSystem;
import dev.glia.benchmarks.spi.BenchSystem;
import dev.glia.benchmarks.spi.Task;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemsTest {
    private static final Systems SYSTEMS =
            Systems.of(List.of(new GliaSystem("ejml", null), new GliaSystem("opencl", "no OpenCL platform")));

    @Test
    void defaultSelectionTakesWhatRunsAndExplainsTheRest() {
        List<String> skipped = new ArrayList<>();
        List<BenchSystem> chosen = SYSTEMS.select(null, Task.THROUGHPUT, skipped);
        assertEquals(
                List.of("glia-ejml"), chosen.stream().map(BenchSystem::name).toList());
        assertTrue(skipped.contains("glia-opencl: no OpenCL platform"), skipped.toString());
        assertTrue(skipped.stream().anyMatch(s -> s.startsWith("dl4j: not built")), skipped.toString());
        assertTrue(skipped.stream().noneMatch(s -> s.startsWith("nd4j-1t")), "nd4j-1t is gemm only");
    }

    @Test
    void gemmAlsoOffersTheSingleThreadReference() {
        List<String> skipped = new ArrayList<>();
        SYSTEMS.select(null, Task.GEMM, skipped);
        assertTrue(skipped.stream().anyMatch(s -> s.startsWith("nd4j-1t: not built")), skipped.toString());
    }

    @Test
    void unknownNamesAreExplained() {
        List<String> skipped = new ArrayList<>();
        assertTrue(SYSTEMS.select(List.of("glia-nd4j", "tensorflow"), Task.XOR, skipped)
                .isEmpty());
        assertTrue(skipped.get(0).contains("no Glia backend 'nd4j'"), skipped.get(0));
        assertTrue(skipped.get(1).contains("unknown system"), skipped.get(1));
    }

    @Test
    void theDefaultBuildFindsTheEjmlBackend() {
        assertTrue(Systems.discover().names().contains("glia-ejml"));
    }
}
