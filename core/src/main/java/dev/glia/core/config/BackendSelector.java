package dev.glia.core.config;

import dev.glia.api.Backend;
import dev.glia.api.spi.Availability;
import dev.glia.api.spi.BackendOptions;
import dev.glia.api.spi.BackendProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds backend providers and picks one by configuration. {@code auto} takes the available,
 * auto-eligible provider of highest rank; a name takes that provider if it is available. Anything
 * else fails with a report of every provider, its state and reason.
 */
public final class BackendSelector {
    private static final Logger LOG = LoggerFactory.getLogger(BackendSelector.class);

    private final List<BackendProvider> providers;

    /** A selector over these providers (sorted by rank, highest first; names must be unique). */
    public BackendSelector(Collection<? extends BackendProvider> providers) {
        Map<String, BackendProvider> byName = new LinkedHashMap<>();
        for (BackendProvider p : providers) {
            BackendProvider previous = byName.putIfAbsent(p.name(), p);
            if (previous != null && previous.getClass() != p.getClass()) {
                throw new IllegalStateException("Two backend providers are named '" + p.name() + "': "
                        + previous.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        List<BackendProvider> sorted = new ArrayList<>(byName.values());
        sorted.sort(Comparator.comparingInt(BackendProvider::rank).reversed().thenComparing(BackendProvider::name));
        this.providers = List.copyOf(sorted);
    }

    /** The providers registered in {@code META-INF/services} of the class path, plus {@code extra}. */
    public static BackendSelector discover(Collection<? extends BackendProvider> extra) {
        List<BackendProvider> all = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class, Thread.currentThread().getContextClassLoader())
                .forEach(all::add);
        all.addAll(extra);
        return new BackendSelector(all);
    }

    /** The providers, highest rank first. */
    public List<BackendProvider> providers() {
        return providers;
    }

    /** Creates the backend that {@code config} names. */
    public Backend create(GliaConfig config) {
        String wanted = config.backend();
        BackendOptions options = BackendOptions.of(config.asMap());
        if (GliaConfig.AUTO.equals(wanted)) {
            for (BackendProvider p : providers) {
                Availability a = safeProbe(p, options);
                if (a.available() && a.autoEligible()) {
                    LOG.info("Backend auto-selected: {} ({})", p.name(), a.detail());
                    return p.create(options);
                }
            }
            throw new IllegalStateException("No backend is available for glia.backend=auto.\n" + report(options)
                    + "\nAdd a backend jar (glia-backend-ejml works everywhere) to the class path.");
        }
        for (BackendProvider p : providers) {
            if (p.name().equals(wanted)) {
                Availability a = safeProbe(p, options);
                if (!a.available()) {
                    throw new IllegalStateException(
                            "Backend '" + wanted + "' (set by " + config.origin(GliaConfig.BACKEND)
                                    + ") is unavailable: " + a.detail() + "\n" + report(options));
                }
                LOG.info("Backend selected: {} ({})", p.name(), a.detail());
                return p.create(options);
            }
        }
        throw new IllegalStateException("Unknown backend '" + wanted + "' (set by " + config.origin(GliaConfig.BACKEND)
                + "). Known backends:\n" + report(options)
                + "\nUse one of these names or 'auto', or add the backend's jar to the class path.");
    }

    /** One line per provider: name, rank, state and detail. */
    public String report(BackendOptions options) {
        StringBuilder sb = new StringBuilder();
        if (providers.isEmpty()) {
            sb.append("  (no backend provider found on the class path)\n");
        }
        for (BackendProvider p : providers) {
            Availability a = safeProbe(p, options);
            String state = !a.available() ? "unavailable" : a.autoEligible() ? "available" : "available by name only";
            sb.append(String.format("  %-10s rank %-4d %-22s %s%n", p.name(), p.rank(), state, a.detail()));
        }
        return sb.toString().stripTrailing();
    }

    private static Availability safeProbe(BackendProvider p, BackendOptions options) {
        try {
            return p.probe(options);
        } catch (RuntimeException | LinkageError e) {
            return Availability.unavailable("probe failed: " + e);
        }
    }
}
