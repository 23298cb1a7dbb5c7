package dev.glia.benchmarks;

import dev.glia.benchmarks.report.Table;
import dev.glia.benchmarks.report.Table.Format;
import dev.glia.benchmarks.spi.BenchSystem;
import dev.glia.benchmarks.spi.Task;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code benchmarks/run predictor [--clients LIST]}: single-sample predictions per second of the Fashion-MNIST MLP
 * (784-256-128-10) through Glia's {@code Predictor}, with 1, 2 and 8 client threads calling it at once, on each Glia
 * backend. Each client count runs with as many replicas as clients, and the largest count once more with the
 * default (one replica per processor), so the table shows both the scaling and the cost of waiting for a replica.
 * It needs no data set (seeded random weights and pixels) and no peer framework.
 */
final class PredictorCommand extends Comparison {
    /** The CSV header, a fixed interface. */
    static final String CSV_HEADER = "system,clients,replicas,predictions_per_s,vs_one_client";
    /** The client counts measured unless {@code --clients} says otherwise. */
    static final String DEFAULT_CLIENTS = "1,2,8";
    /**
     * Warm-up before the first configuration, long enough for the JIT to compile the prediction path even on a busy
     * machine (with 1 s, the first configuration's rounds still rose threefold).
     */
    static final long FIRST_WARMUP_NANOS = 5_000_000_000L;
    /** Warm-up before each later configuration (its replicas are new, the code is not). */
    static final long WARMUP_NANOS = 1_000_000_000L;

    private final List<Map<String, String>> rows = new ArrayList<>();
    private long seed;
    private String clients;
    private int rounds;

    PredictorCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    static Table newTable() {
        return new Table(List.of(
                Table.column("system", "system", Format.TEXT),
                Table.column("clients", "client threads", Format.INTEGER),
                Table.column("replicas", "replicas", Format.INTEGER),
                Table.column("predictions_per_s", "predictions/s", Format.INTEGER),
                Table.column("vs_one_client", "× one client", Format.TWO_DECIMALS)));
    }

    /** The client counts in {@code list} (comma-separated, each 1 to 1024). */
    static List<Integer> parseClients(String list) {
        List<Integer> out = new ArrayList<>();
        for (String s : list.split(",", -1)) {
            if (s.isBlank()) {
                continue;
            }
            int n;
            try {
                n = Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                throw new Args.UsageException("--clients needs whole numbers, got '" + s.trim() + "'");
            }
            if (n < 1 || n > 1024) {
                throw new Args.UsageException("--clients: each count must be 1 to 1024, got " + n);
            }
            out.add(n);
        }
        if (out.isEmpty()) {
            throw new Args.UsageException("--clients needs at least one count");
        }
        return out;
    }

    /**
     * The (clients, replicas) pairs to measure: each count with as many replicas, then the largest count with
     * {@code processors} replicas (the Predictor's default) when that is fewer.
     */
    static List<int[]> configurations(List<Integer> clients, int processors) {
        List<int[]> out = new ArrayList<>();
        int most = 0;
        for (int c : clients) {
            out.add(new int[] {c, c});
            most = Math.max(most, c);
        }
        if (processors < most) {
            out.add(new int[] {most, processors});
        }
        return out;
    }

    @Override
    Task task() {
        return Task.PREDICTOR;
    }

    @Override
    Set<String> valued() {
        return Set.of("seed", "clients", "rounds");
    }

    @Override
    void configure(Args args) {
        seed = args.getLong("seed", 42);
        clients = args.get("clients", DEFAULT_CLIENTS);
        parseClients(clients);
        rounds = args.getInt("rounds", 5, 1);
    }

    @Override
    List<String> workerArgs() {
        return List.of("--seed", Long.toString(seed), "--clients", clients, "--rounds", Integer.toString(rounds));
    }

    @Override
    void accept(BenchSystem system, List<Map<String, String>> results) {
        rows.addAll(results);
    }

    @Override
    void report() {
        Map<String, Double> oneClient = new LinkedHashMap<>();
        for (Map<String, String> r : rows) {
            if ("1".equals(r.get("clients"))) {
                oneClient.put(r.get("system"), number(r, "predictions_per_s"));
            }
        }
        Table table = newTable();
        StringBuilder perRound = new StringBuilder("Predictions/s of each round:\n\n");
        for (Map<String, String> r : rows) {
            double perSecond = number(r, "predictions_per_s");
            Double base = oneClient.get(r.get("system"));
            table.row(
                    r.get("system"),
                    Integer.parseInt(r.get("clients")),
                    Integer.parseInt(r.get("replicas")),
                    perSecond,
                    base == null ? Double.NaN : perSecond / base);
            perRound.append(String.format(
                    Locale.ROOT,
                    "- %s, %s clients, %s replicas: %s%n",
                    r.get("system"),
                    r.get("clients"),
                    r.get("replicas"),
                    r.get("rounds")));
        }
        write(
                "predictor",
                "Concurrent single-sample inference through Predictor",
                table,
                perRound.toString(),
                "MLP 784-256-128-10 (relu, relu, softmax; seeded random weights loaded from a model file), "
                        + SAMPLES_NOTE + "; median of " + rounds
                        + " rounds of 1 s after 5 s of warm-up for the first configuration and 1 s"
                        + " for each later one, every "
                        + "answer checked against one network on one thread; replicas made before the clock starts");
    }

    private static final String SAMPLES_NOTE = "each client cycling through 1,000 seeded random images from its own "
            + "offset, one Predictor.predict(float[]) per image";
}
