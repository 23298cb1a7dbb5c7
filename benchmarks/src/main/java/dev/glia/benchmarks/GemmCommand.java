package dev.glia.benchmarks;

import dev.glia.benchmarks.report.Table;
import dev.glia.benchmarks.report.Table.Format;
import dev.glia.benchmarks.spi.BenchSystem;
import dev.glia.benchmarks.spi.Task;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code benchmarks/run gemm [--sizes LIST] [--systems LIST]}: C = A·B in float32 on every system at the
 * MLP's shapes and at 1024³, GFLOPS (median of rounds). {@code nd4j-1t} is ND4J's sgemm on one OpenBLAS
 * thread, the single-thread BLAS reference.
 */
final class GemmCommand extends Comparison {
    /** The CSV header, a fixed interface. */
    static final String CSV_HEADER = "system,m,k,n,gflops";
    /**
     * The MLP's products at batch 128, as m×k×n of C[m×n] = A[m×k]·B[k×n]: layer 1 forward, the same sizes
     * with k and n swapped (the shape of layer 1's input gradient), layer 1's weight gradient, layer 2
     * forward and weight gradient; then 1024³.
     */
    static final String DEFAULT_SIZES = "128x784x256,128x256x784,784x128x256,128x256x128,256x128x128,1024";

    private String sizesText;
    private final List<Map<String, String>> rows = new ArrayList<>();

    GemmCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    /**
     * Parses {@code 128x784x256,1024}: each item {@code MxKxN}, or one number for a cube. Sizes must be at
     * least 1 and each operand at most 2^28 elements.
     */
    static List<int[]> parseSizes(String text) {
        List<int[]> out = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            String s = item.trim().toLowerCase(java.util.Locale.ROOT).replace('×', 'x');
            if (s.isEmpty()) {
                continue;
            }
            String[] p = s.split("x", -1);
            int[] mkn;
            try {
                if (p.length == 1) {
                    int d = Integer.parseInt(p[0]);
                    mkn = new int[] {d, d, d};
                } else if (p.length == 3) {
                    mkn = new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])};
                } else {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new Args.UsageException(
                        "--sizes: '" + item.trim() + "' is not MxKxN or N (e.g. 128x784x256 or" + " 1024)");
            }
            for (int d : mkn) {
                if (d < 1) {
                    throw new Args.UsageException("--sizes: every size must be at least 1, got '" + item.trim() + "'");
                }
            }
            if ((long) mkn[0] * mkn[1] > (1 << 28)
                    || (long) mkn[1] * mkn[2] > (1 << 28)
                    || (long) mkn[0] * mkn[2] > (1 << 28)) {
                throw new Args.UsageException(
                        "--sizes: '" + item.trim() + "' is too large (2^28 elements per matrix" + " at most)");
            }
            out.add(mkn);
        }
        if (out.isEmpty()) {
            throw new Args.UsageException("--sizes needs at least one size");
        }
        return out;
    }

    static Table newTable() {
        return new Table(List.of(
                Table.column("system", "system", Format.TEXT),
                Table.column("m", "m", Format.INTEGER),
                Table.column("k", "k", Format.INTEGER),
                Table.column("n", "n", Format.INTEGER),
                Table.column("gflops", "GFLOPS", Format.TWO_DECIMALS)));
    }

    /** GFLOPS with one row per size and one column per system, for reading. */
    private String pivot() {
        java.util.LinkedHashMap<String, java.util.Map<String, Double>> bySize = new java.util.LinkedHashMap<>();
        java.util.LinkedHashSet<String> systems = new java.util.LinkedHashSet<>();
        for (Map<String, String> r : rows) {
            String size = r.get("m") + "×" + r.get("k") + "×" + r.get("n");
            systems.add(r.get("system"));
            bySize.computeIfAbsent(size, x -> new java.util.HashMap<>()).put(r.get("system"), number(r, "gflops"));
        }
        if (bySize.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("GFLOPS by size (m×k×n):\n\n| m×k×n |");
        systems.forEach(x -> sb.append(' ').append(x).append(" |"));
        sb.append("\n|---|");
        systems.forEach(x -> sb.append("---:|"));
        sb.append('\n');
        bySize.forEach((size, values) -> {
            sb.append("| ").append(size).append(" |");
            for (String x : systems) {
                Double v = values.get(x);
                sb.append(v == null ? " |" : String.format(java.util.Locale.ROOT, " %.1f |", v));
            }
            sb.append('\n');
        });
        return sb.toString();
    }

    @Override
    Task task() {
        return Task.GEMM;
    }

    @Override
    Set<String> valued() {
        return Set.of("sizes", "rounds");
    }

    private int rounds;

    @Override
    void configure(Args args) {
        sizesText = args.get("sizes", DEFAULT_SIZES);
        parseSizes(sizesText); // a bad list fails here, before any worker starts
        rounds = args.getInt("rounds", 5, 1);
    }

    @Override
    List<String> workerArgs() {
        return List.of("--sizes", sizesText, "--rounds", Integer.toString(rounds));
    }

    @Override
    void accept(BenchSystem system, List<Map<String, String>> results) {
        rows.addAll(results);
    }

    @Override
    void report() {
        Table table = newTable();
        for (Map<String, String> r : rows) {
            table.row(
                    r.get("system"),
                    Integer.parseInt(r.get("m")),
                    Integer.parseInt(r.get("k")),
                    Integer.parseInt(r.get("n")),
                    number(r, "gflops"));
        }
        write(
                "gemm",
                "Matrix product C = A·B, float32",
                table,
                pivot(),
                "C[m×n] = A[m×k]·B[k×n], float32, row-major, no transposes, into a preallocated C (DJL-PyTorch's"
                        + " matMul allocates its result); GFLOPS = 2mkn / time, median of " + rounds
                        + " rounds of at least 0.3 s after 1 s of warm-up; each result's C[0][0] checked against"
                        + " a float64 host computation; nd4j-1t = ND4J's sgemm with OpenBLAS limited to one thread");
    }
}
