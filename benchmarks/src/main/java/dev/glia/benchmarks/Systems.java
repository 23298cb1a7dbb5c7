package dev.glia.benchmarks;

import dev.glia.benchmarks.glia.GliaSystem;
import dev.glia.benchmarks.spi.BenchSystem;
import dev.glia.benchmarks.spi.Task;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Every system the harness knows: the Glia backends on the class path (through {@code BackendSelector}),
 * then the peers registered by {@code src/peers} when built with {@code -Pbench}.
 */
public final class Systems {
    /** The peers' names, known even when they were not built. */
    public static final List<String> PEERS = List.of("dl4j", "djl-pytorch", "djl-pytorch-ftz", "nd4j-1t");

    private final Map<String, BenchSystem> byName = new LinkedHashMap<>();

    private Systems(List<BenchSystem> systems) {
        for (BenchSystem s : systems) {
            byName.putIfAbsent(s.name(), s);
        }
    }

    /** Glia backends and the peers found on the class path. */
    public static Systems discover() {
        List<BenchSystem> all = new ArrayList<>(GliaSystem.discover());
        Iterator<BenchSystem> peers = ServiceLoader.load(BenchSystem.class, Systems.class.getClassLoader())
                .iterator();
        while (true) {
            try {
                if (!peers.hasNext()) {
                    break;
                }
                all.add(peers.next());
            } catch (ServiceConfigurationError e) {
                // a services file left in target/classes by an earlier -Pbench build whose classes are gone:
                // skip that entry
            }
        }
        return new Systems(all);
    }

    /**
     * The one system named {@code name}, found without probing any other: a child JVM measuring
     * {@code glia-ejml} must not load ND4J's or OpenCL's native libraries (probing them would, and would
     * count in its peak RSS). Null when there is no such system on the class path.
     */
    public static BenchSystem only(String name) {
        if (name.startsWith(GliaSystem.PREFIX)) {
            return new GliaSystem(name.substring(GliaSystem.PREFIX.length()), null);
        }
        Iterator<BenchSystem> peers = ServiceLoader.load(BenchSystem.class, Systems.class.getClassLoader())
                .iterator();
        while (true) {
            try {
                if (!peers.hasNext()) {
                    return null;
                }
                BenchSystem s = peers.next();
                if (s.name().equals(name)) {
                    return s;
                }
            } catch (ServiceConfigurationError e) {
                // a stale services file; see discover()
            }
        }
    }

    /** Over a fixed list (tests). */
    public static Systems of(List<BenchSystem> systems) {
        return new Systems(systems);
    }

    /** Every system found, Glia first. */
    public List<BenchSystem> all() {
        return List.copyOf(byName.values());
    }

    /** The system named {@code name}, or null. */
    public BenchSystem get(String name) {
        return byName.get(name);
    }

    /** Why {@code name} cannot run {@code task} here, or null when it can. */
    public String whyNot(String name, Task task) {
        BenchSystem s = byName.get(name);
        if (s == null) {
            if (PEERS.contains(name)) {
                return "not built into this class path: build the module with -Pbench (benchmarks/run does)";
            }
            if (name.startsWith(GliaSystem.PREFIX)) {
                return "no Glia backend '" + name.substring(GliaSystem.PREFIX.length()) + "' on the class path";
            }
            return "unknown system; known: " + String.join(", ", names());
        }
        if (!s.tasks().contains(task) || (task.gliaOnly() && !s.isGlia())) {
            return "does not run the " + task.name().toLowerCase(java.util.Locale.ROOT) + " benchmark";
        }
        return s.unavailableReason();
    }

    /**
     * The systems to run: those named in {@code requested}, or, when it is null, every system that can run
     * {@code task} here. Returns the runnable ones; {@code skipped} receives "name: reason" for the others.
     */
    public List<BenchSystem> select(List<String> requested, Task task, List<String> skipped) {
        List<BenchSystem> out = new ArrayList<>();
        List<String> names = requested != null ? requested : candidates(task);
        for (String n : names) {
            String why = whyNot(n, task);
            if (why == null) {
                out.add(byName.get(n));
            } else {
                skipped.add(n + ": " + why);
            }
        }
        return out;
    }

    private List<String> candidates(Task task) {
        List<String> names = new ArrayList<>();
        for (BenchSystem s : byName.values()) {
            if (s.tasks().contains(task) && (s.isGlia() || !task.gliaOnly()) && s.offeredByDefault()) {
                names.add(s.name());
            }
        }
        for (String p : task.gliaOnly() ? List.<String>of() : PEERS) {
            if (!names.contains(p) && !byName.containsKey(p) && (task == Task.GEMM || !p.equals("nd4j-1t"))) {
                names.add(p);
            }
        }
        return names;
    }

    /** All names known, found or not. */
    public List<String> names() {
        List<String> n = new ArrayList<>(byName.keySet());
        for (String p : PEERS) {
            if (!n.contains(p)) {
                n.add(p);
            }
        }
        return n;
    }
}
