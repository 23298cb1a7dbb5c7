package dev.glia.benchmarks;

import dev.glia.benchmarks.spi.BenchSystem;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * What the training comparisons ({@code throughput}, {@code cnn}, {@code crosscheck}, {@code lstm}) keep of each
 * system's run: its result row, whether it is a Glia backend, and its per-epoch figures; and the table of every Glia
 * backend against every peer that each of them reports.
 */
abstract class TrainingComparison extends Comparison {
    /** Each system's result row, in the order the systems ran. */
    final Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    /** Whether each system is a Glia backend. */
    final Map<String, Boolean> glia = new LinkedHashMap<>();
    /** Each system's per-epoch figures, where its worker reported them. */
    final Map<String, EpochFigures> epochFigures = new LinkedHashMap<>();

    TrainingComparison(PrintStream out, PrintStream err) {
        super(out, err);
    }

    /** The valued options every training comparison takes: the data, the seed, the set sizes and the protocol's. */
    @Override
    Set<String> valued() {
        Set<String> valued = new HashSet<>(Set.of("data", "seed", "train", "test"));
        valued.addAll(TrainingProtocol.VALUED);
        return valued;
    }

    @Override
    final void accept(BenchSystem system, List<Map<String, String>> results) {
        rows.put(system.name(), results.get(0));
        glia.put(system.name(), system.isGlia());
        EpochFigures f = EpochFigures.fromResult(results.get(0));
        if (f != null) {
            epochFigures.put(system.name(), f);
        }
    }

    /**
     * A Markdown table with a row per Glia backend and a column per peer, each cell {@code cell(glia row, peer
     * row)}, under {@code intro}; empty when Glia or the peers did not run.
     */
    String gliaAgainstPeers(String intro, BiFunction<Map<String, String>, Map<String, String>, String> cell) {
        List<String> gliaNames = new ArrayList<>();
        List<String> peers = new ArrayList<>();
        rows.keySet().forEach(n -> (glia.get(n) ? gliaNames : peers).add(n));
        if (gliaNames.isEmpty() || peers.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(intro).append("\n\n| Glia backend |");
        peers.forEach(p -> sb.append(" vs ").append(p).append(" |"));
        sb.append("\n|---|");
        peers.forEach(p -> sb.append("---:|"));
        sb.append('\n');
        for (String g : gliaNames) {
            sb.append("| ").append(g).append(" |");
            for (String p : peers) {
                sb.append(' ').append(cell.apply(rows.get(g), rows.get(p))).append(" |");
            }
            sb.append('\n');
        }
        return sb.append('\n').toString();
    }
}
