package dev.glia.benchmarks.glia;

import dev.glia.api.Backend;
import dev.glia.api.spi.Availability;
import dev.glia.api.spi.BackendOptions;
import dev.glia.api.spi.BackendProvider;
import dev.glia.core.config.BackendSelector;
import dev.glia.core.config.GliaConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Glia's backends as an application finds them: the providers {@link BackendSelector#discover} sees on
 * the class path, each with its probe, and a backend created by name through {@link GliaConfig}.
 */
public final class GliaBackends {
    /** Providers that are never benchmarked (the float64 reference backend of the testkit). */
    private static final List<String> EXCLUDED = List.of("reference");

    private GliaBackends() {}

    /** A provider and what its probe said. */
    public record Found(String name, int rank, Availability availability) {}

    /** Every provider on the class path with its probe, highest rank first. */
    public static List<Found> discover() {
        List<Found> out = new ArrayList<>();
        BackendOptions options = BackendOptions.of(GliaConfig.fromEnvironment().asMap());
        for (BackendProvider p : BackendSelector.discover(List.of()).providers()) {
            if (EXCLUDED.contains(p.name())) {
                continue;
            }
            Availability a;
            try {
                a = p.probe(options);
            } catch (RuntimeException | LinkageError e) {
                a = Availability.unavailable("probe failed: " + e);
            }
            out.add(new Found(p.name(), p.rank(), a));
        }
        return out;
    }

    /** Creates the backend named {@code name} (e.g. {@code ejml}) the way configuration would. */
    public static Backend open(String name) {
        return open(name, Map.of());
    }

    /** Creates the backend named {@code name} with these {@code glia.*} options set in code. */
    public static Backend open(String name, Map<String, String> options) {
        GliaConfig.Builder config = GliaConfig.builder().backend(name);
        options.forEach(config::set);
        return BackendSelector.discover(List.of()).create(config.build());
    }
}
