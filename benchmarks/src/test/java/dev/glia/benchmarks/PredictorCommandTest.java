package dev.glia.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glia.benchmarks.glia.GliaPredictor;
import dev.glia.benchmarks.glia.GliaSystem;
import dev.glia.benchmarks.spi.BenchSystem;
import dev.glia.benchmarks.spi.Task;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The predictor subcommand: its CSV header, its options, that it is Glia's only, and one short measurement. */
class PredictorCommandTest {
    @Test
    void theCsvHeaderIsFixed() {
        assertEquals(
                "system,clients,replicas,predictions_per_s,vs_one_client",
                PredictorCommand.newTable().csvHeader());
        assertEquals(PredictorCommand.CSV_HEADER, PredictorCommand.newTable().csvHeader());
    }

    @Test
    void clientCountsAreCheckedAndTheDefaultReplicaCountIsAdded() {
        assertEquals(List.of(1, 2, 8), PredictorCommand.parseClients(PredictorCommand.DEFAULT_CLIENTS));
        assertThrows(Args.UsageException.class, () -> PredictorCommand.parseClients("1,zero"));
        assertThrows(Args.UsageException.class, () -> PredictorCommand.parseClients("0"));
        assertThrows(Args.UsageException.class, () -> PredictorCommand.parseClients(" , "));
        List<int[]> configs = PredictorCommand.configurations(List.of(1, 2, 8), 2);
        assertEquals(
                List.of("1x1", "2x2", "8x8", "8x2"),
                configs.stream().map(c -> c[0] + "x" + c[1]).toList());
        assertEquals(3, PredictorCommand.configurations(List.of(1, 2, 8), 8).size());
    }

    @Test
    void onlyGliaSystemsRunIt() {
        BenchSystem peer = new BenchSystem() {
            @Override
            public String name() {
                return "dl4j";
            }

            @Override
            public Set<Task> tasks() {
                return EnumSet.allOf(Task.class);
            }
        };
        Systems systems = Systems.of(List.of(new GliaSystem("ejml", null), peer));
        List<String> skipped = new ArrayList<>();
        List<BenchSystem> chosen = systems.select(null, Task.PREDICTOR, skipped);
        assertEquals(
                List.of("glia-ejml"), chosen.stream().map(BenchSystem::name).toList());
        assertEquals(List.of(), skipped, "the peers are not even offered");
        assertTrue(systems.select(List.of("dl4j"), Task.PREDICTOR, skipped).isEmpty());
        assertTrue(skipped.get(0).contains("does not run the predictor benchmark"), skipped.get(0));
    }

    @Test
    void aShortMeasurementOnEjmlChecksEveryAnswer() {
        try (GliaPredictor bench = new GliaPredictor("ejml", 7)) {
            double[] perSecond =
                    bench.measure(2, 2, 50_000_000L, 100_000_000L, 2, new PrintStream(OutputStream.nullOutputStream()));
            assertEquals(2, perSecond.length);
            for (double p : perSecond) {
                assertTrue(p > 0, "predictions/s " + p);
            }
        }
    }
}
