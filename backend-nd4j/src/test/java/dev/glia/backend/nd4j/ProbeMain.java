package dev.glia.backend.nd4j;

import dev.glia.api.Backend;
import dev.glia.api.spi.Availability;
import dev.glia.api.spi.BackendOptions;
import dev.glia.core.config.BackendSelector;
import dev.glia.core.config.GliaConfig;
import java.util.List;

/**
 * Run in a child JVM by {@link UnavailableNativeLibraryTest}: prints the nd4j probe, probes again (the
 * result is remembered), prints the backend {@code auto} picks and the selector's report.
 */
public final class ProbeMain {
    private ProbeMain() {}

    /** Prints {@code probe=<available>|<detail>}, {@code again=…}, {@code auto=<name>} and the report. */
    public static void main(String[] args) {
        Availability a = new Nd4jBackendProvider().probe(BackendOptions.defaults());
        System.out.println("probe=" + a.available() + "|" + a.detail());
        Availability again = new Nd4jBackendProvider().probe(BackendOptions.defaults());
        System.out.println("again=" + again.available() + "|" + again.detail().equals(a.detail()));
        BackendSelector selector = BackendSelector.discover(List.of());
        try (Backend auto = selector.create(GliaConfig.builder().backend("auto").build())) {
            System.out.println("auto=" + auto.name());
        }
        System.out.println("report:");
        System.out.println(selector.report(BackendOptions.defaults()));
        try {
            selector.create(GliaConfig.builder().backend("nd4j").build()).close();
            System.out.println("named=created");
        } catch (IllegalStateException e) {
            System.out.println(
                    "named=failed|" + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
